import { describe, expect, it } from "vitest";
import type { TransactionOutcome } from "../../../src/chain/applyTransaction.js";
import { InvalidTransactionError } from "../../../src/chain/invalidTransactionError.js";
import { stateTestBlockHashes } from "../../../src/chain/stateTest/buildPreState.js";
import { parsePostCase, parseStateTest } from "../../../src/chain/stateTest/parseStateTest.js";
import { type ApplyTransactionFn, runStateTestCase } from "../../../src/chain/stateTest/runStateTestCase.js";
import { Fork } from "../../../src/evm/fork.js";
import { bytesToHex, hexToBytes } from "../../../src/primitives/hex.js";
import {
  PRE_STATE_ROOT,
  postEntry,
  RECIPIENT,
  SENDER,
  SENDER_BALANCE,
  singleAccountStateRoot,
  syntheticStateTest,
} from "./syntheticStateTest.js";

// The executor is stubbed: these tests check the runner's verdicts, not the EVM.
const test = parseStateTest("synthetic", syntheticStateTest({}));
const blockHashes = stateTestBlockHashes(test.env.number);

function run(entry: ReturnType<typeof postEntry> | Record<string, unknown>, execute: ApplyTransactionFn) {
  return runStateTestCase(test, parsePostCase(entry, "post.Cancun[0]"), Fork.Cancun, blockHashes, execute);
}

function outcome(fields: Partial<TransactionOutcome> = {}): TransactionOutcome {
  return {
    status: 1,
    gasUsed: 21000n,
    logs: [],
    createdAddress: undefined,
    output: new Uint8Array(0),
    ...fields,
  };
}

const reject =
  (reason: ConstructorParameters<typeof InvalidTransactionError>[0]): ApplyTransactionFn =>
  () => {
    throw new InvalidTransactionError(reason, `stub rejected as ${reason}`);
  };
const acceptUnchanged: ApplyTransactionFn = () => outcome();
const mustNotRun: ApplyTransactionFn = () => {
  throw new Error("executor must not be called");
};

describe("runStateTestCase", () => {
  it("passes a case whose expected rejection happens and whose state root is the untouched pre-state", () => {
    const entry = postEntry({ expectException: "TransactionException.INTRINSIC_GAS_TOO_LOW" });
    expect(run(entry, reject("INTRINSIC_GAS_TOO_LOW"))).toEqual({ passed: true });
  });

  it("accepts any of the |-separated alternatives", () => {
    const entry = postEntry({
      expectException:
        "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS|TransactionException.INTRINSIC_GAS_TOO_LOW",
    });
    expect(run(entry, reject("INTRINSIC_GAS_TOO_LOW"))).toEqual({ passed: true });
  });

  it("fails an expected rejection whose post root does not match", () => {
    const wrong = singleAccountStateRoot(SENDER, 1n, SENDER_BALANCE);
    const verdict = run(
      postEntry({ hash: wrong, expectException: "TransactionException.NONCE_IS_MAX" }),
      reject("NONCE_IS_MAX"),
    );
    expect(verdict).toEqual({ passed: false, reason: `state root ${PRE_STATE_ROOT}, expected ${wrong}` });
  });

  it("fails when the expected rejection does not happen", () => {
    const verdict = run(
      postEntry({ expectException: "TransactionException.INTRINSIC_GAS_TOO_LOW" }),
      acceptUnchanged,
    );
    expect(verdict).toEqual({
      passed: false,
      reason:
        "expected exception TransactionException.INTRINSIC_GAS_TOO_LOW, but the transaction was accepted",
    });
  });

  it("fails a rejection for another reason, naming both", () => {
    const verdict = run(
      postEntry({ expectException: "TransactionException.INTRINSIC_GAS_TOO_LOW" }),
      reject("INSUFFICIENT_ACCOUNT_FUNDS"),
    );
    expect(verdict.passed).toBe(false);
    expect(!verdict.passed && verdict.reason).toMatch(
      /expected exception .*INTRINSIC_GAS_TOO_LOW, got INSUFFICIENT_ACCOUNT_FUNDS/,
    );
  });

  it("fails an unexpected rejection", () => {
    const verdict = run(postEntry({}), reject("NONCE_MISMATCH_TOO_LOW"));
    expect(verdict).toEqual({
      passed: false,
      reason: "transaction rejected as NONCE_MISMATCH_TOO_LOW: stub rejected as NONCE_MISMATCH_TOO_LOW",
    });
  });

  it("turns any other exception into a failure carrying its message", () => {
    const verdict = run(postEntry({}), () => {
      throw new TypeError("boom\nsecond line");
    });
    expect(verdict).toEqual({ passed: false, reason: "execution threw TypeError: boom second line" });
  });

  it("passes an accepted transaction whose post root and logs hash match", () => {
    expect(run(postEntry({}), acceptUnchanged)).toEqual({ passed: true });
  });

  it("fails when the logs hash differs", () => {
    const log = { address: hexToBytes(RECIPIENT), topics: [], data: new Uint8Array(0) };
    const verdict = run(postEntry({}), () => outcome({ logs: [log] }));
    expect(!verdict.passed && verdict.reason).toMatch(
      /^logs hash 0x[0-9a-f]{64}, expected 0x1dcc4de8.* \(1 logs\)$/,
    );
  });

  it("explains a root mismatch from EEST's expected post-state", () => {
    const entry = {
      ...postEntry({}),
      state: {
        [SENDER]: { nonce: "0x01", balance: `0x${SENDER_BALANCE.toString(16)}`, code: "0x", storage: {} },
      },
    };
    const verdict = run(entry, (state, _env, _tx, sender) => {
      state.getAccount(sender)!.balance -= 5n;
      return outcome();
    });
    expect(!verdict.passed && verdict.reason).toContain(
      `(${SENDER} nonce 0x0, expected 0x1; ${SENDER} balance 0xde0b6b3a763fffb, expected 0xde0b6b3a7640000)`,
    );
  });

  it("hands the executor the case's transaction, the block env, the sender and the fork", () => {
    let seen: Parameters<ApplyTransactionFn> | undefined;
    run(postEntry({ data: 1, gas: 1, value: 1 }), (...args) => {
      seen = args;
      return outcome();
    });
    const [state, env, tx, sender, fork] = seen!;
    expect([bytesToHex(tx.data), tx.gasLimit, tx.value, bytesToHex(sender), fork]).toEqual([
      "0x1234",
      400000n,
      1n,
      SENDER,
      Fork.Cancun,
    ]);
    expect([env.number, env.baseFee, env.chainId]).toEqual([1n, 10n, 1n]);
    expect(state.getAccount(sender)!.balance).toBe(SENDER_BALANCE);
  });

  it("rejects an undecodable transaction itself, without calling the executor", () => {
    const entry = postEntry({ value: 2, expectException: "TransactionException.RLP_INVALID_VALUE" });
    expect(run(entry, mustNotRun)).toEqual({ passed: true });
  });

  it("fails an undecodable transaction that the fixture expects to run", () => {
    const verdict = run(postEntry({ value: 2 }), mustNotRun);
    expect(!verdict.passed && verdict.reason).toMatch(
      /^transaction rejected as RLP_INVALID_VALUE: value 0x1(0{63})1 exceeds/,
    );
  });

  it("fails a case whose index is out of range as a malformed fixture", () => {
    const verdict = run(postEntry({ data: 9 }), mustNotRun);
    expect(!verdict.passed && verdict.reason).toMatch(/^malformed fixture: .*data index 9 is out of range/);
  });
});
