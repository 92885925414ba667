import { Fork } from "../evm/fork.js";
import type { OrderedTrie } from "../primitives/orderedTrie.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { BlockState } from "../state/blockState.js";
import type { StateDiff } from "../state/stateDiff.js";
import type { StateReader } from "../state/stateReader.js";
import {
  collectTrieNodes,
  storesTrieNodes,
  type TrieNodeList,
  worldStateTrieOf,
} from "../state/stateRootProvider.js";
import type { Block } from "./block.js";
import { type BlockContext, blockContext } from "./blockContext.js";
import { BlockInputError } from "./blockErrors.js";
import type { BlockExecutionResult, BlockTimings } from "./blockExecutionResult.js";
import {
  buildReceipt,
  checkTransactionFits,
  executeBlockTransaction,
  type RecoveredSender,
  transactionBlobGas,
} from "./blockTransaction.js";
import type { ChainConfig } from "./chainConfig.js";
import type { ExecuteOptions } from "./executeTransaction.js";
import { BLOOM_BYTES, orBloom } from "./logsBloom.js";
import { applyPostBlock } from "./postBlock.js";
import { applyPreBlock } from "./preBlock.js";
import { type Receipt, receiptsRoot } from "./receipt.js";
import { recoverSenders } from "./recoverSenders.js";

/** How to execute a block. */
export interface ExecuteBlockOptions {
  /** Use the block's declared senders (RPC `from`) instead of recovering them. Default false. */
  trustSenders?: boolean;
  /** Senders recovered elsewhere, index-aligned with the transactions. */
  senders?: readonly RecoveredSender[];
  /** How to recover the senders when neither given nor trusted (default: recoverSenders, on this thread). */
  recoverSenders?: (block: Block, fork: Fork) => RecoveredSender[];
  /** Also return each transaction's own state diff (costs a read per written slot). */
  transactionDiffs?: boolean;
  /** Per-transaction EVM options (tracer). */
  execute?: ExecuteOptions;
  /**
   * Compute the post-block state root when the state backend holds the full state (StateRootProvider).
   * Default true; benchmarks against a peer that computes none turn it off.
   */
  stateRoot?: boolean;
}

/** The transactions' part of a block result: what the parallel executor's loop must reproduce. */
export interface TransactionsOutput {
  receipts: Receipt[];
  gasUsed: bigint;
  blobGasUsed: bigint;
  transactionDiffs: StateDiff[] | undefined;
  /** The receipts trie with every leaf already hashed (the parallel loop fills it as it folds). */
  receiptsTrie?: OrderedTrie;
}

/**
 * Resolves the senders a block executes with: given ones, the block's declared ones when trusted, or
 * recovered from the signatures (one pass, independent per transaction).
 */
export function resolveSenders(
  ctx: BlockContext,
  block: Block,
  options: ExecuteBlockOptions,
): readonly RecoveredSender[] {
  if (options.senders !== undefined) return options.senders;
  if (options.trustSenders) {
    const declared = block.senders;
    if (declared === undefined || declared.length !== block.transactions.length) {
      throw new BlockInputError(
        { blockNumber: ctx.header.number, field: "transactions[].from" },
        "trustSenders needs a declared sender for every transaction",
      );
    }
    return declared;
  }
  return (options.recoverSenders ?? recoverSenders)(block, ctx.fork);
}

/** Where a transaction loop stands: the first transaction not yet folded and the totals before it. */
export interface TransactionsProgress {
  next: number;
  receipts: Receipt[];
  gasUsed: bigint;
  blobGasUsed: bigint;
}

/**
 * The sequential transaction loop: each transaction is admitted (block gas and blob allowance),
 * executed against `state` (which already holds the pre-block writes), its writes folded in order,
 * and its receipt built. This is the seam the parallel executor replaces; it resumes here at `from`
 * when it stops part-way (its `state` then holds the transactions before `from.next`).
 */
export function executeTransactionsSequential(
  ctx: BlockContext,
  state: BlockState,
  block: Block,
  senders: readonly RecoveredSender[],
  options: ExecuteBlockOptions = {},
  from?: TransactionsProgress,
): TransactionsOutput {
  const receipts: Receipt[] = from?.receipts ?? new Array(block.transactions.length);
  const transactionDiffs: StateDiff[] | undefined = options.transactionDiffs ? [] : undefined;
  let gasUsed = from?.gasUsed ?? 0n;
  let blobGasUsed = from?.blobGasUsed ?? 0n;
  for (let i = from?.next ?? 0; i < block.transactions.length; i++) {
    const tx = block.transactions[i];
    checkTransactionFits(ctx, tx, i, gasUsed, blobGasUsed);
    const { outcome, writes } = executeBlockTransaction(ctx, state, tx, senders[i], i, options.execute);
    transactionDiffs?.push(state.diffOf(writes));
    state.apply(writes);
    gasUsed += outcome.gasUsed;
    blobGasUsed += transactionBlobGas(tx);
    receipts[i] = buildReceipt(ctx.fork, tx, outcome, gasUsed);
  }
  return { receipts, gasUsed, blobGasUsed, transactionDiffs };
}

function applyAll(state: BlockState, writeSets: readonly AccountWrite[][]): void {
  for (const writes of writeSets) state.apply(writes);
}

