import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { loopingStateTest, postEntry, syntheticStateTest } from "../chain/stateTest/syntheticStateTest.js";

// The worker-pool options of `pevm statetest` (the report contract itself is in main.test.ts).

function capture(isTTY = false) {
  let stdout = "";
  let stderr = "";
  const stderrStream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        stderr += String(chunk);
        done();
      },
    }),
    { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
  );
  return {
    io: { stdout: { write: (s: string) => (stdout += s) }, stderr: stderrStream },
    out: () => stdout,
    err: () => stderr,
  };
}

/** A folder with a file that loops forever and one whose case passes. */
function loopingDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pevm-statetest-"));
  writeFileSync(join(dir, "a-loop.json"), JSON.stringify({ loop: loopingStateTest() }));
  const passing = syntheticStateTest({
    Cancun: [postEntry({ value: 2, expectException: "TransactionException.RLP_INVALID_VALUE" })],
  });
  writeFileSync(join(dir, "b-passing.json"), JSON.stringify({ passing }));
  return dir;
}

describe("pevm statetest --timeout-per-file / --jobs / --report-file", () => {
  it("fails a file's unfinished cases as timed out, keeps the rest, and exits 1", async () => {
    const dir = loopingDir();
    const c = capture();
    const argv = ["statetest", dir, "--json", "--jobs", "2", "--timeout-per-file", "1"];
    expect(await runCli(argv, c.io)).toBe(1);
    const report = JSON.parse(c.out());
    expect([report.total, report.passed, report.failed, report.skipped]).toEqual([4, 1, 3, 0]);
    expect(report.failures.map((f: { reason: string }) => f.reason)).toEqual([
      expect.stringMatching(/^state root /),
      "timed out after 1s",
      "timed out after 1s",
    ]);
    expect(report.skips).toEqual([]);
  });

  it("writes the JSON report to --report-file and the summary to stdout", async () => {
    const dir = loopingDir();
    const reportFile = join(dir, "report.json");
    const c = capture();
    expect(
      await runCli(
        ["statetest", join(dir, "b-passing.json"), "--report-file", reportFile, "--jobs", "1"],
        c.io,
      ),
    ).toBe(0);
    expect(c.out()).toMatch(/^fork\s+passed\s+failed\s+skipped\n/);
    expect(c.err()).toBe(`statetest: JSON report written to ${reportFile}\n`);
    expect(JSON.parse(readFileSync(reportFile, "utf8"))).toMatchObject({ total: 1, passed: 1, failed: 0 });
  });

  it.each([
    ["--jobs", "0"],
    ["--jobs", "1.5"],
    ["--jobs", "many"],
    ["--timeout-per-file", "0"],
    ["--timeout-per-file", "-3"],
    ["--timeout-per-file", "soon"],
  ])("exits 2 on %s %s, naming the value", async (option, value) => {
    const c = capture();
    expect(await runCli(["statetest", loopingDir(), option, value], c.io)).toBe(2);
    expect(c.err()).toContain(`"${value}"`);
    expect(c.out()).toBe("");
  });

  it("draws progress on a TTY stderr and keeps stdout to the report", async () => {
    const dir = loopingDir();
    const c = capture(true);
    expect(await runCli(["statetest", join(dir, "b-passing.json"), "--json"], c.io)).toBe(0);
    expect(c.err()).toContain("statetest [");
    expect(JSON.parse(c.out())).toMatchObject({ total: 1, passed: 1 });
  });
});

const BIN = resolve(import.meta.dirname, "..", "..", "bin", "pevm.js");
const BUILT = existsSync(resolve(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js"));

describe.skipIf(!BUILT)("bin/pevm.js statetest with a timeout (needs `npm run build`)", () => {
  it("exits by itself after terminating the timed-out worker: no thread is left running", () => {
    // A leaked worker would keep the process alive; execFileSync's own timeout would then fire.
    let status = 0;
    let stdout = "";
    try {
      execFileSync(process.execPath, [BIN, "statetest", loopingDir(), "--json", "--timeout-per-file", "1"], {
        encoding: "utf8",
        timeout: 60_000,
      });
    } catch (error) {
      const failed = error as { status: number | null; stdout: string; signal: string | null };
      expect(failed.signal).toBeNull();
      status = failed.status ?? -1;
      stdout = failed.stdout;
    }
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ total: 4, passed: 1, failed: 3 });
  });
});
