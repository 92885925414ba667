import { bytesToHex, equalBytes } from "../../primitives/hex.js";
import { applyStateDiff } from "../../state/applyStateDiff.js";
import type { MemoryState } from "../../state/memoryState.js";
import { blockContext } from "../blockContext.js";
import { BlockInputError, InvalidBlockError } from "../blockErrors.js";
import { parsePreState } from "../blockFixture.js";
import { type BlockHeader, headerHash } from "../blockHeader.js";
import { decodeBlock } from "../decodeBlock.js";
import { executeBlockSequential } from "../executeBlockSequential.js";
import { describeStateDiff } from "../stateTest/describeStateDiff.js";
import { errorSummary } from "../stateTest/runStateTestCase.js";
import { validateBlockResult, validateBlockRoots, validateBlockShape } from "../validateBlockBody.js";
import { validateHeader } from "../validateHeader.js";
import type { BlockchainTest } from "./blockchainTestModel.js";
import { matchesBlockException } from "./blockException.js";
import { ChainStateReader } from "./chainStateReader.js";

/** A block the chain has accepted: its header, post-state and the hashes BLOCKHASH sees from its child. */
interface ImportedBlock {
  header: BlockHeader;
  state: MemoryState;
  /** Number → hash of this block and its 255 ancestors. */
  ancestry: Map<bigint, Uint8Array>;
}

/** How to run a blockchain test. */
export interface BlockchainTestOptions {
  /** Called with every block the chain accepts and its post-state (tests cross-check the root there). */
  onImported?: (header: BlockHeader, state: MemoryState) => void;
}

/** The verdict on one blockchain test. */
export interface BlockchainTestVerdict {
  passed: boolean;
  reason?: string;
}

/** The state root of a complete state, from its trie (built once, then carried from block to block). */
function rootOf(state: MemoryState): Uint8Array {
  return state.worldStateTrie()!.rootHash();
}

function ancestryOf(parent: ImportedBlock, header: BlockHeader, hash: Uint8Array): Map<bigint, Uint8Array> {
  const ancestry = new Map(parent.ancestry);
  ancestry.set(header.number, hash);
  ancestry.delete(header.number - 256n);
  return ancestry;
}

/** The reason code a rejection carries (a BlockException or TransactionException name). */
function rejectionReason(error: unknown): string | undefined {
  if (error instanceof InvalidBlockError || error instanceof BlockInputError) return error.reason;
  return undefined;
}

/**
 * Imports one block on top of its parent: decode, header and body checks, execution, result and
 * state-root checks. Returns the imported block or throws the reason it is invalid.
 */
function importBlock(
  test: BlockchainTest,
  known: Map<string, ImportedBlock>,
  rlp: Uint8Array,
): [string, ImportedBlock] {
  const decoded = decodeBlock(rlp);
  const { header } = decoded.block;
  const parent = known.get(bytesToHex(header.parentHash));
  if (parent === undefined) {
    const zero = header.parentHash.every((b) => b === 0);
    throw new InvalidBlockError(
      zero ? "UNKNOWN_PARENT_ZERO" : "UNKNOWN_PARENT",
      { blockNumber: header.number, field: "parentHash" },
      "unknown parent",
    );
  }
  validateHeader(test.chain, header, parent.header);
  const ctx = blockContext(test.chain, header);
  validateBlockShape(ctx, decoded);
  const result = executeBlockSequential(
    test.chain,
    new ChainStateReader(parent.state, parent.ancestry),
    decoded.block,
  );
  validateBlockRoots(decoded);
  validateBlockResult(ctx, result);
  // The parent's state is complete, so the executor computed the root incrementally from its trie.
  const root = result.stateRoot!;
  if (!equalBytes(root, header.stateRoot)) {
    throw new InvalidBlockError(
      "INVALID_STATE_ROOT",
      { blockNumber: header.number, field: "stateRoot" },
      `computed ${bytesToHex(root)}, header says ${bytesToHex(header.stateRoot)}`,
    );
  }
  const state = parent.state.clone();
  applyStateDiff(state, result.stateDiff, result.postStateTrie);
  const hash = headerHash(header);
  return [bytesToHex(hash), { header, state, ancestry: ancestryOf(parent, header, hash) }];
}

/**
 * Runs one blockchain test: builds the genesis state from `pre` (its root must match the genesis
 * header), imports every block in order (a block with `expectException` must be rejected, with a
 * matching reason, and leaves the chain as it was), then checks that `lastblockhash` was imported and
 * its state equals `postState` (or `postStateHash`). Never throws: every problem is the verdict.
 */
export function runBlockchainTest(
  test: BlockchainTest,
  options: BlockchainTestOptions = {},
): BlockchainTestVerdict {
  let genesisState: MemoryState;
  try {
    genesisState = parsePreState(test.pre, {}, 0n, { complete: true });
  } catch (error) {
    return { passed: false, reason: `malformed pre-state: ${errorSummary(error)}` };
  }
  const genesisRoot = rootOf(genesisState);
  if (!equalBytes(genesisRoot, test.genesis.stateRoot)) {
    return {
      passed: false,
      reason: `genesis state root ${bytesToHex(genesisRoot)}, header says ${bytesToHex(test.genesis.stateRoot)}`,
    };
  }
  const genesisHash = headerHash(test.genesis);
  const known = new Map<string, ImportedBlock>([
    [
      bytesToHex(genesisHash),
      { header: test.genesis, state: genesisState, ancestry: new Map([[test.genesis.number, genesisHash]]) },
    ],
  ]);

  for (const [i, block] of test.blocks.entries()) {
    let imported: [string, ImportedBlock] | undefined;
    let failure: unknown;
    try {
      imported = importBlock(test, known, block.rlp);
    } catch (error) {
      failure = error;
    }
    if (block.expectException === undefined) {
      if (imported === undefined)
        return { passed: false, reason: `blocks[${i}] rejected: ${errorSummary(failure)}` };
      known.set(imported[0], imported[1]);
      options.onImported?.(imported[1].header, imported[1].state);
      continue;
    }
    if (imported !== undefined) {
      return {
        passed: false,
        reason: `blocks[${i}] imported, but must be rejected with ${block.expectException}`,
      };
    }
    const reason = rejectionReason(failure);
    if (reason === undefined)
      return { passed: false, reason: `blocks[${i}] crashed: ${errorSummary(failure)}` };
    if (!matchesBlockException(block.expectException, reason)) {
      return {
        passed: false,
        reason: `blocks[${i}] rejected with ${reason}, expected ${block.expectException} (${errorSummary(failure)})`,
      };
    }
  }

  const head = known.get(bytesToHex(test.lastBlockHash));
  if (head === undefined)
    return { passed: false, reason: `lastblockhash ${bytesToHex(test.lastBlockHash)} was not imported` };
  const expectedRoot =
    test.postStateHash ??
    (test.postState === undefined
      ? undefined
      : rootOf(parsePreState(test.postState, {}, head.header.number, { complete: true })));
  if (expectedRoot === undefined) return { passed: false, reason: "no postState or postStateHash" };
  const root = rootOf(head.state);
  if (!equalBytes(root, expectedRoot)) {
    const diff = describeStateDiff(head.state, test.postState);
    return {
      passed: false,
      reason: `post-state root ${bytesToHex(root)}, expected ${bytesToHex(expectedRoot)}${diff ? `: ${diff}` : ""}`,
    };
  }
  return { passed: true };
}
