import type { BenchExtras, BenchReport } from "../bench/benchReport.js";

const fixed = (value: number, digits: number): string => value.toFixed(digits);

/**
 * The human `pevm bench` table: per workload its size, generation time (not part of any timing),
 * our sequential time and throughput, each worker count's speedup, the peer's time and our ratio
 * to it, the analyzer's ideal bound and peak RSS; then notes on unavailable columns.
 */
export function formatBenchTable(
  report: BenchReport,
  extras: readonly BenchExtras[],
  senders: string,
): string {
  const workerCounts = [...new Set(report.results.flatMap((r) => r.parallel.map((p) => p.workers)))].sort(
    (a, b) => a - b,
  );
  const header = [
    "workload",
    "txs",
    "Mgas",
    "gen s",
    "seq ms",
    "Mgas/s",
    "tx/s",
    ...workerCounts.map((w) => `x${w}`),
    "peer ms",
    "vs peer",
    "dag bound",
    "RSS MB",
  ];
  const rows = report.results.map((r, i) => {
    const mgasPerSec = r.gas / r.sequentialMs / 1000;
    return [
      r.workload,
      String(r.txs),
      fixed(r.gas / 1e6, 1),
      fixed((extras[i]?.generationMs ?? 0) / 1000, 1),
      fixed(r.sequentialMs, 1),
      fixed(mgasPerSec, 0),
      fixed((r.txs / r.sequentialMs) * 1000, 0),
      ...workerCounts.map((w) => {
        const p = r.parallel.find((c) => c.workers === w);
        return p?.speedup == null ? "n/a" : `${fixed(p.speedup, 2)}x`;
      }),
      r.peer === null ? "-" : fixed(r.peer.ms, 1),
      r.seqVsPeer === null ? "-" : `${fixed(r.seqVsPeer, 1)}x`,
      `${fixed(r.dagBound, 1)}x`,
      fixed(r.rssPeakMB, 0),
    ];
  });
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];

  out.push(
    "",
    `machine: ${report.machine.cpus} cpus, node ${report.machine.node}; senders ${senders}; ` +
      "times are medians after warm-ups (3 for parallel runs); xN = speedup of N threads over our sequential run; " +
      "vs peer = peer ms / our sequential ms; dag bound = total gas / critical-path gas.",
  );
  // maxRSS is in KiB and covers the whole process life (generation and the peer included).
  out.push(
    `process peak RSS: ${fixed(process.resourceUsage().maxRSS / 1024, 0)} MB (the RSS MB column covers our runs only)`,
  );
  const reasons = new Set(report.results.flatMap((r) => r.parallel.flatMap((p) => p.unavailable ?? [])));
  for (const reason of reasons) out.push(`parallel columns unavailable: ${reason}`);
  return `${out.join("\n")}\n`;
}
