import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../test/fixtures/fixturesDir.js";
import type { CliIo } from "./cliIo.js";
import { runCli } from "./main.js";

const mainnetFixtures = fixturesDir() === undefined ? undefined : join(fixturesDir()!, "mainnet");

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io = {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) } as unknown as CliIo["stderr"],
  };
  return { io, out: () => out, err: () => err };
}

describe("pevm bench / analyze usage errors", () => {
  it.each([
    [["bench", "--workload", "nope"], /unknown workload "nope"/],
    [["bench", "--gas", "0"], /gas must be > 0/],
    [["bench", "--gas", "-5"], /gas must be a positive number/],
    [["bench", "--workers", "1,0"], /workers must be positive integers/],
    [["bench", "--peer", "geth"], /expected one of ethereumjs, none/],
    [["bench", "--repeat", "0"], /repeat must be an integer >= 1/],
    [["analyze", "no-such-file.json"], /Cannot read no-such-file.json/],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const { io, err } = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(err()).toMatch(message);
  });

  it("prints the JSON contract for a tiny block with --json -", async () => {
    const { io, out } = capture();
    const code = await runCli(
      [
        "bench",
        "--workload",
        "erc20",
        "--gas",
        "300000",
        "--workers",
        "1",
        "--repeat",
        "1",
        "--peer",
        "none",
        "--json",
        "-",
      ],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out());
    expect(Object.keys(report)).toEqual(["machine", "results"]);
    expect(Object.keys(report.machine)).toEqual(["cpus", "node"]);
    expect(Object.keys(report.results[0])).toEqual([
      "workload",
      "txs",
      "gas",
      "sequentialMs",
      "parallel",
      "peer",
      "seqVsPeer",
      "dagBound",
      "rssPeakMB",
    ]);
    expect(report.results[0]).toMatchObject({ workload: "erc20", parallel: [], peer: null, seqVsPeer: null });
    expect(report.results[0].dagBound).toBe(report.results[0].txs);
  });

  it.skipIf(mainnetFixtures === undefined)(
    "reports each mainnet block and why it ran sequentially (skipped without ../shared/fixtures)",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "pevm-bench-"));
      for (const block of ["46147", "116525"]) {
        copyFileSync(join(mainnetFixtures!, `${block}.json.gz`), join(dir, `${block}.json.gz`));
      }
      const { io, out } = capture();
      const argv = ["bench", "--workload", "mainnet", "--fixtures", dir, "--workers", "1,2"];
      const code = await runCli([...argv, "--repeat", "1", "--peer", "none", "--json", "-"], io);
      expect(code).toBe(0);
      const report = JSON.parse(out());
      expect(report.results).toHaveLength(1);
      expect(report.blocks.map((b: { workload: string }) => b.workload).sort()).toEqual(["116525", "46147"]);
      const txs = report.blocks.reduce((sum: number, b: { txs: number }) => sum + b.txs, 0);
      expect(report.results[0].txs).toBe(txs);
      // Both blocks are far below the size where Block-STM runs: each says so.
      for (const block of report.blocks)
        expect(block.parallel[0].fallbackReason).toMatch(/small block|light block/);
    },
  );
});
