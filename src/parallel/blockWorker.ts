import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { executeTransaction } from "../chain/executeTransaction.js";
import { InvalidTransactionError } from "../chain/invalidTransactionError.js";
import { logsBloom } from "../chain/logsBloom.js";
import { recoverSender } from "../chain/recoverSender.js";
import type { Transaction } from "../chain/transaction.js";
import { Fork } from "../evm/fork.js";
import { ByteChunks, ByteWriter } from "../primitives/byteCodec.js";
import { equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
import { BlockState } from "../state/blockState.js";
import type { BlockJob, BlockJobReport, RecoverJob, TxResult } from "./blockJob.js";
import { LocationTable } from "./locationTable.js";
import { MvMemory } from "./mvMemory.js";
import { ArenaExhaustedError, Scheduler, type Task, TaskKind } from "./scheduler.js";
import { SharedCode } from "./sharedCode.js";
import {
  AbortReason,
  attachSharedBlockMemory,
  CACHE_LINE_WORDS,
  Control,
  controlAdd,
  type SharedBlockMemory,
} from "./sharedLayout.js";
import { decodeSender, decodeTransaction } from "./sharedTransactions.js";
import { SnapshotReader } from "./stateSnapshot.js";
import { encodeTxResult } from "./txResultCodec.js";
import { ReadEstimateError, VersionedState } from "./versionedState.js";

const resultPort: MessagePort = workerData.resultPort;
let snapshotId = -1;
let snapshot: SnapshotReader | undefined;

/** xorshift32: deterministic pauses for schedule-shaking tests. */
function nextRandom(state: { seed: number }): number {
  let x = state.seed | 0 || 1;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.seed = x;
  return (x >>> 0) / 4294967296;
}

function pause(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until) {
    // Busy pause: the point is to perturb the interleaving, not to yield.
  }
}

