import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePreState } from "../../src/chain/blockFixture.js";
import { runCli } from "../../src/cli/main.js";
import { closeDefaultPools } from "../../src/parallel/executeBlock.js";
import { LmdbState } from "../../src/state/lmdb/lmdbState.js";
import { ethereumTestsDir } from "../fixtures/fixturesDir.js";
import { dumpMemoryState, lmdbAccountsAndSlots } from "../state/stateDump.js";
import { capture } from "./cliCapture.js";
import { type GeneratedChain, generateChain } from "./generatedChain.js";

const root = mkdtempSync(join(tmpdir(), "pevm-import-"));
let chain: GeneratedChain;
let datadirs = 0;
const datadir = () => join(root, `data-${datadirs++}`);

beforeAll(() => {
  chain = generateChain(join(root, "chain"), 6, 40);
});
afterAll(async () => {
  await closeDefaultPools();
  rmSync(root, { recursive: true, force: true });
});

async function importJson(args: string[]) {
  const c = capture();
  const code = await runCli(["import", ...args, "--json"], c.io);
  return { code, summary: code === 2 ? undefined : JSON.parse(c.out()), err: c.err() };
}

/** The data dir's accounts and slots, and its head number. */
async function stored(
  path: string,
): Promise<{ state: string[]; head: bigint | undefined; generation: bigint }> {
  const state = LmdbState.open(path);
  try {
    return { state: lmdbAccountsAndSlots(state), head: state.head()?.number, generation: state.generation };
  } finally {
    await state.close();
  }
}

