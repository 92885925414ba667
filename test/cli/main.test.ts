import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import {
  PRE_STATE_ROOT,
  postEntry,
  SENDER,
  singleAccountStateRoot,
  syntheticStateTest,
} from "../chain/stateTest/syntheticStateTest.js";
import { capture } from "./cliCapture.js";

// End to end through the command line, in-process. Every case here is decided without the EVM:
// a value over 2^256-1 is rejected by the runner itself (RLP_INVALID_VALUE), so its expected post
// root is the untouched pre-state's, computed independently in syntheticStateTest.ts.

const OVERFLOW = "TransactionException.RLP_INVALID_VALUE";

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pevm-cli-"));
  const passing = syntheticStateTest({ Cancun: [postEntry({ value: 2, expectException: OVERFLOW })] });
  writeFileSync(join(dir, "passing.json.gz"), gzipSync(JSON.stringify({ overflow: passing })));
  return dir;
}

function brokenDir(): string {
  const dir = fixtureDir();
  const wrongRoot = singleAccountStateRoot(SENDER, 1n, 1n);
  const mixed = syntheticStateTest({
    Prague: [postEntry({ value: 2, hash: wrongRoot, expectException: OVERFLOW })],
    PragueToOsakaAtTime15k: [postEntry({})],
  });
  writeFileSync(join(dir, "mixed.json"), JSON.stringify({ mixed }));
  writeFileSync(join(dir, "broken.json.gz"), gzipSync("{ this is not json"));
  writeFileSync(join(dir, "ignored.txt"), "not a fixture");
  return dir;
}

describe("pevm statetest", () => {
  it("prints exactly one JSON report and exits 0 when every case passes", async () => {
    const c = capture();
    expect(await runCli(["statetest", fixtureDir(), "--json"], c.io)).toBe(0);
    expect(c.out().trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(c.out())).toEqual({
      total: 1,
      passed: 1,
      failed: 0,
      skipped: 0,
      byFork: { Cancun: { passed: 1, failed: 0, skipped: 0 } },
      failures: [],
      skips: [],
    });
    expect(c.err()).toBe("");
  });

  it("reports failures, malformed files and skips, and exits 1", async () => {
    const dir = brokenDir();
    const c = capture();
    expect(await runCli(["statetest", dir, "--json"], c.io)).toBe(1);
    const report = JSON.parse(c.out());
    expect([report.total, report.passed, report.failed, report.skipped]).toEqual([4, 1, 2, 1]);
    expect(report.byFork).toEqual({
      Cancun: { passed: 1, failed: 0, skipped: 0 },
      Prague: { passed: 0, failed: 1, skipped: 0 },
      PragueToOsakaAtTime15k: { passed: 0, failed: 0, skipped: 1 },
    });
    expect(report.failures).toEqual([
      {
        file: join(dir, "broken.json.gz"),
        test: "",
        fork: "",
        index: null,
        reason: expect.stringMatching(/^unreadable fixture: SyntaxError/),
      },
      {
        file: join(dir, "mixed.json"),
        test: "mixed",
        fork: "Prague",
        index: { data: 0, gas: 0, value: 2 },
        reason: `state root ${PRE_STATE_ROOT}, expected ${singleAccountStateRoot(SENDER, 1n, 1n)}`,
      },
    ]);
    expect(report.skips).toEqual([
      {
        file: join(dir, "mixed.json"),
        test: "mixed",
        fork: "PragueToOsakaAtTime15k",
        reason: 'fork "PragueToOsakaAtTime15k" is not known to this EVM',
      },
    ]);
  });

  it("filters by --fork", async () => {
    const c = capture();
    expect(await runCli(["statetest", brokenDir(), "--fork", "cancun", "--json"], c.io)).toBe(1);
    const report = JSON.parse(c.out());
    // The unreadable file still fails: its forks cannot be known, and a filter never hides a failure.
    expect(Object.keys(report.byFork)).toEqual(["Cancun"]);
    expect([report.passed, report.failed, report.skipped]).toEqual([1, 1, 0]);
  });

  it("prints a per-fork summary table without --json", async () => {
    const c = capture();
    expect(await runCli(["statetest", brokenDir()], c.io)).toBe(1);
    const lines = c.out().split("\n");
    expect(lines[0]).toMatch(/^fork\s+passed\s+failed\s+skipped$/);
    expect(lines).toContainEqual(expect.stringMatching(/^Prague\s+0\s+1\s+0$/));
    expect(lines).toContainEqual(expect.stringMatching(/^total\s+1\s+2\s+1$/));
    expect(c.out()).toContain("Failures (2):");
    expect(c.err()).toBe("");
  });

  it("exits 2 on an unknown --fork, naming it", async () => {
    const c = capture();
    expect(await runCli(["statetest", fixtureDir(), "--fork", "Amsterdamm"], c.io)).toBe(2);
    expect(c.err()).toContain('Unknown fork "Amsterdamm"');
    expect(c.out()).toBe("");
  });

  it("exits 2 on a path that does not exist", async () => {
    const c = capture();
    expect(await runCli(["statetest", join(tmpdir(), "pevm-no-such-dir-42")], c.io)).toBe(2);
    expect(c.err()).toContain("No such file or directory");
  });

  it("exits 2 on an unknown command", async () => {
    const c = capture();
    expect(await runCli(["frobnicate"], c.io)).toBe(2);
  });
});

const BIN = resolve(import.meta.dirname, "..", "..", "bin", "pevm.js");
const BUILT = existsSync(resolve(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js"));

describe.skipIf(!BUILT)("bin/pevm.js (needs `npm run build`)", () => {
  it("runs the built CLI and exits with its code", () => {
    const out = execFileSync(process.execPath, [BIN, "statetest", fixtureDir(), "--json"], {
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toMatchObject({ total: 1, passed: 1, failed: 0 });
  });

  it.each(["statetest", "run", "blocktest", "bench", "demo", "analyze"])(
    "prints the help of `%s`",
    (command) => {
      const out = execFileSync(process.execPath, [BIN, command, "--help"], { encoding: "utf8" });
      expect(out).toContain(`Usage: pevm ${command}`);
    },
  );
});
