import type { Block } from "../chain/block.js";
import type { BlockContext } from "../chain/blockContext.js";
import { InvalidBlockError } from "../chain/blockErrors.js";
import {
  buildReceipt,
  checkTransactionFits,
  type RecoveredSender,
  transactionBlobGas,
} from "../chain/blockTransaction.js";
import {
  type ExecuteBlockOptions,
  executeTransactionsSequential,
  type TransactionsOutput,
} from "../chain/executeBlockSequential.js";
import { InvalidTransactionError } from "../chain/invalidTransactionError.js";
import { encodeReceipt, type Receipt } from "../chain/receipt.js";
import { Fork } from "../evm/fork.js";
import { addressKey } from "../primitives/address.js";
import { equalBytes } from "../primitives/hex.js";
import { OrderedTrie } from "../primitives/orderedTrie.js";
import type { AccountWrite } from "../state/accountWrite.js";
import type { BlockState } from "../state/blockState.js";
import type { StateReader } from "../state/stateReader.js";
import type { TxResult } from "./blockJob.js";
import { deferredFeeWrites, lazyCreditWrites } from "./foldDeferredFee.js";
import { testHooksOf } from "./parallelTestHooks.js";
import { type ParallelMetrics, runParallelTransactions } from "./runParallelTransactions.js";
import { workerBaseOf } from "./workerBaseState.js";
import type { WorkerPool } from "./workerPool.js";

/*
 * When Block-STM pays on 2 threads (one pool worker plus the calling thread), forced runs against the
 * sequential loop, same process, alternating: generated erc20 blocks of 59 / 117 / 195 transactions
 * (3 / 6 / 10 Mgas) at 0.86x / 1.29x / 1.30x, amm blocks of 32 / 64 at 1.26x / 1.53x. On mainnet blocks
 * the gas actually used did not separate winners from losers better than the gas limits below do: in
 * the 5-10 Mgas band, blocks read anywhere from 0.5x to 1.9x from one run to the next (contract-heavy
 * 2017-2018 blocks that win, EtherDelta-era blocks that stop as dependency chains).
 */

/** Below this many transactions per thread, the run's fixed cost and its tail outweigh the gain. */
const MIN_TXS_PER_THREAD = 16;

/**
 * Blocks whose transactions may use less gas than this in total finish in a few ms sequentially, where
 * the parallel run's fixed cost and the tail of its last transactions eat the gain (2017-era mainnet
 * blocks of 2-5 Mgas: 0.5-0.9x).
 */
const MIN_TOTAL_GAS_LIMIT = 20_000_000n;

/**
 * Blocks of plain transfers (21,000 gas each) ran at 0.7-1.0x of sequential on 2 threads here: Block-STM's
 * per-transaction bookkeeping costs as much as the transaction. They run sequentially.
 */
const MIN_AVERAGE_GAS_LIMIT = 30_000n;

/**
 * Nonce chains bound the parallelism: transactions of one sender run in order. A block whose longest
 * chain leaves less than this ideal speedup (transactions / longest chain) runs sequentially.
 */
const MIN_PARALLELISM = 1.5;

/** Each transaction's previous transaction from the same sender, and the longest such chain (microseconds). */
function senderChains(senders: Uint8Array[]): { predecessors: Int32Array; longestChain: number } {
  const predecessors = new Int32Array(senders.length);
  const last = new Map<string, number>();
  const length = new Map<string, number>();
  let longestChain = 0;
  for (let i = 0; i < senders.length; i++) {
    const key = addressKey(senders[i]);
    predecessors[i] = last.get(key) ?? -1;
    last.set(key, i);
    const chain = (length.get(key) ?? 0) + 1;
    length.set(key, chain);
    if (chain > longestChain) longestChain = chain;
  }
  return { predecessors, longestChain };
}

/** How the transactions of a block were run, for the block result. */
export interface ParallelReport {
  /** Why the block ran sequentially, when it did. */
  fallbackReason?: string;
  metrics?: ParallelMetrics;
  /** Folding results in order (receipts, writes, deferred fees), ms. */
  commitMs: number;
}

