import { equalBytes } from "../primitives/hex.js";
import type { BlockExecutionResult } from "./blockExecutionResult.js";
import type { BlockHeader } from "./blockHeader.js";

/** The state-root check of an execution: whether it matches, or null with the reason it could not be checked. */
export type StateRootCheck = { match: boolean; reason?: undefined } | { match: null; reason: string };

/**
 * Compares the post-state root an executor computed with the header's. Until the executor computes one
 * (`result.stateRoot` undefined), the check is `null` with a reason, never `true`.
 */
export function checkStateRoot(result: BlockExecutionResult, header: BlockHeader): StateRootCheck {
  if (result.stateRoot === undefined)
    return { match: null, reason: "state root not computed by the executor" };
  return { match: equalBytes(result.stateRoot, header.stateRoot) };
}
