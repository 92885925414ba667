import { ArenaExhaustedError } from "./parallelErrors.js";
import {
  CACHE_LINE_WORDS,
  Control,
  controlAdd,
  controlLoad,
  controlMin,
  controlStore,
  lock,
  type SharedBlockMemory,
  TxState,
  unlock,
} from "./sharedLayout.js";

/**
 * Block-STM collaborative scheduler (Gelashvili et al. 2022, Algorithms 4-5) over shared memory.
 *
 *   ReadyToExecute(k) --next task--> Executing(k) --finish_execution--> Executed(k)
 *        ^                              |  (read an ESTIMATE: add_dependency)      | validation failed
 *        |                              v                                          v
 *        +----- set_ready_status ---- Aborting(k) <------- try_validation_abort ---+
 *               (incarnation k+1)
 *
 * Every worker runs the same loop: take the lower of (validation index, execution index); an execution
 * that reads an ESTIMATE suspends its transaction on the blocking one, which resumes it when it finishes.
 */

export const TaskKind = { Execute: 1, Validate: 2 } as const;

/** A unit of work for a worker: execute or validate incarnation `incarnation` of transaction `tx`. */
export interface Task {
  kind: number;
  tx: number;
  incarnation: number;
}

function status(memory: SharedBlockMemory, tx: number): number {
  return Atomics.load(memory.txStatus, tx);
}

function stateOf(word: number): number {
  return word & 3;
}

function incarnationOf(word: number): number {
  return word >>> 2;
}

function pack(incarnation: number, state: number): number {
  return (incarnation << 2) | state;
}

/** Scheduler operations over one block's shared memory (stateless: any thread may call them). */
export class Scheduler {
  private readonly memory: SharedBlockMemory;
  private readonly txCount: number;

  constructor(memory: SharedBlockMemory, txCount: number) {
    this.memory = memory;
    this.txCount = txCount;
  }

  done(): boolean {
    return controlLoad(this.memory, Control.Done) !== 0 || controlLoad(this.memory, Control.Abort) !== 0;
  }

  private decreaseExecutionIndex(target: number): void {
    controlMin(this.memory, Control.ExecutionIndex, target);
    controlAdd(this.memory, Control.DecreaseCount, 1);
  }

  private decreaseValidationIndex(target: number): void {
    controlMin(this.memory, Control.ValidationIndex, target);
    controlAdd(this.memory, Control.DecreaseCount, 1);
  }

  private checkDone(): void {
    const m = this.memory;
    const observed = controlLoad(m, Control.DecreaseCount);
    if (
      Math.min(controlLoad(m, Control.ExecutionIndex), controlLoad(m, Control.ValidationIndex)) >=
        this.txCount &&
      controlLoad(m, Control.ActiveTasks) === 0 &&
      observed === controlLoad(m, Control.DecreaseCount)
    ) {
      controlStore(m, Control.Done, 1);
      Atomics.notify(m.control, Control.Done * CACHE_LINE_WORDS);
    }
  }

  private tryIncarnate(tx: number): Task | undefined {
    const m = this.memory;
    if (tx < this.txCount) {
      lock(m.txLock, tx);
      const word = status(m, tx);
      if (stateOf(word) === TxState.ReadyToExecute) {
        Atomics.store(m.txStatus, tx, pack(incarnationOf(word), TxState.Executing));
        unlock(m.txLock, tx);
        return { kind: TaskKind.Execute, tx, incarnation: incarnationOf(word) };
      }
      unlock(m.txLock, tx);
    }
    controlAdd(m, Control.ActiveTasks, -1);
    return undefined;
  }

  private nextVersionToExecute(): Task | undefined {
    const m = this.memory;
    if (controlLoad(m, Control.ExecutionIndex) >= this.txCount) {
      this.checkDone();
      return undefined;
    }
    controlAdd(m, Control.ActiveTasks, 1);
    return this.tryIncarnate(controlAdd(m, Control.ExecutionIndex, 1));
  }

  private nextVersionToValidate(): Task | undefined {
    const m = this.memory;
    if (controlLoad(m, Control.ValidationIndex) >= this.txCount) {
      this.checkDone();
      return undefined;
    }
    controlAdd(m, Control.ActiveTasks, 1);
    const tx = controlAdd(m, Control.ValidationIndex, 1);
    if (tx < this.txCount) {
      const word = status(m, tx);
      if (stateOf(word) === TxState.Executed)
        return { kind: TaskKind.Validate, tx, incarnation: incarnationOf(word) };
    }
    controlAdd(m, Control.ActiveTasks, -1);
    return undefined;
  }

