import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openImportSource } from "../../src/chain/import/importSource.js";
import { importBlocks } from "../../src/cli/importBlocks.js";
import { LmdbState } from "../../src/state/lmdb/lmdbState.js";
import { dumpLmdbState } from "../state/stateDump.js";
import { type GeneratedChain, generateChain } from "./generatedChain.js";

/*
 * Kills `node bin/pevm.js import` with SIGKILL mid-block and mid-commit (at exact points through the
 * PEVM_TEST_KILL_AT hook, and at seeded random times), then checks the data dir holds exactly the state
 * after its last committed block (every account and slot, and the head, against a reference import run
 * to that head) and that a rerun completes the chain. PEVM_CRASH_SEEDS raises the number of timed
 * kills (npm run test:crash).
 */

const BIN = resolve("bin/pevm.js");
const BLOCKS = 8;
const TIMED_KILLS = Number(process.env.PEVM_CRASH_SEEDS ?? 4);
const root = mkdtempSync(join(tmpdir(), "pevm-crash-"));
let chain: GeneratedChain;
/** dumpLmdbState of a reference import to each head: index 0 genesis only, i after block i. */
const reference: string[][] = [];
/** How long the first block and all blocks of an uninterrupted import take (its JSON report), per worker count. */
const importMs: Record<number, { first: number; all: number }> = {};

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runImport(datadir: string, workers: number, killAt = "", json = false): Promise<ChildExit> {
  const args = [BIN, "import", chain.blocksDir, "--datadir", datadir, "--genesis", chain.genesisFile];
  args.push("--workers", String(workers), ...(json ? ["--json"] : []));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PEVM_TEST_KILL_AT: killAt },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((done) => child.on("exit", (code, signal) => done({ code, signal, stdout, stderr })));
}

/** The data dir after a kill: nothing, the genesis only, or block `head` (an index into the chain, 1-based). */
async function observe(datadir: string): Promise<{ dump: string[]; height: number | undefined }> {
  const state = LmdbState.open(datadir);
  try {
    if (state.generation === 0n) return { dump: [], height: undefined };
    const head = state.head();
    const height = head === undefined ? 0 : chain.numbers.indexOf(head.number) + 1;
    expect(height).toBeGreaterThanOrEqual(0);
    return { dump: dumpLmdbState(state), height };
  } finally {
    await state.close();
  }
}

/** Checks the data dir after a kill against the reference at its head; returns the height. */
async function expectReferenceState(datadir: string, label: string): Promise<number | undefined> {
  const { dump, height } = await observe(datadir);
  if (height !== undefined) expect(dump, `${label}: state at height ${height}`).toEqual(reference[height]);
  return height;
}

describe.skipIf(!existsSync("dist/src/cli/main.js"))("pevm import killed with SIGKILL", () => {
  beforeAll(async () => {
    chain = generateChain(join(root, "chain"), BLOCKS, 40, 7);
    // The reference: one in-process import of the same files, its data dir dumped at every head.
    const state = LmdbState.open(join(root, "reference"));
    try {
      const outcome = importBlocks(state, openImportSource(chain.files), {
        workers: 1,
        trustSenders: false,
        genesisFile: chain.genesisFile,
        hooks: {
          beforeCommit: (number) => number === chain.numbers[0] && reference.push(dumpLmdbState(state)),
        },
        onBlock: () => reference.push(dumpLmdbState(state)),
      });
      expect(outcome.error).toBeUndefined();
    } finally {
      await state.close();
    }
    expect(reference.map((dump) => dump.slice(0, -1))).toEqual(chain.states);
    for (const workers of [1, 2]) {
      const full = await runImport(join(root, `full-${workers}`), workers, "", true);
      expect(full).toMatchObject({ code: 0, signal: null });
      const blocks: { ms: number }[] = JSON.parse(full.stdout).blocks;
      importMs[workers] = { first: blocks[0].ms, all: blocks.reduce((sum, block) => sum + block.ms, 0) };
      expect((await observe(join(root, `full-${workers}`))).dump).toEqual(reference[BLOCKS]);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("at exact points, each run resuming the last: inside the first commit, inside a later commit, between execution and commit; then a rerun completes the chain", async () => {
    const datadir = join(root, "exact");
    // [PEVM_TEST_KILL_AT with a block index, workers, the height left]: the first block's commit also
    // records its parent's hash; the later one is cut after 9 of its accounts.
    const points: [string, number, number][] = [
      ["commit:0:1", 1, 0],
      ["commit:4:9", 2, 4],
      ["before-commit:6", 2, 6],
    ];
    for (const [point, workers, height] of points) {
      const [where, index, accounts] = point.split(":");
      const killAt = [where, chain.numbers[Number(index)], accounts]
        .filter((part) => part !== undefined)
        .join(":");
      const killed = await runImport(datadir, workers, killAt);
      expect(killed.signal, `${killAt}: ${killed.stderr}`).toBe("SIGKILL");
      expect(await expectReferenceState(datadir, killAt)).toBe(height);
    }
    expect(await runImport(datadir, 2)).toMatchObject({ code: 0, signal: null });
    expect(await expectReferenceState(datadir, "rerun")).toBe(BLOCKS);
  });

  it(`at ${TIMED_KILLS} seeded random times: the state of the last committed block, then a rerun completes the chain`, async () => {
    const outcomes: string[] = [];
    for (let seed = 1; seed <= TIMED_KILLS; seed++) {
      const datadir = join(root, `timed-${seed}`);
      const fraction = ((seed * 0x9e3779b1) >>> 0) / 0x1_0000_0000;
      const workers = 1 + (seed % 2);
      // One worker: anywhere from the genesis commit to the last block. Two: after the first block, whose
      // time is mostly the pool's start, so the kill lands while Block-STM workers hold their pins.
      const { first, all } = importMs[workers];
      const killAfterMs = Math.round(workers === 1 ? fraction * all : first + fraction * (all - first));
      const killed = await runImport(datadir, workers, `after:${killAfterMs}`);
      const height = await expectReferenceState(datadir, `seed ${seed}`);
      outcomes.push(
        `seed ${seed}: kill after ${killAfterMs} ms (${killed.signal ?? `exit ${killed.code}`}), workers ${workers} → ${height === undefined ? "empty data dir" : `height ${height}`}`,
      );
      expect(await runImport(datadir, workers), `seed ${seed}: rerun`).toMatchObject({
        code: 0,
        signal: null,
      });
      expect(await expectReferenceState(datadir, `seed ${seed}: rerun`)).toBe(BLOCKS);
    }
    const uninterrupted = `blocks of an uninterrupted import: ${Math.round(importMs[1].all)} ms (1 worker), ${Math.round(importMs[2].all)} ms (2, the first ${Math.round(importMs[2].first)} ms)`;
    console.log(`${uninterrupted}\n${outcomes.join("\n")}`);
  });
});
