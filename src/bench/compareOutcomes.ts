import type { Log } from "../evm/log.js";
import { bytesToHex, equalBytes } from "../primitives/hex.js";

/** The per-transaction facts two executors must agree on. */
export interface ComparableOutcome {
  status: 0 | 1;
  gasUsed: bigint;
  logs: Log[];
  output: Uint8Array;
}

/** One transaction on which two executors disagree, with both sides' values. */
export interface OutcomeMismatch {
  txIndex: number;
  field: "status" | "gasUsed" | "output" | "logs";
  ours: string;
  reference: string;
}

/**
 * Every transaction where `ours` and `reference` differ in status, gasUsed, output or logs (in that
 * order; one entry per transaction, naming the first differing field). Empty when they agree.
 */
export function compareOutcomes(
  ours: readonly ComparableOutcome[],
  reference: readonly ComparableOutcome[],
): OutcomeMismatch[] {
  if (ours.length !== reference.length) {
    return [
      { txIndex: -1, field: "status", ours: `${ours.length} txs`, reference: `${reference.length} txs` },
    ];
  }
  const mismatches: OutcomeMismatch[] = [];
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i];
    const b = reference[i];
    if (a.status !== b.status) {
      mismatches.push({ txIndex: i, field: "status", ours: describe(a), reference: describe(b) });
    } else if (a.gasUsed !== b.gasUsed) {
      mismatches.push({ txIndex: i, field: "gasUsed", ours: describe(a), reference: describe(b) });
    } else if (!equalBytes(a.output, b.output)) {
      mismatches.push({ txIndex: i, field: "output", ours: describe(a), reference: describe(b) });
    } else if (!sameLogs(a.logs, b.logs)) {
      mismatches.push({
        txIndex: i,
        field: "logs",
        ours: describeLogs(a.logs),
        reference: describeLogs(b.logs),
      });
    }
  }
  return mismatches;
}

function describe(o: ComparableOutcome): string {
  return `status=${o.status} gasUsed=${o.gasUsed} output=${bytesToHex(o.output)}`;
}

function describeLogs(logs: Log[]): string {
  return JSON.stringify(
    logs.map((l) => ({
      address: bytesToHex(l.address),
      topics: l.topics.map(bytesToHex),
      data: bytesToHex(l.data),
    })),
  );
}

/** True when two log lists are equal (address, topics, data, in order). */
export function sameLogs(a: readonly Log[], b: readonly Log[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!equalBytes(a[i].address, b[i].address) || !equalBytes(a[i].data, b[i].data)) return false;
    if (a[i].topics.length !== b[i].topics.length) return false;
    for (let t = 0; t < a[i].topics.length; t++)
      if (!equalBytes(a[i].topics[t], b[i].topics[t])) return false;
  }
  return true;
}