  /** The next task for an idle worker, or undefined when there is none right now. */
  nextTask(): Task | undefined {
    const m = this.memory;
    if (controlLoad(m, Control.ValidationIndex) < controlLoad(m, Control.ExecutionIndex)) {
      return this.nextVersionToValidate();
    }
    return this.nextVersionToExecute();
  }

  /**
   * Suspends `tx` (executing) until `blocking` finishes executing. Returns false when `blocking` already
   * finished, in which case the caller re-executes `tx` right away.
   */
  addDependency(tx: number, blocking: number): boolean {
    const m = this.memory;
    lock(m.txLock, blocking);
    if (stateOf(status(m, blocking)) === TxState.Executed) {
      unlock(m.txLock, blocking);
      return false;
    }
    const node = Atomics.add(m.control, Control.NextDependency * CACHE_LINE_WORDS, 1);
    if (node >= m.capacities.dependencies) {
      unlock(m.txLock, blocking);
      throw new ArenaExhaustedError("dependency list");
    }
    lock(m.txLock, tx);
    Atomics.store(m.txStatus, tx, pack(incarnationOf(status(m, tx)), TxState.Aborting));
    unlock(m.txLock, tx);
    m.dependencies[node * 2] = tx;
    m.dependencies[node * 2 + 1] = m.txDependents[blocking];
    Atomics.store(m.txDependents, blocking, node + 1);
    unlock(m.txLock, blocking);
    controlAdd(m, Control.Suspensions, 1);
    controlAdd(m, Control.ActiveTasks, -1);
    return true;
  }

  private setReadyStatus(tx: number): void {
    const m = this.memory;
    lock(m.txLock, tx);
    Atomics.store(m.txStatus, tx, pack(incarnationOf(status(m, tx)) + 1, TxState.ReadyToExecute));
    unlock(m.txLock, tx);
  }

  /** Marks an execution finished; returns a validation task for it when the caller should run one next. */
  finishExecution(tx: number, incarnation: number, wroteNewLocation: boolean): Task | undefined {
    const m = this.memory;
    lock(m.txLock, tx);
    Atomics.store(m.txStatus, tx, pack(incarnation, TxState.Executed));
    let node = m.txDependents[tx];
    Atomics.store(m.txDependents, tx, 0);
    unlock(m.txLock, tx);
    let minDependent = Number.POSITIVE_INFINITY;
    while (node !== 0) {
      const dependent = m.dependencies[(node - 1) * 2];
      this.setReadyStatus(dependent);
      if (dependent < minDependent) minDependent = dependent;
      node = m.dependencies[(node - 1) * 2 + 1];
    }
    if (minDependent !== Number.POSITIVE_INFINITY) this.decreaseExecutionIndex(minDependent);
    if (controlLoad(m, Control.ValidationIndex) > tx) {
      if (!wroteNewLocation) return { kind: TaskKind.Validate, tx, incarnation };
      this.decreaseValidationIndex(tx);
    }
    controlAdd(m, Control.ActiveTasks, -1);
    return undefined;
  }

  /** Claims the right to abort a failed validation (only one validator wins per incarnation). */
  tryValidationAbort(tx: number, incarnation: number): boolean {
    const m = this.memory;
    lock(m.txLock, tx);
    const ok = status(m, tx) === pack(incarnation, TxState.Executed);
    if (ok) Atomics.store(m.txStatus, tx, pack(incarnation, TxState.Aborting));
    unlock(m.txLock, tx);
    return ok;
  }

  /** Ends a validation; after an abort, schedules re-validation of later txs and may hand back re-execution. */
  finishValidation(tx: number, aborted: boolean): Task | undefined {
    const m = this.memory;
    if (aborted) {
      controlAdd(m, Control.ValidationAborts, 1);
      this.setReadyStatus(tx);
      this.decreaseValidationIndex(tx + 1);
      if (controlLoad(m, Control.ExecutionIndex) > tx) {
        const task = this.tryIncarnate(tx);
        if (task) return task;
        return undefined;
      }
    }
    controlAdd(m, Control.ActiveTasks, -1);
    return undefined;
  }

  /** Whether `tx`'s latest incarnation has finished executing (a hint: it may be aborted right after). */
  isExecuted(tx: number): boolean {
    return stateOf(status(this.memory, tx)) === TxState.Executed;
  }

  /** The incarnation a finished block ended with for `tx`. */
  finalIncarnation(tx: number): number {
    return incarnationOf(status(this.memory, tx));
  }
}
