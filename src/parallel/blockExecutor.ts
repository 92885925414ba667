import { executeTransaction } from "../chain/executeTransaction.js";
import { InvalidTransactionError } from "../chain/invalidTransactionError.js";
import { logsBloom } from "../chain/logsBloom.js";
import type { Transaction } from "../chain/transaction.js";
import { Fork } from "../evm/fork.js";
import { ByteChunks, ByteWriter } from "../primitives/byteCodec.js";
import { equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
import { BlockState } from "../state/blockState.js";
import type { BlockJob, TxResult } from "./blockJob.js";
import { LocationTable } from "./locationTable.js";
import { MvMemory } from "./mvMemory.js";
import { ArenaExhaustedError } from "./parallelErrors.js";
import { nextRandom, type PauseHook, PausePoint, pause, randomPauses } from "./pausePoints.js";
import { Scheduler, type Task, TaskKind } from "./scheduler.js";
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
import { encodeTxResult } from "./txResultCodec.js";
import { ReadEstimateError, VersionedState } from "./versionedState.js";
import { type OpenedBase, openWorkerBase } from "./workerBaseState.js";

/** What one call of BlockExecutor.step did. */
export const StepOutcome = { Worked: 0, Idle: 1, Done: 2 } as const;

/**
 * One thread's share of a Block-STM run: takes tasks from the shared scheduler, executes and validates
 * transaction incarnations over the multi-version memory, and publishes each result to the shared arena.
 * Pool workers run it to the end; the calling thread runs it a task at a time between folds.
 */
export class BlockExecutor {
  private readonly job: BlockJob;
  readonly memory: SharedBlockMemory;
  private readonly scheduler: Scheduler;
  private readonly mv: MvMemory;
  private readonly base: BlockState;
  /** This thread's reader of the pre-block state, released when the thread is done with the block. */
  private readonly preBlock: OpenedBase;
  private readonly state: VersionedState;
  /** Decoded on first execution by this thread (each thread decodes only what it runs). */
  private readonly transactions: (Transaction | undefined)[];
  private readonly senders: (Uint8Array | undefined)[];
  private readonly resultWriter = new ByteWriter(4096);
  private readonly transactionCopies = new ByteChunks();
  private writeLocations = new Int32Array(256);
  private readonly random: { seed: number };
  /** Test-only pauses inside tasks (see pausePoints.ts); undefined in production runs. */
  private readonly pauseAt: PauseHook | undefined;
  private task: Task | undefined;
  /** Consecutive steps that found no task. */
  idleRounds = 0;
  private executeTime = 0;
  private validateTime = 0;
  /** Set when this thread stopped the block (exhausted arena, unexpected error). */
  failure: string | undefined;
  /**
   * The latest incarnation's result of each transaction this thread executed, when the thread also folds
   * (the calling thread): its records in the arena are then headers only, no encoding or decoding.
   */
  private readonly localResults: (TxResult | undefined)[] | undefined;

  /**
   * `decoded`: the block's transactions and senders, when this thread already holds them; it then also
   * keeps its own results for the fold (localResult) instead of encoding them. `pauseAt`: a test's
   * hook at the named points inside tasks; by default the job's random pauses, if it asks for any.
   */
  constructor(
    job: BlockJob,
    decoded?: { transactions: readonly Transaction[]; senders: readonly Uint8Array[] },
    pauseAt?: PauseHook,
  ) {
    this.job = job;
    this.memory = attachSharedBlockMemory(job.capacities, job.buffers);
    const txCount = job.transactions.offsets.length - 1;
    this.scheduler = new Scheduler(this.memory, txCount);
    this.mv = new MvMemory(this.memory, job.jobId);
    this.preBlock = openWorkerBase(job.base, job.blockHashes);
    const snapshot = this.preBlock.reader;
    this.base = new BlockState(snapshot);
    for (const writes of job.preBlockWrites) this.base.apply(writes);
    this.state = new VersionedState(
      this.mv,
      new LocationTable(this.memory),
      this.base,
      snapshot,
      new SharedCode(this.memory),
      job.env.coinbase,
      job.fork >= Fork.SpuriousDragon,
      job.preBlockWrites.flatMap((writes) => writes.map((write) => write.address)),
    );
    this.transactions = decoded ? [...decoded.transactions] : new Array(txCount);
    this.senders = decoded ? [...decoded.senders] : new Array(txCount);
    this.random = { seed: job.seed };
    this.pauseAt = pauseAt ?? randomPauses(job.pausePoints, job.maxDelayMicros, this.random);
    this.localResults = decoded ? new Array(txCount) : undefined;
  }

  /** This thread's result of incarnation `incarnation` of `tx`, if it executed that incarnation. */
  localResult(tx: number, incarnation: number): TxResult | undefined {
    const result = this.localResults?.[tx];
    return result?.incarnation === incarnation ? result : undefined;
  }

  /** Runs tasks until the block is done, backing off briefly while others hold the remaining work. */
  run(): void {
    for (;;) {
      const outcome = this.step();
      if (outcome === StepOutcome.Done) return;
      if (outcome === StepOutcome.Idle && this.idleRounds > 256) {
        Atomics.wait(this.memory.control, Control.Done * CACHE_LINE_WORDS, 0, 0.02);
      }
    }
  }

  /** Executes or validates one task, or looks for one; a failure aborts the block for every thread. */
  step(): number {
    try {
      if (this.scheduler.done()) return StepOutcome.Done;
      if (this.job.maxDelayMicros > 0) pause(nextRandom(this.random) * this.job.maxDelayMicros);
      const task = this.task ?? this.scheduler.nextTask();
      if (task === undefined) {
        this.idleRounds++;
        return StepOutcome.Idle;
      }
      this.idleRounds = 0;
      this.task = this.perform(task);
      return StepOutcome.Worked;
    } catch (error) {
      const reason =
        error instanceof ArenaExhaustedError ? AbortReason.ArenaExhausted : AbortReason.WorkerError;
      // Only the thread that stopped the block reports why: a later error may just follow from the stop.
      if (Atomics.compareExchange(this.memory.control, Control.Abort * CACHE_LINE_WORDS, 0, reason) === 0)
        this.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return StepOutcome.Done;
    }
  }

  /**
   * Executes or validates `task` (one the scheduler handed out); returns the follow-up task the
   * scheduler hands straight back, if any. Public for tests that replay an interleaving step by step.
   */
  perform(task: Task): Task | undefined {
    const started = performance.now();
    if (task.kind === TaskKind.Execute) {
      const next = this.execute(task);
      this.executeTime += performance.now() - started;
      return next;
    }
    const next = this.validate(task);
    this.validateTime += performance.now() - started;
    return next;
  }

  /**
   * Lets go of the pre-block state (a persistent state's read snapshot); call once this thread takes no
   * more tasks of the block.
   */
  release(): void {
    this.preBlock.release();
  }

  /** Adds this thread's task times to the block's counters. */
  reportTimes(): void {
    controlAdd(this.memory, Control.ExecuteMicros, Math.round(this.executeTime * 1000));
    controlAdd(this.memory, Control.ValidateMicros, Math.round(this.validateTime * 1000));
  }

  // Lazy credits only to accounts without code before the block; the main thread re-runs the block
  // sequentially if one of them gets code during it.
  private readonly lazyCredit = (to: Uint8Array): boolean => {
    const info = this.base.account(to);
    return info === undefined || equalBytes(info.codeHash, KECCAK256_EMPTY);
  };

  private execute(task: Task): Task | undefined {
    const { job, scheduler, state, mv } = this;
    const { tx, incarnation } = task;
    const predecessor = job.senderPredecessors[tx];
    if (predecessor >= 0 && !scheduler.isExecuted(predecessor) && scheduler.addDependency(tx, predecessor)) {
      controlAdd(this.memory, Control.SenderWaits, 1);
      return undefined;
    }
    if (this.transactions[tx] === undefined) {
      this.transactions[tx] = decodeTransaction(job.transactions, tx, this.transactionCopies);
      this.senders[tx] = decodeSender(job.transactions, tx);
    }
    const transaction = this.transactions[tx];
    const sender = this.senders[tx]!;
    for (;;) {
      controlAdd(this.memory, Control.Executions, 1);
      state.begin(tx);
      let result: TxResult;
      try {
        const executed = executeTransaction(state, job.env, transaction, sender, job.fork, {
          deferCoinbaseFee: true,
          lazyCredit: this.lazyCredit,
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
      this.pauseAt?.(PausePoint.Executed, tx, incarnation);
      let bound = 2;
      for (const write of result.writes ?? []) bound += 1 + write.storage.size;
      if (bound > this.writeLocations.length) this.writeLocations = new Int32Array(bound * 2);
      const count = state.publish(
        incarnation,
        result.writes ?? [],
        result.coinbaseFee ?? 0n,
        result.credit,
        this.writeLocations,
      );
      mv.recordReadSet(tx, incarnation, state.reads, state.readWords);
      const wroteNew = mv.recordWriteSet(tx, this.writeLocations, count);
      this.pauseAt?.(PausePoint.Recorded, tx, incarnation);
      if (result.outcome !== undefined) result.logsBloom = logsBloom(result.outcome.logs);
      this.publishResult(result);
      this.pauseAt?.(PausePoint.Published, tx, incarnation);
      return scheduler.finishExecution(tx, incarnation, wroteNew);
    }
  }

  // Each incarnation's result goes to a fresh record of the shared arena ([length, incarnation, job id,
  // bytes]), published by one atomic store of its position: the main thread may read it while this
  // block runs. A result kept locally leaves an empty record (length 0).
  private publishResult(result: TxResult): void {
    const writer = this.resultWriter;
    writer.reset();
    writer.u32(0);
    writer.u32(result.incarnation);
    writer.u32(this.job.jobId);
    if (this.localResults !== undefined) this.localResults[result.tx] = result;
    else encodeTxResult(writer, result);
    const record = writer.bytes();
    const length = record.length - 12;
    record[0] = length;
    record[1] = length >>> 8;
    record[2] = length >>> 16;
    record[3] = length >>> 24;
    const start = controlAdd(this.memory, Control.NextResultByte, record.length);
    if (start + record.length > this.memory.resultBytes.length) throw new ArenaExhaustedError("results");
    this.memory.resultBytes.set(record, start);
    Atomics.store(this.memory.resultStart, result.tx, start + 1);
  }

  private validate(task: Task): Task | undefined {
    const valid = this.mv.validateReadSet(task.tx);
    this.pauseAt?.(PausePoint.Validated, task.tx, task.incarnation);
    const aborted = !valid && this.scheduler.tryValidationAbort(task.tx, task.incarnation);
    if (aborted) this.mv.convertWritesToEstimates(task.tx);
    return this.scheduler.finishValidation(task.tx, aborted);
  }
}
