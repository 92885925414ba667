import type { BlockEnv } from "../../evm/blockEnv.js";
import { Fork } from "../../evm/fork.js";
import { addressKey } from "../../primitives/address.js";
import { PevmError } from "../../primitives/errors.js";
import { equalBytes } from "../../primitives/hex.js";
import { commitWrites } from "../../state/commitWrites.js";
import { JournaledState } from "../../state/journaledState.js";
import type { MemoryState } from "../../state/memoryState.js";
import type { TransactionOutcome } from "../applyTransaction.js";
import { executeTransaction, payCoinbase } from "../executeTransaction.js";
import type { Transaction } from "../transaction.js";
import { buildDependencyDag, type DependencyDag, type TxAccessSet } from "./dependencyDag.js";
import { RecordingStateReader } from "./recordingStateReader.js";

/** What the coinbase saw: fees are folded lazily and are not dependencies; real reads are. */
export interface CoinbaseActivity {
  address: Uint8Array;
  /** Transactions that paid it a non-zero priority fee. */
  feePayers: number;
  /** Transactions that read its account (and so wait for every earlier fee). */
  readers: number;
  totalFees: bigint;
}

/** A block's parallelism profile, from one recorded sequential run. */
export interface BlockAnalysis {
  dag: DependencyDag;
  coinbase: CoinbaseActivity;
  outcomes: TransactionOutcome[];
}

/**
 * Runs `txs` in order over `state` (which ends as the post-state), recording each transaction's
 * read set (through a RecordingStateReader) and write set (its AccountWrites, keeping only fields
 * that really changed), and builds the dependency DAG. The coinbase fee is deferred and folded
 * after each transaction, as the parallel executor's lazy update does, so paying fees creates no
 * dependency; a transaction that reads the coinbase account itself depends on all earlier ones.
 * Throws PevmError("INVALID_BLOCK") naming the first transaction that cannot be included.
 */
export function analyzeBlock(
  state: MemoryState,
  env: BlockEnv,
  fork: Fork,
  txs: readonly { tx: Transaction; sender: Uint8Array }[],
): BlockAnalysis {
  const reader = new RecordingStateReader(state);
  const coinbaseKey = addressKey(env.coinbase);
  const coinbase: CoinbaseActivity = { address: env.coinbase, feePayers: 0, readers: 0, totalFees: 0n };
  const accesses: TxAccessSet[] = [];
  const outcomes: TransactionOutcome[] = [];
  for (let i = 0; i < txs.length; i++) {
    reader.reset();
    let executed: ReturnType<typeof executeTransaction>;
    try {
      executed = executeTransaction(reader, env, txs[i].tx, txs[i].sender, fork, { deferCoinbaseFee: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new PevmError("INVALID_BLOCK", `Transaction ${i} cannot be included: ${message}`, {
        cause: error,
      });
    }
    const readsCoinbase = reader.accounts.delete(coinbaseKey);
    const accountsWritten: string[] = [];
    const slotsWritten = new Map<string, bigint[]>();
    const storageCleared: string[] = [];
    for (const write of executed.writes) {
      const key = addressKey(write.address);
      const before = state.account(write.address);
      const changed = write.deleted
        ? before !== undefined
        : before === undefined ||
          before.nonce !== write.nonce ||
          before.balance !== write.balance ||
          !equalBytes(before.codeHash, write.codeHash);
      if (changed) accountsWritten.push(key);
      if (write.storageCleared && before !== undefined) storageCleared.push(key);
      if (write.storage.size > 0) slotsWritten.set(key, [...write.storage.keys()]);
    }
    commitWrites(state, executed.writes);
    foldCoinbaseFee(state, env.coinbase, executed.coinbaseFee, fork);
    if (executed.coinbaseFee > 0n) coinbase.feePayers++;
    if (readsCoinbase) coinbase.readers++;
    coinbase.totalFees += executed.coinbaseFee;
    outcomes.push(executed.outcome);
    accesses.push({
      gasUsed: Number(executed.outcome.gasUsed),
      accountsRead: new Set(reader.accounts),
      slotsRead: new Map(reader.slots),
      accountsWritten,
      slotsWritten,
      storageCleared,
      readsCoinbase,
    });
  }
  return { dag: buildDependencyDag(accesses), coinbase, outcomes };
}

/** Pays the deferred fee exactly as the executor would have (including EIP-161 touch semantics). */
function foldCoinbaseFee(state: MemoryState, coinbase: Uint8Array, fee: bigint, fork: Fork): void {
  const journaled = new JournaledState(state);
  payCoinbase(journaled, coinbase, fee);
  commitWrites(state, journaled.finalize(fork >= Fork.SpuriousDragon));
}
