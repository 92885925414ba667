import type { Fork } from "../../evm/fork.js";
import type { Log } from "../../evm/log.js";
import { InvalidInputError } from "../../primitives/errors.js";
import { bytesToHex, equalBytes } from "../../primitives/hex.js";
import { stateRoot } from "../../state/stateRoot.js";
import { applyTransaction } from "../applyTransaction.js";
import { InvalidTransactionError } from "../invalidTransactionError.js";
import { logsHash } from "../logsHash.js";
import { buildBlockEnv } from "./buildBlockEnv.js";
import { buildPreState } from "./buildPreState.js";
import { buildTransaction } from "./buildTransaction.js";
import { describeStateDiff } from "./describeStateDiff.js";
import { matchesExpectedException } from "./expectedException.js";
import type { PostCase, StateTest } from "./stateTestModel.js";

/** Whether one (test, fork, index) case reproduced the fixture, and if not, why. */
export type CaseVerdict = { passed: true } | { passed: false; reason: string };

/** The executor a case runs on; tests substitute a stub to exercise the runner on its own. */
export type ApplyTransactionFn = typeof applyTransaction;

/**
 * An error as one line: the name and message, newlines flattened. The name is left out for a plain
 * Error and for InvalidInputError, whose messages already read "Invalid …" / "Missing field …".
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return `thrown non-error: ${String(error)}`;
  const message = error.message.replace(/\s*\n+\s*/g, " ");
  return error.name === "Error" || error instanceof InvalidInputError ? message : `${error.name}: ${message}`;
}

/**
 * Runs one case of a decoded state test: builds the pre-state and the case's transaction, applies
 * it, and checks the rejection (when `expectException` is set), the post-state root and the logs
 * hash. Every exception is caught and becomes a failure naming it; nothing here is skipped.
 */
export function runStateTestCase(
  test: StateTest,
  postCase: PostCase,
  fork: Fork,
  blockHashes: readonly [bigint, Uint8Array][],
  execute: ApplyTransactionFn = applyTransaction,
): CaseVerdict {
  let built: ReturnType<typeof buildTransaction>;
  try {
    built = buildTransaction(test.transaction, postCase.indexes, test.chainId);
  } catch (error) {
    return { passed: false, reason: `malformed fixture: ${errorSummary(error)}` };
  }
  try {
    const state = buildPreState(test.pre, blockHashes);
    let rejection: { reason: string; message: string } | undefined;
    let logs: Log[] = [];
    if (built.kind === "undecodable") {
      rejection = { reason: built.reason, message: built.message };
    } else {
      try {
        const env = buildBlockEnv(test.env, fork, test.chainId);
        logs = execute(state, env, built.tx, test.transaction.sender, fork).logs;
      } catch (error) {
        if (!(error instanceof InvalidTransactionError)) {
          return { passed: false, reason: `execution threw ${errorSummary(error)}` };
        }
        rejection = { reason: error.reason, message: error.shortMessage };
      }
    }

    const expected = postCase.expectException;
    if (expected !== undefined && rejection === undefined) {
      return { passed: false, reason: `expected exception ${expected}, but the transaction was accepted` };
    }
    if (
      expected !== undefined &&
      rejection !== undefined &&
      !matchesExpectedException(expected, rejection.reason)
    ) {
      return {
        passed: false,
        reason: `expected exception ${expected}, got ${rejection.reason} (${rejection.message})`,
      };
    }
    if (expected === undefined && rejection !== undefined) {
      return { passed: false, reason: `transaction rejected as ${rejection.reason}: ${rejection.message}` };
    }

    const root = stateRoot(state);
    if (!equalBytes(root, postCase.hash)) {
      const diff = describeStateDiff(state, postCase.expectedState);
      return {
        passed: false,
        reason:
          `state root ${bytesToHex(root)}, expected ${bytesToHex(postCase.hash)}` +
          (diff ? ` (${diff})` : ""),
      };
    }
    const gotLogs = logsHash(logs);
    if (!equalBytes(gotLogs, postCase.logs)) {
      return {
        passed: false,
        reason: `logs hash ${bytesToHex(gotLogs)}, expected ${bytesToHex(postCase.logs)} (${logs.length} logs)`,
      };
    }
    return { passed: true };
  } catch (error) {
    return { passed: false, reason: `runner threw ${errorSummary(error)}` };
  }
}
