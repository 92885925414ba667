import { equalBytes } from "../primitives/hex.js";
import type { BlockExecutionResult } from "./blockExecutionResult.js";
import type { BlockHeader } from "./blockHeader.js";

/** Whether an execution matches its header: true, false, or null when the field cannot be checked. */
export interface HeaderMatch {
  gasUsed: boolean;
  receiptsRoot: boolean | null;
  logsBloom: boolean;
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
 * executor could compute it) receiptsRoot. A field that cannot be checked is `null` with a reason,
 * never `true`; the block passes when every checkable field matches.
 */
export function checkAgainstHeader(result: BlockExecutionResult, header: BlockHeader): HeaderCheck {
  const unchecked: Record<string, string> = {};
  let receiptsRoot: boolean | null = null;
  if (result.receiptsRoot !== undefined) receiptsRoot = equalBytes(result.receiptsRoot, header.receiptsRoot);
  else unchecked.receiptsRoot = result.receiptsRootUnavailable ?? "receipts root not computed";
  const match: HeaderMatch = {
    gasUsed: result.gasUsed === header.gasUsed,
    receiptsRoot,
    logsBloom: equalBytes(result.logsBloom, header.logsBloom),
  };
  return { match, unchecked, passed: match.gasUsed && match.logsBloom && receiptsRoot !== false };
}
