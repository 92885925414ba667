import { readFileSync } from "node:fs";
import { PevmError } from "../../primitives/errors.js";
import type { MemoryState } from "../../state/memoryState.js";
import type { Block } from "../block.js";
import type { BlockchainTest } from "../blockchainTest/blockchainTestModel.js";
import { parseBlockchainTest } from "../blockchainTest/parseBlockchainTest.js";
import { parseBlockFixture, parseBlockJson, parsePreState } from "../blockFixture.js";
import type { BlockHeader } from "../blockHeader.js";
import type { ChainConfig } from "../chainConfig.js";
import { decodeBlock } from "../decodeBlock.js";
import { MAINNET } from "../mainnetChain.js";
import { ImportError } from "./importErrors.js";

/** One block to import and the file (and test) it came from. */
export interface ImportBlock {
  block: Block;
  source: string;
}

/** What `pevm import` reads: the chain the blocks run on, a genesis when the input has one, the blocks. */
export interface ImportSource {
  chain: ChainConfig;
  /** A blockchain test's genesis: its `pre` state and genesis header. Undefined for block files. */
  genesis: { state: MemoryState; header: BlockHeader } | undefined;
  /** How many blocks the input holds (a progress bar's total). */
  blockCount: number;
  /** The blocks in input order, each file read when its block is reached. */
  blocks(): Iterable<ImportBlock>;
}

function reason(error: unknown): string {
  return error instanceof PevmError
    ? error.shortMessage
    : error instanceof Error
      ? error.message
      : String(error);
}

function readJson(file: string): unknown {
  try {
    return parseBlockJson(readFileSync(file), file);
  } catch (error) {
    throw new ImportError("IMPORT_INPUT", `cannot read ${file}: ${reason(error)}`, { cause: error });
  }
}

/** True for a blockchain-test fixture: `{testName: {genesisRLP, blocks, ...}}`. */
function isBlockchainTestFixture(json: unknown): json is Record<string, Record<string, unknown>> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const tests = Object.values(json);
  return (
    tests.length > 0 &&
    tests.every(
      (test) => typeof test === "object" && test !== null && "genesisRLP" in test && "blocks" in test,
    )
  );
}

function blockchainTestSource(
  file: string,
  fixture: Record<string, unknown>,
  testName: string | undefined,
): ImportSource {
  const names = Object.keys(fixture);
  const name = testName ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined || !(name in fixture)) {
    throw new ImportError(
      "IMPORT_INPUT",
      testName === undefined
        ? `${file} holds ${names.length} tests: choose one with --test`
        : `${file} has no test ${JSON.stringify(testName)}`,
      { details: `Tests: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", ..." : ""}` },
    );
  }
  let test: BlockchainTest;
  let state: MemoryState;
  try {
    test = parseBlockchainTest(name, fixture[name]);
    state = parsePreState(test.pre, {}, 0n);
  } catch (error) {
    throw new ImportError("IMPORT_INPUT", `${file} (${name}): ${reason(error)}`, { cause: error });
  }
  // Only the blocks the test says are valid: the chain it ends on (blocks expected to fail are rejected
  // by `pevm blocktest`, not imported).
  const valid = test.blocks.filter((block) => block.expectException === undefined);
  return {
    chain: test.chain,
    genesis: { state, header: test.genesis },
    blockCount: valid.length,
    *blocks() {
      for (const [i, entry] of valid.entries()) {
        yield { block: decodeBlock(entry.rlp).block, source: `${file} (${name}, valid block ${i})` };
      }
    },
  };
}

/**
 * Reads `files` as one chain to import: either a single blockchain-test fixture (its network's chain,
 * its genesis, its valid blocks; `testName` picks a test when the file holds several) or block files in
 * the formats `pevm run` reads (RPC JSON blocks, bundled pre-states ignored) on mainnet's chain, in the
 * order given. Throws ImportError(IMPORT_INPUT) for an unreadable or mixed input.
 */
export function openImportSource(files: readonly string[], testName?: string): ImportSource {
  if (files.length === 0) throw new ImportError("IMPORT_INPUT", "no block files to import");
  const first = readJson(files[0]);
  if (isBlockchainTestFixture(first)) {
    if (files.length > 1) {
      throw new ImportError(
        "IMPORT_INPUT",
        `${files[0]} is a blockchain test: import it alone, not with ${files.length - 1} other files`,
      );
    }
    return blockchainTestSource(files[0], first, testName);
  }
  return {
    chain: MAINNET,
    genesis: undefined,
    blockCount: files.length,
    *blocks() {
      for (const [i, file] of files.entries()) {
        const json = i === 0 ? first : readJson(file);
        if (isBlockchainTestFixture(json)) {
          throw new ImportError(
            "IMPORT_INPUT",
            `${file} is a blockchain test among block files: import it alone`,
          );
        }
        yield { block: parseBlockFixture(json).block, source: file };
      }
    },
  };
}
