import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BenchKeyring } from "../../src/bench/benchKeyring.js";
import { dumpFixture } from "../../src/bench/dumpFixture.js";
import { generateWorkload } from "../../src/bench/generateWorkload.js";
import { memoryStateFrom } from "../../src/bench/workload.js";
import { workloadBlock } from "../../src/bench/workloadBlock.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { runCli } from "../../src/cli/main.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { fixturesDir } from "../fixtures/fixturesDir.js";

function capture() {
  let stdout = "";
  const stderr = new Writable({ write: (_chunk, _enc, done) => done() });
  return { io: { stdout: { write: (s: string) => (stdout += s) }, stderr }, out: () => stdout };
}

const root = fixturesDir();
const mainnet = root === undefined ? undefined : join(root, "mainnet");
const block46147 = mainnet === undefined ? undefined : join(mainnet, "46147.json.gz");
const blockchainTest =
  root === undefined
    ? undefined
    : join(root, "execution-spec-tests/blockchain_tests/prague/eip7685_general_purpose_el_requests");

describe.skipIf(block46147 === undefined || !existsSync(block46147))("pevm run", () => {
  it("prints one JSON object and exits 0 when the block matches its header", async () => {
    const c = capture();
    expect(await runCli(["run", block46147!, "--json"], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report).toMatchObject({ passed: 1, failed: 0 });
    expect(report.blocks[0]).toMatchObject({
      number: 46147,
      txs: 1,
      gasUsed: "0x5208",
      match: { gasUsed: true, receiptsRoot: null, logsBloom: true, stateRoot: null },
      stateRoot: null,
      unchecked: {
        receiptsRoot: expect.stringContaining("pre-Byzantium"),
        stateRoot: expect.stringContaining("partial"),
      },
    });
    expect(Object.keys(report.blocks[0]).slice(0, 6)).toEqual([
      "number",
      "txs",
      "gasUsed",
      "match",
      "ms",
      "mgasPerSec",
    ]);
  });

  it("exits 1 on a mismatch and names the broken file", async () => {
    const json = JSON.parse(gunzipSync(readFileSync(block46147!)).toString("utf8"));
    json.header.gasUsed = "0x5209";
    delete json.hash;
    const dir = mkdtempSync(join(tmpdir(), "pevm-run-"));
    writeFileSync(join(dir, "46147.json"), JSON.stringify(json));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const c = capture();
    expect(await runCli(["run", dir, "--json"], c.io)).toBe(1);
    const report = JSON.parse(c.out());
    expect(report).toMatchObject({ passed: 0, failed: 2 });
    expect(report.blocks[0].match.gasUsed).toBe(false);
    expect(report.blocks[1].error).toMatch(/not valid JSON/);
  });

  it("prints a table without --json", async () => {
    const c = capture();
    expect(await runCli(["run", block46147!], c.io)).toBe(0);
    expect(c.out()).toMatch(/46147\s+Frontier\s+1\s+21000\s+ok\s+ok\s+n\/a/);
  });
});

describe("pevm run on a complete pre-state", () => {
  // A generated block dumped with its whole pre-state: the fixture records our state root.
  const workload = generateWorkload("mixed", {
    gas: 1_000_000n,
    seed: 3,
    keyring: new BenchKeyring("run-state-root", undefined),
  });
  const state = memoryStateFrom(workload.preState, workload.blockHashes, { complete: true });
  const result = executeBlock(MAINNET, state, workloadBlock(workload), { trustSenders: true });
  const path = dumpFixture(mkdtempSync(join(tmpdir(), "pevm-run-root-")), workload, result);

  it("checks the state root and reports ours", async () => {
    const c = capture();
    expect(await runCli(["run", path, "--json"], c.io)).toBe(0);
    const block = JSON.parse(c.out()).blocks[0];
    expect(block.match).toEqual({ gasUsed: true, receiptsRoot: true, logsBloom: true, stateRoot: true });
    expect(block.stateRoot).toBe(bytesToHex(result.stateRoot!));
    expect(block.unchecked).toBeUndefined();
  });

  it("fails a block whose header has another state root", async () => {
    const json = JSON.parse(readFileSync(path, "utf8"));
    json.header.stateRoot = `0x${"11".repeat(32)}`;
    delete json.hash;
    const broken = join(mkdtempSync(join(tmpdir(), "pevm-run-root-")), "broken.json");
    writeFileSync(broken, JSON.stringify(json));
    const c = capture();
    expect(await runCli(["run", broken, "--json"], c.io)).toBe(1);
    expect(JSON.parse(c.out()).blocks[0].match.stateRoot).toBe(false);
  });
});

describe.skipIf(blockchainTest === undefined || !existsSync(blockchainTest))("pevm blocktest", () => {
  it("reports in the statetest JSON shape", async () => {
    const c = capture();
    expect(await runCli(["blocktest", blockchainTest!, "--json"], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(report.total);
    expect(Object.keys(report)).toEqual([
      "total",
      "passed",
      "failed",
      "skipped",
      "byFork",
      "failures",
      "skips",
    ]);
  });
});