/** Options of the parallel transaction loop. */
export interface ParallelOptions extends ExecuteBlockOptions {
  timeoutMs?: number;
  maxDelayMicros?: number;
  /** PausePoint bits where threads also pause inside tasks (tests that shake interleavings). */
  pausePoints?: number;
  seed?: number;
  /** Run in parallel even when the block is small or behaves as a dependency chain (tests). */
  force?: boolean;
}

function sequential(
  reason: string,
  ctx: BlockContext,
  state: BlockState,
  block: Block,
  senders: readonly RecoveredSender[],
  options: ParallelOptions,
  metrics?: ParallelMetrics,
): TransactionsOutput & { parallel: ParallelReport } {
  const start = performance.now();
  const output = executeTransactionsSequential(ctx, state, block, senders, options);
  return { ...output, parallel: { fallbackReason: reason, metrics, commitMs: performance.now() - start } };
}

/**
 * The transaction loop of a block on Block-STM: the same result as executeTransactionsSequential
 * (receipts, gas, writes folded into `state` in order), or that loop itself when parallelism cannot pay
 * or cannot be trusted (the reason is reported). `base` is the state `state` was built over.
 */
export function executeTransactionsParallel(
  pool: WorkerPool,
  ctx: BlockContext,
  base: StateReader,
  preBlockWrites: AccountWrite[][],
  state: BlockState,
  block: Block,
  senders: readonly RecoveredSender[],
  options: ParallelOptions = {},
): TransactionsOutput & { parallel: ParallelReport } {
  const txCount = block.transactions.length;
  const threads = pool.size + 1;
  if (!options.force && txCount < threads * MIN_TXS_PER_THREAD) {
    return sequential(
      `small block (${txCount} transactions for ${threads} threads)`,
      ctx,
      state,
      block,
      senders,
      options,
    );
  }
  if (!options.force) {
    let gasLimits = 0n;
    for (const tx of block.transactions) gasLimits += tx.gasLimit;
    if (gasLimits < BigInt(txCount) * MIN_AVERAGE_GAS_LIMIT) {
      return sequential(
        `cheap transactions (average gas limit under ${MIN_AVERAGE_GAS_LIMIT})`,
        ctx,
        state,
        block,
        senders,
        options,
      );
    }
    if (gasLimits < MIN_TOTAL_GAS_LIMIT) {
      return sequential(
        `light block (transaction gas limits sum to ${gasLimits}, under ${MIN_TOTAL_GAS_LIMIT})`,
        ctx,
        state,
        block,
        senders,
        options,
      );
    }
  }
  if (senders.some((sender) => sender instanceof InvalidTransactionError)) {
    return sequential("a transaction has an invalid signature", ctx, state, block, senders, options);
  }
  if (options.transactionDiffs) {
    return sequential("per-transaction state diffs were requested", ctx, state, block, senders, options);
  }
  const shape = senderChains(senders as Uint8Array[]);
  if (!options.force && txCount < MIN_PARALLELISM * shape.longestChain) {
    return sequential(
      `dependent block: ${shape.longestChain} of ${txCount} transactions share one sender`,
      ctx,
      state,
      block,
      senders,
      options,
    );
  }
  const workerBase = workerBaseOf(base);
  if (workerBase === undefined) {
    return sequential(
      "the state backend can be neither snapshotted for workers nor read by them in place",
      ctx,
      state,
      block,
      senders,
      options,
    );
  }
  const blockHashes: [bigint, Uint8Array][] = [];
  for (let n = ctx.header.number > 256n ? ctx.header.number - 256n : 0n; n < ctx.header.number; n++) {
    blockHashes.push([n, base.blockHash(n)]);
  }
  const receipts: Receipt[] = new Array(txCount);
  const deleteEmpty = ctx.fork >= Fork.SpuriousDragon;
  const credited = new Set<string>();
  const codeDeployed = new Set<string>();
  let gasUsed = 0n;
  let blobGasUsed = 0n;
  // Fees owed to the coinbase since the last transaction that wrote it (whose write already counts
  // the fees before it), paid once at the end: the same final state as paying after each transaction.
  let pendingFees = 0n;
  let commitMs = 0;
  // Receipt leaves are hashed as transactions fold, overlapping the workers; from Byzantium on (earlier
  // receipts embed intermediate state roots).
  const receiptsTrie = ctx.fork >= Fork.Byzantium ? new OrderedTrie(txCount) : undefined;

  // Folds one final result exactly as the sequential loop would (called in order, during the run).
  const fold = (i: number, result: TxResult): string | undefined => {
    const started = performance.now();
    const tx = block.transactions[i];
    checkTransactionFits(ctx, tx, i, gasUsed, blobGasUsed);
    if (result.invalid) {
      throw new InvalidBlockError(
        result.invalid.reason as never,
        { blockNumber: ctx.header.number, txIndex: i },
        result.invalid.message,
      );
    }
    const writes = result.writes!;
    // A lazily credited account must stay code-less for the whole block: workers credited it because it
    // had no code before the block, so only code deployed by an earlier transaction here can break that.
    const creditKey = result.credit === undefined ? undefined : addressKey(result.credit.address);
    if (creditKey !== undefined && codeDeployed.has(creditKey))
      return "a lazily credited account received code in the block";
    let writesCoinbase = false;
    for (const write of writes) {
      if (equalBytes(write.address, ctx.env.coinbase)) writesCoinbase = true;
      if (write.code !== undefined && write.code.length > 0) {
        const key = addressKey(write.address);
        if (credited.has(key)) return "a lazily credited account received code in the block";
        codeDeployed.add(key);
      }
    }
    if (writesCoinbase) pendingFees = 0n;
    state.apply(writes);
    if (creditKey !== undefined) {
      credited.add(creditKey);
      state.apply(lazyCreditWrites(state, result.credit!));
    }
    pendingFees += result.coinbaseFee!;
    gasUsed += result.outcome!.gasUsed;
    blobGasUsed += transactionBlobGas(tx);
    receipts[i] = buildReceipt(ctx.fork, tx, result.outcome!, gasUsed, undefined, result.logsBloom);
    receiptsTrie?.set(i, encodeReceipt(receipts[i]));
    commitMs += performance.now() - started;
    return undefined;
  };
  // Pays the deferred fees folded so far (and touches the coinbase, as every transaction did).
  const settleFees = () => {
    state.apply(deferredFeeWrites(state, ctx.env.coinbase, pendingFees, deleteEmpty));
    pendingFees = 0n;
  };

  const run = runParallelTransactions(
    pool,
    {
      base: workerBase,
      blockHashes,
      preBlockWrites,
      env: ctx.env,
      fork: ctx.fork,
      transactions: block.transactions,
      senders: senders as Uint8Array[],
      senderPredecessors: shape.predecessors,
      timeoutMs: options.timeoutMs,
      ignoreDependencyChains: options.force,
      maxDelayMicros: options.maxDelayMicros,
      pausePoints: options.pausePoints,
      seed: options.seed,
      testHooks: testHooksOf(options),
    },
    fold,
  );
  if (!run.ok) {
    // Everything before `committed` is final and folded; the rest runs sequentially from there.
    if (run.committed > 0) settleFees();
    const progress = { next: run.committed, receipts, gasUsed, blobGasUsed };
    const started = performance.now();
    const output = executeTransactionsSequential(ctx, state, block, senders, options, progress);
    return {
      ...output,
      parallel: {
        fallbackReason: `${run.fallbackReason}; transactions ${run.committed}.. ran sequentially`,
        metrics: run.metrics,
        commitMs: commitMs + performance.now() - started,
      },
    };
  }
  if (txCount > 0) settleFees();
  return {
    receipts,
    gasUsed,
    blobGasUsed,
    transactionDiffs: undefined,
    receiptsTrie,
    parallel: { metrics: run.metrics, commitMs },
  };
}
