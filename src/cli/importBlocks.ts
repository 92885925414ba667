import type { Block } from "../chain/block.js";
import { headerHash } from "../chain/blockHeader.js";
import { checkAgainstHeader } from "../chain/checkAgainstHeader.js";
import { checkStateRoot } from "../chain/checkStateRoot.js";
import { trieNodesOf } from "../chain/executeBlockSequential.js";
import { HeaderMismatchError, ImportError, NonConsecutiveBlockError } from "../chain/import/importErrors.js";
import type { ImportSource } from "../chain/import/importSource.js";
import { readGenesisFile } from "../chain/import/readGenesisFile.js";
import { executeBlock } from "../parallel/executeBlock.js";
import { PevmError } from "../primitives/errors.js";
import { bytesToHex, equalBytes } from "../primitives/hex.js";
import type { TrieNodeSink } from "../primitives/trieNodeStore.js";
import { genesisDiff } from "../state/genesisDiff.js";
import type { LmdbState } from "../state/lmdb/lmdbState.js";
import type { MemoryState } from "../state/memoryState.js";
import { collectTrieNodes } from "../state/stateRootProvider.js";
import { WorldStateTrie } from "../state/worldStateTrie.js";

/** One imported (or failed) block of `pevm import --json`. */
export interface ImportBlockReport {
  /** Null when the block could not even be read. */
  number: number | null;
  txs: number;
  /** Gas used by our execution, 0x-hex. */
  gasUsed: string;
  /** The post-state root we computed, or null when the data dir keeps no roots. */
  stateRoot: string | null;
  match: { gasUsed: boolean; receiptsRoot: boolean | null; logsBloom: boolean; stateRoot: boolean | null };
  /** Wall time of the whole block: execution, checks and commit. */
  ms: number;
  mgasPerSec: number;
  timings: { senders: number; execute: number; stateRoot: number; commit: number };
  /** Reasons for the `null` fields of `match`. */
  unchecked?: Record<string, string>;
  /** With more than one worker: the threads, and why the block ran sequentially if it did. */
  parallel?: { workers: number; fallbackReason?: string };
  /** Why the import stopped at this block (nothing of it was committed). */
  error?: string;
}

/** `pevm import --json`: the blocks this run imported (skipped ones are only counted), and the head. */
export interface ImportSummary {
  blocks: ImportBlockReport[];
  passed: number;
  failed: number;
  /** Blocks of the input already in the data dir (a rerun resumes after them). */
  skipped: number;
  /** The data dir's head block number afterwards; null before any block. */
  head: number | null;
}

/** Test hooks at named points of a block's import (crash tests kill the process there). */
export interface ImportHooks {
  /** After the block executed and matched its header, before its commit starts. */
  beforeCommit?(number: bigint): void;
  /** Inside the block's write transaction, after each account is written. */
  duringCommit?(number: bigint, accountsWritten: number): void;
}

/** How `importBlocks` runs. */
export interface ImportOptions {
  /** Threads executing transactions (1 = sequential; see executeBlock). */
  workers: number;
  trustSenders: boolean;
  /** The genesis for a new data dir when the input has none (geth genesis or bare allocation). */
  genesisFile?: string;
  /** Called after each block: its report, or undefined when it was already imported. */
  onBlock?: (report: ImportBlockReport | undefined) => void;
  hooks?: ImportHooks;
}