function runBlock(job: BlockJob): void {
  const memory: SharedBlockMemory = attachSharedBlockMemory(job.capacities, job.buffers);
  if (job.snapshotId !== snapshotId || snapshot === undefined) {
    snapshot = new SnapshotReader(job.snapshot, new Map(job.blockHashes));
    snapshotId = job.snapshotId;
  }
  const txCount = job.transactions.offsets.length - 1;
  const scheduler = new Scheduler(memory, txCount);
  const mv = new MvMemory(memory);
  const base = new BlockState(snapshot);
  for (const writes of job.preBlockWrites) base.apply(writes);
  const state = new VersionedState(
    mv,
    new LocationTable(memory),
    base,
    snapshot,
    new SharedCode(memory),
    job.env.coinbase,
    job.fork >= Fork.SpuriousDragon,
    job.preBlockWrites.flatMap((writes) => writes.map((write) => write.address)),
  );
  // Decoded on first execution by this worker (each worker decodes only what it runs).
  const transactions: (Transaction | undefined)[] = new Array(txCount);
  const senders: (Uint8Array | undefined)[] = new Array(txCount);
  const resultWriter = new ByteWriter(4096);
  const transactionCopies = new ByteChunks();
  // Lazy credits only to accounts without code before the block; the main thread re-runs the block
  // sequentially if one of them gets code during it.
  const lazyCredit = (to: Uint8Array): boolean => {
    const info = base.account(to);
    return info === undefined || equalBytes(info.codeHash, KECCAK256_EMPTY);
  };
  let writeLocations = new Int32Array(256);
  const random = { seed: job.seed };

  const execute = (task: Task): Task | undefined => {
    const { tx, incarnation } = task;
    const predecessor = job.senderPredecessors[tx];
    if (predecessor >= 0 && !scheduler.isExecuted(predecessor) && scheduler.addDependency(tx, predecessor)) {
      return undefined;
    }
    if (transactions[tx] === undefined) {
      transactions[tx] = decodeTransaction(job.transactions, tx, transactionCopies);
      senders[tx] = decodeSender(job.transactions, tx);
    }
    const transaction = transactions[tx];
    const sender = senders[tx]!;
    for (;;) {
      controlAdd(memory, Control.Executions, 1);
      state.begin(tx);
      let result: TxResult;
      try {
        const executed = executeTransaction(state, job.env, transaction, sender, job.fork, {
          deferCoinbaseFee: true,
          lazyCredit,
        });
        result = {
          tx,
          incarnation,
          outcome: executed.outcome,
          writes: executed.writes,
          coinbaseFee: executed.coinbaseFee,
          credit: executed.credit,
        };
      } catch (error) {
        if (error instanceof ReadEstimateError) {
          if (scheduler.addDependency(tx, error.blockingTx)) return undefined;
          continue;
        }
        if (!(error instanceof InvalidTransactionError)) throw error;
        result = { tx, incarnation, invalid: { reason: error.reason, message: error.shortMessage } };
      }
      let bound = 2;
      for (const write of result.writes ?? []) bound += 1 + write.storage.size;
      if (bound > writeLocations.length) writeLocations = new Int32Array(bound * 2);
      const count = state.publish(
        incarnation,
        result.writes ?? [],
        result.coinbaseFee ?? 0n,
        result.credit,
        writeLocations,
      );
      mv.recordReadSet(tx, incarnation, state.reads, state.readWords);
      const wroteNew = mv.recordWriteSet(tx, writeLocations, count);
      if (result.outcome !== undefined) result.logsBloom = logsBloom(result.outcome.logs);
      publishResult(result);
      return scheduler.finishExecution(tx, incarnation, wroteNew);
    }
  };

  // Each incarnation's result goes to a fresh record of the shared arena ([length, incarnation, bytes]),
  // published by one atomic store of its position: the main thread may read it while this block runs.
  const publishResult = (result: TxResult): void => {
    resultWriter.reset();
    resultWriter.u32(0);
    resultWriter.u32(result.incarnation);
    encodeTxResult(resultWriter, result);
    const record = resultWriter.bytes();
    const length = record.length - 8;
    record[0] = length;
    record[1] = length >>> 8;
    record[2] = length >>> 16;
    record[3] = length >>> 24;
    const start = controlAdd(memory, Control.NextResultByte, record.length);
    if (start + record.length > memory.resultBytes.length) throw new ArenaExhaustedError("results");
    memory.resultBytes.set(record, start);
    Atomics.store(memory.resultStart, result.tx, start + 1);
  };

  const validate = (task: Task): Task | undefined => {
    const valid = mv.validateReadSet(task.tx);
    const aborted = !valid && scheduler.tryValidationAbort(task.tx, task.incarnation);
    if (aborted) mv.convertWritesToEstimates(task.tx);
    return scheduler.finishValidation(task.tx, aborted);
  };

  let failure: string | undefined;
  let executeTime = 0;
  let validateTime = 0;
  try {
    let task: Task | undefined;
    let idleRounds = 0;
    while (!scheduler.done()) {
      if (job.maxDelayMicros > 0) pause(nextRandom(random) * job.maxDelayMicros);
      if (task?.kind === TaskKind.Execute) {
        const started = performance.now();
        task = execute(task);
        executeTime += performance.now() - started;
      } else if (task?.kind === TaskKind.Validate) {
        const started = performance.now();
        task = validate(task);
        validateTime += performance.now() - started;
      } else {
        task = scheduler.nextTask();
        // Nothing to do right now (others hold the remaining work): after a while, back off briefly
        // instead of hammering the shared counters.
        if (task !== undefined) idleRounds = 0;
        else if (++idleRounds > 256) Atomics.wait(memory.control, Control.Done * CACHE_LINE_WORDS, 0, 0.02);
      }
    }
  } catch (error) {
    const reason =
      error instanceof ArenaExhaustedError ? AbortReason.ArenaExhausted : AbortReason.WorkerError;
    Atomics.compareExchange(memory.control, Control.Abort * CACHE_LINE_WORDS, 0, reason);
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  controlAdd(memory, Control.ExecuteMicros, Math.round(executeTime * 1000));
  controlAdd(memory, Control.ValidateMicros, Math.round(validateTime * 1000));
  const report: BlockJobReport = { jobId: job.jobId, failure };
  resultPort.postMessage(report);
  controlAdd(memory, Control.WorkersFinished, 1);
  Atomics.notify(memory.control, Control.WorkersFinished * CACHE_LINE_WORDS);
}

/** Recovers senders until the shared counter runs past the block; a failure is left for the main thread. */
function recover(job: RecoverJob): void {
  const progress = new Int32Array(job.progress);
  const senders = job.transactions.senders;
  const count = job.transactions.offsets.length - 1;
  const copies = new ByteChunks();
  for (let i = Atomics.add(progress, 0, 1); i < count; i = Atomics.add(progress, 0, 1)) {
    let status = 2;
    try {
      senders.set(recoverSender(decodeTransaction(job.transactions, i, copies), job.fork), 20 * i);
      status = 1;
    } catch {
      // The main thread recovers this one itself, to report the error where the block reaches it.
    }
    Atomics.store(progress, 2 + i, status);
  }
  Atomics.add(progress, 1, 1);
  Atomics.notify(progress, 1);
}

parentPort!.on("message", (message: BlockJob | RecoverJob | { type: "stop" }) => {
  if (message.type === "block") runBlock(message);
  else if (message.type === "recover") recover(message);
  else process.exit(0);
});
