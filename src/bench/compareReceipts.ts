import type { Log } from "../evm/log.js";
import { bytesToHex } from "../primitives/hex.js";
import { sameLogs } from "./compareOutcomes.js";

/** The receipt fields every executor under comparison reports. */
export interface ComparableReceipt {
  /** undefined before Byzantium (the receipt holds a state root instead). */
  status: 0 | 1 | undefined;
  cumulativeGasUsed: bigint;
  logs: Log[];
}

/**
 * The first receipt where `actual` differs from `expected` (status when both have one, cumulative
 * gas, logs), described for an error message; undefined when all agree.
 */
export function firstReceiptMismatch(
  expected: readonly ComparableReceipt[],
  actual: readonly ComparableReceipt[],
): string | undefined {
  if (expected.length !== actual.length) return `${actual.length} receipts, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = expected[i];
    const b = actual[i];
    if (a.status !== undefined && b.status !== undefined && a.status !== b.status)
      return `tx ${i}: status ${b.status}, expected ${a.status}`;
    if (a.cumulativeGasUsed !== b.cumulativeGasUsed)
      return `tx ${i}: cumulative gas ${b.cumulativeGasUsed}, expected ${a.cumulativeGasUsed}`;
    if (!sameLogs(a.logs, b.logs)) {
      const show = (logs: Log[]) => logs.map((l) => `${bytesToHex(l.address)}/${l.topics.length}`).join(",");
      return `tx ${i}: logs [${show(b.logs)}], expected [${show(a.logs)}]`;
    }
  }
  return undefined;
}
