import type { StateTestReport } from "../chain/stateTest/stateTestReport.js";

function indexLabel(index: { data: number; gas: number; value: number } | null): string {
  return index === null ? "" : ` [d${index.data} g${index.gas} v${index.value}]`;
}

/**
 * A human-readable summary of a state-test run: one row per fork, a total row, then the first
 * `maxFailures` failures (the `--json` output has all of them).
 */
export function formatStateTestSummary(report: StateTestReport, maxFailures = 30): string {
  const rows: string[][] = [["fork", "passed", "failed", "skipped"]];
  for (const [fork, tally] of Object.entries(report.byFork)) {
    rows.push([fork, String(tally.passed), String(tally.failed), String(tally.skipped)]);
  }
  rows.push(["total", String(report.passed), String(report.failed), String(report.skipped)]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const out = [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const row of rows.slice(1, -1)) out.push(line(row));
  out.push(widths.map((w) => "-".repeat(w)).join("  "), line(rows[rows.length - 1]));

  if (report.failures.length > 0) {
    out.push("", `Failures (${report.failures.length}):`);
    for (const f of report.failures.slice(0, maxFailures)) {
      out.push(
        `  ${f.file} :: ${f.test || "(file)"}${f.fork ? ` :: ${f.fork}` : ""}${indexLabel(f.index)}`,
        `    ${f.reason}`,
      );
    }
    if (report.failures.length > maxFailures) {
      out.push(`  … and ${report.failures.length - maxFailures} more (use --json for the full list)`);
    }
  }
  if (report.skipped > 0) {
    const reasons = new Map<string, number>();
    for (const s of report.skips) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    out.push("", "Skipped:");
    for (const [reason, count] of reasons) out.push(`  ${count} × ${reason}`);
  }
  return `${out.join("\n")}\n`;
}