/** A copy of block file `i` with `edit` applied to its JSON (declared hashes dropped: the header changes). */
function editedBlock(i: number, edit: (json: Record<string, Record<string, unknown>>) => void): string {
  const json = JSON.parse(readFileSync(chain.files[i], "utf8"));
  edit(json);
  delete json.hash;
  delete json.header.hash;
  const dir = join(root, `edited-${i}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const file = join(dir, `${chain.numbers[i]}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe("pevm import", () => {
  it("imports a generated chain from a bare-allocation genesis, sequentially and on Block-STM, to the generator's state", async () => {
    for (const workers of ["1", "2"]) {
      const path = datadir();
      const { code, summary } = await importJson([
        chain.blocksDir,
        "--datadir",
        path,
        "--genesis",
        chain.genesisFile,
        "--workers",
        workers,
      ]);
      expect(code).toBe(0);
      expect(summary).toMatchObject({ passed: 6, failed: 0, skipped: 0, head: Number(chain.numbers[5]) });
      for (const [i, block] of summary.blocks.entries()) {
        expect(block).toMatchObject({
          number: Number(chain.numbers[i]),
          txs: 40,
          // The header's root came from the generator's in-memory state: LMDB's tries must agree.
          stateRoot: expect.stringMatching(/^0x[0-9a-f]{64}$/),
          match: { gasUsed: true, receiptsRoot: true, logsBloom: true, stateRoot: true },
        });
        expect(block.unchecked).toBeUndefined();
        expect(Object.keys(block.timings)).toEqual(["senders", "execute", "stateRoot", "commit"]);
        expect(block.mgasPerSec).toBeGreaterThan(0);
        // Two workers: every block ran on Block-STM, none fell back to the sequential loop.
        expect(block.parallel).toEqual(workers === "2" ? { workers: 2 } : undefined);
      }
      expect((await stored(path)).state).toEqual(chain.states[6]);
    }
  });

  it("resumes after the last committed block and skips what is already imported", async () => {
    const path = datadir();
    const first = await importJson([
      ...chain.files.slice(0, 2),
      "--datadir",
      path,
      "--genesis",
      chain.genesisFile,
    ]);
    expect(first.summary).toMatchObject({ passed: 2, head: Number(chain.numbers[1]) });
    expect((await stored(path)).state).toEqual(chain.states[2]);
    const rest = await importJson([chain.blocksDir, "--datadir", path, "--genesis", chain.genesisFile]);
    expect(rest.summary).toMatchObject({ passed: 4, skipped: 2, failed: 0, head: Number(chain.numbers[5]) });
    expect(rest.summary.blocks.map((b: { number: number }) => b.number)).toEqual(
      chain.numbers.slice(2).map(Number),
    );
    const again = await importJson([chain.blocksDir, "--datadir", path]);
    expect(again.summary).toMatchObject({ passed: 0, skipped: 6, blocks: [] });
    expect((await stored(path)).state).toEqual(chain.states[6]);
  });

  it("stops at a header mismatch naming block, field, expected and got, and commits nothing of that block", async () => {
    const path = datadir();
    const bad = editedBlock(2, (json) => {
      json.header.gasUsed = "0x1";
    });
    const c = capture();
    const code = await runCli(
      [
        "import",
        ...chain.files.slice(0, 2),
        bad,
        chain.files[3],
        "--datadir",
        path,
        "--genesis",
        chain.genesisFile,
        "--json",
      ],
      c.io,
    );
    expect(code).toBe(1);
    const summary = JSON.parse(c.out());
    expect(summary).toMatchObject({ passed: 2, failed: 1, head: Number(chain.numbers[1]) });
    expect(summary.blocks[2].match).toMatchObject({ gasUsed: false, receiptsRoot: true, logsBloom: true });
    const expected = `block ${chain.numbers[2]}: gasUsed mismatch: header has 0x1, execution got ${summary.blocks[2].gasUsed}`;
    expect(summary.blocks[2].error).toBe(expected);
    expect(c.err()).toContain(expected);
    const after = await stored(path);
    expect(after.head).toBe(chain.numbers[1]);
    expect(after.state).toEqual(chain.states[2]);
  });

  it("refuses a gap and a wrong parent hash with NON_CONSECUTIVE_BLOCK, leaving the head", async () => {
    const path = datadir();
    const gap = await importJson([
      chain.files[0],
      chain.files[2],
      "--datadir",
      path,
      "--genesis",
      chain.genesisFile,
    ]);
    expect(gap.code).toBe(1);
    expect(gap.err).toContain(
      `block ${chain.numbers[2]}: does not follow the head, block ${chain.numbers[0]}: blocks ${chain.numbers[1]}..${chain.numbers[1]} are missing`,
    );
    const wrongParent = editedBlock(1, (json) => {
      json.header.parentHash = `0x${"11".repeat(32)}`;
    });
    const orphan = await importJson([wrongParent, "--datadir", path]);
    expect(orphan.code).toBe(1);
    expect(orphan.err).toMatch(
      new RegExp(
        `block ${chain.numbers[1]}: its parent hash 0x(11){32} is not the head's hash 0x[0-9a-f]{64} \\(block ${chain.numbers[0]}\\)`,
      ),
    );
    const after = await stored(path);
    expect(after.head).toBe(chain.numbers[0]);
    expect(after.state).toEqual(chain.states[1]);
  });

  it("needs a genesis for a new data dir, and a readable one; commits nothing without it", async () => {
    const path = datadir();
    const none = await importJson([chain.blocksDir, "--datadir", path]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/is a new data dir: give its state with --genesis <alloc.json>/);
    expect((await stored(path)).generation).toBe(0n);
    const missing = await importJson([
      chain.blocksDir,
      "--datadir",
      path,
      "--genesis",
      join(root, "nope.json"),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read the genesis .*nope.json/);
    expect((await stored(path)).generation).toBe(0n);
  });

  it("refuses a corrupt data dir and a directory that is not a data dir, touching neither", async () => {
    const corrupt = join(root, "corrupt");
    mkdirSync(corrupt);
    const junk = randomBytes(8192);
    writeFileSync(join(corrupt, "data.mdb"), junk);
    const bad = await importJson([chain.blocksDir, "--datadir", corrupt, "--genesis", chain.genesisFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /corrupt: data.mdb is not an LMDB environment|data.mdb is not an LMDB environment/,
    );
    expect(readFileSync(join(corrupt, "data.mdb"))).toEqual(junk);
    const foreign = join(root, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "photo.jpg"), "not a database");
    const other = await importJson([chain.blocksDir, "--datadir", foreign, "--genesis", chain.genesisFile]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/not a pevm data dir: it holds photo.jpg and no data.mdb/);
    expect(existsSync(join(foreign, "data.mdb"))).toBe(false);
  });
});

const validBlocks = ethereumTestsDir("BlockchainTests/ValidBlocks");
describe.skipIf(validBlocks === undefined)("pevm import of a blockchain test", () => {
  it.each(["bcWalletTest/walletReorganizeOwners", "bcEIP1559/lowDemand", "bcStateTests/refundReset"])(
    "imports %s from its genesis to its postState, and a rerun skips every block",
    async (name) => {
      const file = join(validBlocks!, `${name}.json.gz`);
      const test = Object.values(JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")))[0] as {
        postState: unknown;
        blocks: unknown[];
      };
      const path = datadir();
      const { code, summary } = await importJson([file, "--datadir", path]);
      expect(code).toBe(0);
      expect(summary).toMatchObject({ passed: test.blocks.length, failed: 0, head: test.blocks.length });
      expect((await stored(path)).state).toEqual(dumpMemoryState(parsePreState(test.postState, {})));
      const again = await importJson([file, "--datadir", path]);
      expect(again.summary).toMatchObject({ passed: 0, skipped: test.blocks.length });
      // Another chain into the same data dir: refused.
      const mismatch = await importJson([chain.blocksDir, "--datadir", path]);
      expect(mismatch.code).toBe(2);
      expect(mismatch.err).toMatch(/holds chain Cancun, the input is for mainnet/);
    },
  );
});
