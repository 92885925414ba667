import { equalBytes } from "../primitives/hex.js";
import type { BlockExecutionResult } from "./blockExecutionResult.js";
import type { BlockHeader } from "./blockHeader.js";

/** Whether an execution matches its header: true, false, or null when the field cannot be checked. */
export interface HeaderMatch {
  gasUsed: boolean;
  receiptsRoot: boolean | null;
  logsBloom: boolean;
  /** null when the pre-state is partial (no state root computed). */
  stateRoot: boolean | null;
}

/** The match, plus why any `null` field could not be checked. */
export interface HeaderCheck {
  match: HeaderMatch;
  /** Field name → reason, for every field reported as null. */
  unchecked: Record<string, string>;
  passed: boolean;
}

/**
 * Compares an execution with the header the block was mined with: gasUsed, logsBloom and (when the
 * executor could compute them) receiptsRoot and stateRoot. A field that cannot be checked is `null`
 * with a reason, never `true`; the block passes when every checkable field matches.
 */
export function checkAgainstHeader(result: BlockExecutionResult, header: BlockHeader): HeaderCheck {
  const unchecked: Record<string, string> = {};
  let receiptsRoot: boolean | null = null;
  if (result.receiptsRoot !== undefined) receiptsRoot = equalBytes(result.receiptsRoot, header.receiptsRoot);
  else unchecked.receiptsRoot = result.receiptsRootUnavailable ?? "receipts root not computed";
  let stateRoot: boolean | null = null;
  if (result.stateRoot !== undefined) stateRoot = equalBytes(result.stateRoot, header.stateRoot);
  else unchecked.stateRoot = result.stateRootUnavailable ?? "state root not computed";
  const match: HeaderMatch = {
    gasUsed: result.gasUsed === header.gasUsed,
    receiptsRoot,
    logsBloom: equalBytes(result.logsBloom, header.logsBloom),
    stateRoot,
  };
  return {
    match,
    unchecked,
    passed: match.gasUsed && match.logsBloom && receiptsRoot !== false && stateRoot !== false,
  };
}
