import type { Block } from "../../src/chain/block.js";
import { blockContext } from "../../src/chain/blockContext.js";
import type { ChainConfig } from "../../src/chain/chainConfig.js";
import { BlockExecutor } from "../../src/parallel/blockExecutor.js";
import type { BlockJob, TxResult } from "../../src/parallel/blockJob.js";
import type { PauseHook } from "../../src/parallel/pausePoints.js";
import { RollingCommit } from "../../src/parallel/rollingCommit.js";
import { createBlockJob } from "../../src/parallel/runParallelTransactions.js";
import { Scheduler, type Task, TaskKind } from "../../src/parallel/scheduler.js";
import {
  capacitiesFor,
  createSharedBlockMemory,
  type SharedBlockMemory,
} from "../../src/parallel/sharedLayout.js";
import { snapshotOf } from "../../src/parallel/snapshotOf.js";
import type { MemoryState } from "../../src/state/memoryState.js";

/**
 * One Block-STM run driven step by step on the test's own thread: every "thread" is a BlockExecutor over
 * the same shared memory, and the test decides which of them takes and performs which task, and when
 * the rolling commit looks for final results. Pause hooks let a step run inside another thread's task,
 * so an interleaving is replayed exactly, with no timing involved.
 */
export class Interleaving {
  readonly memory: SharedBlockMemory;
  readonly job: BlockJob;
  readonly scheduler: Scheduler;
  private readonly txCount: number;

  constructor(chain: ChainConfig, state: MemoryState, block: Block) {
    const ctx = blockContext(chain, block.header);
    const snapshot = snapshotOf(state)!;
    this.txCount = block.transactions.length;
    this.memory = createSharedBlockMemory(capacitiesFor(this.txCount));
    this.job = createBlockJob(this.memory, 1, {
      base: { kind: "snapshot", id: snapshot.id, buffer: snapshot.buffer },
      blockHashes: [],
      preBlockWrites: [],
      env: ctx.env,
      fork: ctx.fork,
      transactions: block.transactions,
      senders: block.senders!,
      senderPredecessors: new Int32Array(this.txCount).fill(-1),
    });
    this.scheduler = new Scheduler(this.memory, this.txCount);
  }

  /** A thread that encodes its results into the shared arena, as a pool worker does. */
  thread(pauseAt?: PauseHook): BlockExecutor {
    return new BlockExecutor(this.job, undefined, pauseAt);
  }

  /** The folding thread's view of final results. */
  rollingCommit(pauseAt?: PauseHook): RollingCommit {
    return new RollingCommit(this.memory, () => undefined, pauseAt);
  }

  /**
   * Takes tasks from the scheduler until one executes `tx`; validation tasks met on the way are
   * returned too (the caller performs or holds them), tasks the scheduler had nothing for are dropped.
   */
  takeExecution(tx: number): { task: Task; validations: Task[] } {
    const validations: Task[] = [];
    for (let tries = 0; tries < 4 * this.txCount + 8; tries++) {
      const task = this.scheduler.nextTask();
      if (task === undefined) continue;
      if (task.kind === TaskKind.Execute && task.tx === tx) return { task, validations };
      if (task.kind === TaskKind.Validate) validations.push(task);
      else throw new Error(`expected to execute tx ${tx}, the scheduler handed out tx ${task.tx}`);
    }
    throw new Error(`the scheduler never handed out tx ${tx}`);
  }

  /** Takes the next validation task (of `tx`), skipping indices the scheduler had nothing for. */
  takeValidation(tx: number): Task {
    for (let tries = 0; tries < 4 * this.txCount + 8; tries++) {
      const task = this.scheduler.nextTask();
      if (task === undefined) continue;
      if (task.kind === TaskKind.Validate && task.tx === tx) return task;
      throw new Error(
        `expected to validate tx ${tx}, got ${task.kind === TaskKind.Execute ? "execute" : "validate"} ${task.tx}`,
      );
    }
    throw new Error(`the scheduler never handed out a validation of tx ${tx}`);
  }

  /** Performs `task` on `thread` and every follow-up task the scheduler hands straight back. */
  static performAll(thread: BlockExecutor, task: Task | undefined): void {
    for (let next = task; next !== undefined; ) next = thread.perform(next);
  }

  /** Runs `thread` to the end of the block (every transaction executed and validated). */
  finish(thread: BlockExecutor): void {
    thread.run();
  }

  /**
   * Folds in order what the rolling commit releases, starting at `from`; returns the results folded.
   * Once the block is done, the rest is folded from the final incarnations (as runParallelTransactions does).
   */
  fold(rolling: RollingCommit, folded: TxResult[], afterDone = false): void {
    while (folded.length < this.txCount) {
      const tx = folded.length;
      const result = afterDone
        ? rolling.afterDone(tx, this.scheduler.finalIncarnation(tx))
        : rolling.tryFinal(tx);
      if (result === undefined) return;
      folded.push(result);
    }
  }
}