/** The summary, and the error that stopped the import at its last block, if one did. */
export interface ImportOutcome {
  summary: ImportSummary;
  error: unknown;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

const quantity = (value: bigint) => `0x${value.toString(16)}`;

/**
 * Loads the genesis into a new data dir (the input's, else `--genesis`), or checks that a data dir in use
 * holds the input's chain. Throws ImportError before anything is committed.
 */
function prepareDataDir(state: LmdbState, source: ImportSource, genesisFile: string | undefined): void {
  const chain = source.chain.name;
  if (state.generation > 0n) {
    const held = state.chain();
    if (held !== chain) {
      throw new ImportError("CHAIN_MISMATCH", `${state.path} holds chain ${held}, the input is for ${chain}`);
    }
    const genesis = source.genesis?.header;
    if (genesis !== undefined && !equalBytes(state.blockHash(genesis.number), headerHash(genesis))) {
      throw new ImportError(
        "CHAIN_MISMATCH",
        `${state.path} holds another chain: its genesis is not the input's`,
      );
    }
    return;
  }
  if (source.genesis !== undefined) {
    const { state: pre, header } = source.genesis;
    const { nodes, sink } = collectTrieNodes();
    const root = buildTrie(pre, sink);
    if (!equalBytes(root, header.stateRoot)) {
      throw new ImportError(
        "GENESIS_MISMATCH",
        `the genesis state hashes to ${bytesToHex(root)}, its header says ${bytesToHex(header.stateRoot)}`,
      );
    }
    state.commitGenesis({
      chain,
      diff: genesisDiff(pre),
      head: { number: header.number, hash: headerHash(header), stateRoot: root },
      trieNodes: nodes,
    });
    return;
  }
  if (genesisFile === undefined) {
    throw new ImportError(
      "GENESIS_REQUIRED",
      `${state.path} is a new data dir: give its state with --genesis <alloc.json>`,
    );
  }
  const allocation = readGenesisFile(genesisFile);
  const { nodes, sink } = collectTrieNodes();
  state.commitGenesis({
    chain,
    diff: genesisDiff(allocation),
    allocationRoot: buildTrie(allocation, sink),
    trieNodes: nodes,
  });
}

/** Fails unless `block` extends the head (any block may follow a bare allocation: it sets the chain's start). */
function checkConsecutive(state: LmdbState, block: Block, hash: Uint8Array): "next" | "imported" {
  const { number, parentHash } = block.header;
  const head = state.head();
  if (head === undefined) return "next";
  if (number <= head.number) {
    const imported = state.blockHash(number);
    if (equalBytes(imported, hash)) return "imported";
    throw new NonConsecutiveBlockError(
      number,
      `differs from the block ${number} already imported (${bytesToHex(hash)}, imported ${bytesToHex(imported)})`,
    );
  }
  if (number !== head.number + 1n) {
    throw new NonConsecutiveBlockError(
      number,
      `does not follow the head, block ${head.number}: blocks ${head.number + 1n}..${number - 1n} are missing`,
    );
  }
  if (!equalBytes(parentHash, head.hash)) {
    throw new NonConsecutiveBlockError(
      number,
      `its parent hash ${bytesToHex(parentHash)} is not the head's hash ${bytesToHex(head.hash)} (block ${head.number})`,
    );
  }
  return "next";
}

/**
 * Executes, checks and commits one block. Returns its report, with the header mismatch that kept it from
 * being committed, if any; throws what stopped it before a report existed.
 */
function importBlock(
  state: LmdbState,
  source: ImportSource,
  block: Block,
  hash: Uint8Array,
  options: ImportOptions,
): { report: ImportBlockReport; mismatch?: HeaderMismatchError } {
  const started = performance.now();
  const { header } = block;
  const result = executeBlock(source.chain, state, block, {
    workers: options.workers,
    trustSenders: options.trustSenders,
  });
  const check = checkAgainstHeader(result, header);
  const root = checkStateRoot(result, header);
  const unchecked = { ...check.unchecked, ...(root.match === null ? { stateRoot: root.reason } : {}) };
  const report: ImportBlockReport = {
    number: Number(header.number),
    txs: block.transactions.length,
    gasUsed: quantity(result.gasUsed),
    stateRoot: result.stateRoot === undefined ? null : bytesToHex(result.stateRoot),
    match: { ...check.match, stateRoot: root.match },
    ms: 0,
    mgasPerSec: 0,
    timings: {
      senders: round(result.timings.senders, 3),
      execute: round(result.timings.total - result.timings.senders - (result.timings.stateRoot ?? 0), 3),
      stateRoot: round(result.timings.stateRoot ?? 0, 3),
      commit: 0,
    },
    ...(Object.keys(unchecked).length > 0 ? { unchecked } : {}),
    ...(result.parallel !== undefined
      ? {
          parallel: {
            workers: result.parallel.workers,
            ...(result.parallel.fallbackReason !== undefined
              ? { fallbackReason: result.parallel.fallbackReason }
              : {}),
          },
        }
      : {}),
  };
  const mismatch = (
    [
      ["gasUsed", check.match.gasUsed, quantity(header.gasUsed), quantity(result.gasUsed)],
      [
        "receiptsRoot",
        check.match.receiptsRoot,
        bytesToHex(header.receiptsRoot),
        result.receiptsRoot && bytesToHex(result.receiptsRoot),
      ],
      ["logsBloom", check.match.logsBloom, bytesToHex(header.logsBloom), bytesToHex(result.logsBloom)],
      ["stateRoot", root.match, bytesToHex(header.stateRoot), report.stateRoot],
    ] as const
  ).find(([, match]) => match === false);
  if (mismatch !== undefined) {
    const [field, , expected, got] = mismatch;
    return { report, mismatch: new HeaderMismatchError(header.number, field, expected, String(got)) };
  }
  options.hooks?.beforeCommit?.(header.number);
  const commitStarted = performance.now();
  const head = state.head();
  const duringCommit = options.hooks?.duringCommit;
  state.commitBlock({
    diff: result.stateDiff,
    head: { number: header.number, hash, stateRoot: result.stateRoot },
    // After a bare allocation the first block's parent is known only from the block: BLOCKHASH needs it.
    blockHashes:
      head === undefined && header.number > 0n ? [[header.number - 1n, header.parentHash]] : undefined,
    trieNodes: trieNodesOf(result),
    duringCommit: duringCommit && ((written) => duringCommit(header.number, written)),
  });
  const ms = performance.now() - started;
  report.timings.commit = round(performance.now() - commitStarted, 3);
  report.ms = round(ms, 3);
  report.mgasPerSec = ms > 0 ? round(Number(result.gasUsed) / 1e3 / ms, 2) : 0;
  return { report };
}

function errorText(error: unknown): string {
  return error instanceof PevmError
    ? error.shortMessage
    : error instanceof Error
      ? error.message
      : String(error);
}

/** The report of a block that stopped the import before it could be checked (unreadable, not consecutive, invalid). */
function failedReport(block: Block | undefined, error: unknown): ImportBlockReport {
  return {
    number: block === undefined ? null : Number(block.header.number),
    txs: block?.transactions.length ?? 0,
    gasUsed: "0x0",
    stateRoot: null,
    match: { gasUsed: false, receiptsRoot: false, logsBloom: false, stateRoot: null },
    ms: 0,
    mgasPerSec: 0,
    timings: { senders: 0, execute: 0, stateRoot: 0, commit: 0 },
    error: errorText(error),
  };
}

/**
 * Imports `source` into the data dir of `state`: loads the genesis into a new data dir, skips blocks
 * already imported, then executes each next block, checks it against its header (gasUsed, receiptsRoot,
 * logsBloom, stateRoot) and commits it atomically. Stops at the first
 * block that is not consecutive, fails to execute or mismatches its header, committing nothing of it.
 * Errors about the data dir or genesis are thrown before any block; a block's error is returned with the
 * summary.
 */
export function importBlocks(state: LmdbState, source: ImportSource, options: ImportOptions): ImportOutcome {
  prepareDataDir(state, source, options.genesisFile);
  const summary: ImportSummary = { blocks: [], passed: 0, failed: 0, skipped: 0, head: null };
  let error: unknown;
  const blocks = source.blocks()[Symbol.iterator]();
  for (;;) {
    let block: Block | undefined;
    let report: ImportBlockReport;
    try {
      const next = blocks.next();
      if (next.done) break;
      block = next.value.block;
      const hash = headerHash(block.header);
      if (checkConsecutive(state, block, hash) === "imported") {
        summary.skipped++;
        options.onBlock?.(undefined);
        continue;
      }
      const imported = importBlock(state, source, block, hash, options);
      error = imported.mismatch;
      report = error === undefined ? imported.report : { ...imported.report, error: errorText(error) };
    } catch (caught) {
      error = caught;
      report = failedReport(block, caught);
    }
    summary.blocks.push(report);
    if (error === undefined) summary.passed++;
    else summary.failed++;
    options.onBlock?.(report);
    if (error !== undefined) break;
  }
  const head = state.head();
  summary.head = head === undefined ? null : Number(head.number);
  return { summary, error };
}

/** The root of a whole state's tries, built from scratch (every node to `sink`). */
function buildTrie(state: MemoryState, sink: TrieNodeSink): Uint8Array {
  return WorldStateTrie.build(state.entries(), sink).rootHash();
}