/** Block bloom, receipts root and result assembly: shared by every executor. */
export function finishBlock(
  ctx: BlockContext,
  state: BlockState,
  senders: readonly RecoveredSender[],
  txs: TransactionsOutput,
  post: ReturnType<typeof applyPostBlock>,
  timings: BlockTimings,
): BlockExecutionResult {
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const receipt of txs.receipts) orBloom(bloom, receipt.logsBloom);
  const byzantium = ctx.fork >= Fork.Byzantium;
  return {
    receipts: txs.receipts,
    gasUsed: txs.gasUsed,
    blobGasUsed: txs.blobGasUsed,
    logsBloom: bloom,
    receiptsRoot:
      byzantium || txs.receipts.every((r) => r.postState !== undefined)
        ? (txs.receiptsTrie?.root() ?? receiptsRoot(txs.receipts))
        : undefined,
    ...(byzantium || txs.receipts.length === 0
      ? {}
      : {
          receiptsRootUnavailable:
            "pre-Byzantium receipts embed intermediate state roots, which need the full state",
        }),
    requests: post.requests,
    requestsHash: post.requestsHash,
    stateRoot: undefined,
    // Computed on first access: it reads the base for every changed slot and can cost more than
    // executing the block, which benchmarks and replays that only check roots never need.
    get stateDiff() {
      const diff = state.diff();
      Object.defineProperty(this, "stateDiff", { value: diff, enumerable: true });
      return diff;
    },
    ...(txs.transactionDiffs ? { transactionDiffs: txs.transactionDiffs } : {}),
    senders: senders as Uint8Array[],
    timings,
  };
}

/**
 * The transaction loop of a block: runs the transactions against `state` (which already holds the
 * pre-block writes, listed in `preBlockWrites`), folds their writes in order and returns the receipts.
 */
export type TransactionLoop<T extends TransactionsOutput> = (
  ctx: BlockContext,
  state: BlockState,
  preBlockWrites: AccountWrite[][],
  senders: readonly RecoveredSender[],
) => T;

/**
 * Executes `block` with a given transaction loop: senders, pre-block system steps, the loop, then
 * rewards, withdrawals and requests, and the result. Every executor shares this, so only the loop can
 * differ between them.
 */
export function executeBlockWith<T extends TransactionsOutput>(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ExecuteBlockOptions,
  loop: TransactionLoop<T>,
): { result: BlockExecutionResult; transactions: T } {
  const start = performance.now();
  const ctx = blockContext(chain, block.header);
  const senders = resolveSenders(ctx, block, options);
  const afterSenders = performance.now();

  const blockState = new BlockState(state);
  const preBlockWrites = applyPreBlock(ctx, blockState);
  applyAll(blockState, preBlockWrites);
  const afterPre = performance.now();

  const txs = loop(ctx, blockState, preBlockWrites, senders);
  const afterTxs = performance.now();

  const post = applyPostBlock(ctx, blockState, block, txs.receipts);
  applyAll(blockState, post.writeSets);
  const afterPost = performance.now();

  const timings: BlockTimings = {
    senders: afterSenders - start,
    preBlock: afterPre - afterSenders,
    transactions: afterTxs - afterPre,
    postBlock: afterPost - afterTxs,
    finalize: 0,
    stateRoot: 0,
    total: 0,
  };
  const result = finishBlock(ctx, blockState, senders, txs, post, timings);
  const afterFinish = performance.now();
  addStateRoot(state, result, options.stateRoot ?? true);
  const end = performance.now();
  timings.finalize = afterFinish - afterPost;
  timings.stateRoot = end - afterFinish;
  timings.total = end - start;
  return { result, transactions: txs };
}

/**
 * The post-block state root, from the pre-state's trie and the block's state diff (which holds every
 * write of the block: system calls, transactions, rewards, withdrawals, EIP-161 deletions), so every
 * executor gets it the same way. Only when the backend holds the full state (StateRootProvider).
 */
function addStateRoot(state: StateReader, result: BlockExecutionResult, wanted: boolean): void {
  if (!wanted) {
    result.stateRootUnavailable = "not computed (stateRoot: false)";
    return;
  }
  const trie = worldStateTrieOf(state);
  if (trie === undefined) {
    result.stateRootUnavailable = "the state backend does not hold the full state (a partial pre-state)";
    return;
  }
  const collected = storesTrieNodes(state) ? collectTrieNodes() : undefined;
  const postStateTrie = trie.apply(result.stateDiff, collected?.sink);
  result.stateRoot = postStateTrie.rootHash();
  Object.defineProperty(result, "postStateTrie", { value: postStateTrie, enumerable: false });
  if (collected !== undefined)
    Object.defineProperty(result, "trieNodes", { value: collected.nodes, enumerable: false });
}

/** The trie nodes a block's state root created, when its backend persists them (non-enumerable on the result). */
export function trieNodesOf(result: BlockExecutionResult): TrieNodeList | undefined {
  return (result as { trieNodes?: TrieNodeList }).trieNodes;
}

/**
 * Executes `block` on `chain` against `state` (left unmodified) one transaction after another: the
 * oracle every parallel run must match. Pre-block system steps, the transaction loop, then rewards,
 * withdrawals and requests. Throws InvalidBlockError (a consensus rule broken, naming the block and
 * transaction) or BlockInputError.
 */
export function executeBlockSequential(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ExecuteBlockOptions = {},
): BlockExecutionResult {
  return executeBlockWith(chain, state, block, options, (ctx, blockState, _pre, senders) =>
    executeTransactionsSequential(ctx, blockState, block, senders, options),
  ).result;
}
