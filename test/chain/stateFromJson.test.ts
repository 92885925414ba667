import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBlockFixture } from "../../src/chain/blockFixture.js";
import { checkAgainstHeader } from "../../src/chain/checkAgainstHeader.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { memoryStateFromGenesis } from "../../src/chain/memoryStateFromGenesis.js";
import { memoryStateFromPrestate } from "../../src/chain/memoryStateFromPrestate.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex, parseQuantity } from "../../src/primitives/hex.js";
import { KECCAK256_EMPTY } from "../../src/primitives/keccak.js";
import type { MemoryState } from "../../src/state/memoryState.js";
import { stateRoot } from "../../src/state/stateRoot.js";
import { fixturesDir, readFixture } from "../fixtures/fixturesDir.js";

/**
 * State from the ecosystem's JSON: a geth genesis alloc must give the state root its chain was made
 * with, and prestateTracer output (one map, or a block trace of per-transaction prestates) must give a
 * state on which a mainnet block reproduces its header.
 */
type AllocJson = Record<
  string,
  { balance: string; nonce: string; code: string; storage: Record<string, string> }
>;

interface BlockchainTestCase {
  pre: AllocJson;
  genesisBlockHeader: { stateRoot: string };
}

/** Blockchain tests whose genesis has contracts with storage (the beacon-roots contract among them). */
const BLOCKCHAIN_TESTS = [
  "ValidBlocks/bcEIP1153-transientStorage/transStorageBlockchain.json.gz",
  "ValidBlocks/bcStateTests/selfdestructBalance.json.gz",
];

/** The test's pre-state written as geth writes a genesis: unprefixed addresses, decimal balances. */
function gethGenesis(pre: AllocJson): unknown {
  const alloc: Record<string, unknown> = {};
  for (const [address, account] of Object.entries(pre)) {
    alloc[address.slice(2)] = {
      balance: parseQuantity(account.balance).toString(),
      nonce: account.nonce,
      ...(account.code === "0x" ? {} : { code: account.code }),
      ...(Object.keys(account.storage).length === 0 ? {} : { storage: account.storage }),
    };
  }
  return { config: { chainId: 1 }, gasLimit: "0x1c9c380", difficulty: "0x0", alloc };
}

const root = fixturesDir();
const blockchainTests = root === undefined ? undefined : join(root, "ethereum-tests", "BlockchainTests");
const mainnet = root === undefined ? undefined : join(root, "mainnet");

describe("memoryStateFromGenesis on blockchain-test genesis states", () => {
  if (blockchainTests === undefined || !existsSync(blockchainTests)) {
    it.skip("BlockchainTests fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures", () => {});
    return;
  }
  for (const file of BLOCKCHAIN_TESTS) {
    it(`${file}: the genesis alloc's state root is the genesis header's`, () => {
      const cases = Object.values(
        readFixture<Record<string, BlockchainTestCase>>(join(blockchainTests, file)),
      );
      expect(cases.length).toBeGreaterThan(0);
      for (const test of cases) {
        const state = memoryStateFromGenesis(gethGenesis(test.pre));
        expect(bytesToHex(stateRoot(state))).toBe(test.genesisBlockHeader.stateRoot);
      }
    });
  }
});

interface MainnetFixture {
  preState: AllocJson;
  blockHashes: Record<string, string>;
}

const word = (n: bigint) => `0x${n.toString(16).padStart(64, "0")}`;

/** An account as geth's prestateTracer prints it: zero nonce and empty code left out, 32-byte words. */
function tracerAccount(account: { balance: bigint; nonce: bigint; code: Uint8Array; codeHash: Uint8Array }) {
  return {
    balance: `0x${account.balance.toString(16)}`,
    ...(account.nonce === 0n ? {} : { nonce: Number(account.nonce) }),
    ...(account.code.length === 0
      ? {}
      : { code: bytesToHex(account.code), codeHash: bytesToHex(account.codeHash) }),
  };
}

