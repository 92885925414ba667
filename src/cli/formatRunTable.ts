import type { BlockRunSummary } from "./blockRunReport.js";

function mark(value: boolean | null): string {
  return value === null ? "n/a" : value ? "ok" : "FAIL";
}

/** A human-readable table of a `pevm run`: one row per block, then totals and any errors or unchecked fields. */
export function formatRunTable(summary: BlockRunSummary): string {
  const rows: string[][] = [
    ["block", "fork", "txs", "gasUsed", "gas", "bloom", "receipts", "state", "ms", "Mgas/s"],
  ];
  for (const b of summary.blocks) {
    rows.push([
      String(b.number),
      b.fork ?? "",
      String(b.txs),
      String(BigInt(b.gasUsed)),
      mark(b.match.gasUsed),
      mark(b.match.logsBloom),
      mark(b.match.receiptsRoot),
      mark(b.match.stateRoot),
      b.ms.toFixed(1),
      b.mgasPerSec.toFixed(1),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c <= 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [line(rows[0]), rule, ...rows.slice(1).map(line), rule];
  const gas = summary.blocks.reduce((sum, b) => sum + BigInt(b.gasUsed), 0n);
  const ms = summary.blocks.reduce((sum, b) => sum + b.ms, 0);
  const mgas = Number(gas) / 1e6;
  const rate = ms > 0 ? (mgas * 1000) / ms : 0;
  out.push(
    `${summary.passed} passed, ${summary.failed} failed; ${summary.blocks.length} blocks, ${mgas.toFixed(1)} Mgas in ${ms.toFixed(0)} ms (${rate.toFixed(1)} Mgas/s)`,
  );
  const notes: string[] = [];
  for (const b of summary.blocks) {
    if (b.error) notes.push(`  ${b.number ?? b.file}: ${b.error}`);
  }
  if (notes.length > 0) out.push("", "Errors:", ...notes);
  const reasons = new Map<string, number>();
  for (const b of summary.blocks)
    for (const reason of Object.values(b.unchecked ?? {}))
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  if (reasons.size > 0) {
    out.push("", "Not checked (n/a):");
    for (const [reason, count] of reasons) out.push(`  ${count} × ${reason}`);
  }
  return `${out.join("\n")}\n`;
}