function setBlockHashes(state: MemoryState, hashes: Record<string, string>): MemoryState {
  for (const [number, hash] of Object.entries(hashes))
    state.setBlockHash(BigInt(number), Uint8Array.from(Buffer.from(hash.slice(2), "hex")));
  return state;
}

describe("memoryStateFromPrestate on mainnet blocks", () => {
  if (mainnet === undefined || !existsSync(mainnet)) {
    it.skip("mainnet block fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures/mainnet", () => {});
    return;
  }

  for (const number of ["4370000", "19426587"]) {
    const load = () => {
      const json = readFixture<MainnetFixture>(join(mainnet, `${number}.json.gz`));
      return { json, fixture: parseBlockFixture(json) };
    };

    it(`${number}: the block's pre-state as one prestateTracer map reproduces the header`, () => {
      const { json, fixture } = load();
      const trace: Record<string, unknown> = {};
      for (const [address, account] of fixture.preState.entries()) {
        const storage: Record<string, string> = {};
        for (const [slot, value] of account.storage) storage[word(slot)] = word(value);
        trace[bytesToHex(address)] = {
          ...tracerAccount(account),
          ...(account.storage.size ? { storage } : {}),
        };
      }
      const state = setBlockHashes(
        memoryStateFromPrestate(JSON.parse(JSON.stringify(trace))),
        json.blockHashes,
      );
      expect(
        checkAgainstHeader(executeBlock(MAINNET, state, fixture.block), fixture.block.header).passed,
      ).toBe(true);
    });

    it(`${number}: a debug_traceBlock-style trace (values before each transaction) merges to the pre-state`, () => {
      // What the tracer records: each transaction's entry holds the locations it wrote, valued as just
      // before it ran; a last entry reads every location of the pre-state after the whole block ran
      // (as a transaction appended to the block would see them). Only the first appearance of each
      // account and slot is the block's pre-state: a merge that let later entries win would fail.
      const { json, fixture } = load();
      const result = executeBlock(MAINNET, fixture.preState, fixture.block, { transactionDiffs: true });
      const codes = new Map<string, Uint8Array>();
      for (const [, account] of fixture.preState.entries())
        codes.set(bytesToHex(account.codeHash), account.code);
      const codeOf = (codeHash: Uint8Array) => codes.get(bytesToHex(codeHash)) ?? new Uint8Array(0);
      const empty = { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY };
      const traces = result.transactionDiffs!.map((diff, i) => {
        const entry: Record<string, unknown> = {};
        for (const account of diff) {
          const before = account.before ?? empty;
          const storage = Object.fromEntries(account.storage.map((s) => [word(s.slot), word(s.before)]));
          entry[bytesToHex(account.address)] = {
            ...tracerAccount({ ...before, code: codeOf(before.codeHash) }),
            storage,
          };
          if (account.code !== undefined && account.after)
            codes.set(bytesToHex(account.after.codeHash), account.code);
        }
        return { txHash: word(BigInt(i)), result: entry };
      });
      const after = new Map(result.stateDiff.map((diff) => [bytesToHex(diff.address), diff]));
      const afterBlock: Record<string, unknown> = {};
      for (const [address, account] of fixture.preState.entries()) {
        const diff = after.get(bytesToHex(address));
        const fields = diff === undefined ? account : (diff.after ?? empty);
        const storage: Record<string, string> = {};
        for (const [slot, value] of account.storage) {
          const written = diff?.storage.find((s) => s.slot === slot);
          storage[word(slot)] = word(written?.after ?? (diff?.storageCleared ? 0n : value));
        }
        afterBlock[bytesToHex(address)] = {
          ...tracerAccount({ ...fields, code: codeOf(fields.codeHash) }),
          storage,
        };
      }
      expect(result.stateDiff.length).toBeGreaterThan(0);
      const trace = [...traces, { txHash: word(999n), result: afterBlock }];
      const state = setBlockHashes(memoryStateFromPrestate(trace), json.blockHashes);
      const replay = executeBlock(MAINNET, state, fixture.block);
      expect(checkAgainstHeader(replay, fixture.block.header).passed).toBe(true);
    });
  }
});
