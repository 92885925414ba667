import { describe, expect, it } from "vitest";
import { ArenaExhaustedError } from "./parallelErrors.js";
import { Scheduler, type Task, TaskKind } from "./scheduler.js";
import { Control, capacitiesFor, controlLoad, createSharedBlockMemory, TxState } from "./sharedLayout.js";

function setup(txs: number, capacities = capacitiesFor(txs)) {
  const memory = createSharedBlockMemory(capacities);
  return { memory, scheduler: new Scheduler(memory, txs) };
}

/** The next task that is not empty (an index the scheduler had nothing for is skipped). */
function next(scheduler: Scheduler): Task | undefined {
  for (let i = 0; i < 16; i++) {
    const task = scheduler.nextTask();
    if (task !== undefined) return task;
  }
  return undefined;
}

const execute = (tx: number, incarnation = 0): Task => ({ kind: TaskKind.Execute, tx, incarnation });
const validate = (tx: number, incarnation = 0): Task => ({ kind: TaskKind.Validate, tx, incarnation });

describe("Scheduler", () => {
  it("hands out executions in order, then validations of executed transactions, then is done", () => {
    const { scheduler } = setup(2);
    expect(next(scheduler)).toEqual(execute(0));
    // tx 0 is still executing: its validation slot is skipped, tx 1 is handed out for execution.
    expect(next(scheduler)).toEqual(execute(1));
    // The validation index passed tx 0 while it executed; its new writes bring the index back to it.
    expect(scheduler.finishExecution(0, 0, true)).toBeUndefined();
    expect(scheduler.done()).toBe(false);
    expect(scheduler.finishExecution(1, 0, true)).toBeUndefined();
    expect(next(scheduler)).toEqual(validate(0));
    expect(scheduler.finishValidation(0, false)).toBeUndefined();
    expect(next(scheduler)).toEqual(validate(1));
    expect(scheduler.finishValidation(1, false)).toBeUndefined();
    expect(next(scheduler)).toBeUndefined();
    expect(scheduler.done()).toBe(true);
  });

  it("hands a validation straight back when the validation index passed a finished execution with no new location", () => {
    const { scheduler } = setup(3);
    for (let i = 0; i < 3; i++) expect(next(scheduler)).toEqual(execute(i));
    // Handing out tx 2 moved the validation index past tx 1 (then still executing).
    expect(scheduler.finishExecution(1, 0, false)).toEqual(validate(1));
    // With a new location, the index is lowered instead and the validation waits its turn.
    expect(scheduler.finishExecution(0, 0, true)).toBeUndefined();
    expect(next(scheduler)).toEqual(validate(0));
  });

  it("suspends a transaction on an unfinished one and resumes it, as the next incarnation, when that finishes", () => {
    const { memory, scheduler } = setup(2);
    next(scheduler);
    next(scheduler);
    expect(scheduler.addDependency(1, 0)).toBe(true);
    expect(Atomics.load(memory.txStatus, 1) & 3).toBe(TxState.Aborting);
    expect(controlLoad(memory, Control.Suspensions)).toBe(1);
    scheduler.finishExecution(0, 0, true);
    expect(Atomics.load(memory.txStatus, 1)).toBe((1 << 2) | TxState.ReadyToExecute);
    // tx 0's new writes are validated first, then the execution index, lowered to tx 1, hands it out again.
    expect(next(scheduler)).toEqual(validate(0));
    expect(next(scheduler)).toEqual(execute(1, 1));
  });

  it("does not suspend on a transaction that already finished executing", () => {
    const { scheduler } = setup(2);
    next(scheduler);
    next(scheduler);
    scheduler.finishExecution(0, 0, true);
    expect(scheduler.addDependency(1, 0)).toBe(false);
  });

  it("lets exactly one validator abort an incarnation, and re-executes it as the next incarnation", () => {
    const { scheduler } = setup(2);
    next(scheduler);
    next(scheduler);
    scheduler.finishExecution(0, 0, true);
    scheduler.finishExecution(1, 0, true);
    expect(scheduler.tryValidationAbort(1, 0)).toBe(true);
    expect(scheduler.tryValidationAbort(1, 0)).toBe(false);
    expect(scheduler.finishValidation(1, true)).toEqual(execute(1, 1));
    expect(scheduler.isExecuted(1)).toBe(false);
    scheduler.finishExecution(1, 1, false);
    expect(scheduler.finalIncarnation(1)).toBe(1);
  });

  it("is not done while a handed-out task is unfinished", () => {
    const { scheduler } = setup(1);
    next(scheduler);
    expect(next(scheduler)).toBeUndefined();
    expect(scheduler.done()).toBe(false);
    scheduler.finishExecution(0, 0, true);
    expect(next(scheduler)).toEqual(validate(0));
    expect(scheduler.done()).toBe(false);
    scheduler.finishValidation(0, false);
    next(scheduler);
    expect(scheduler.done()).toBe(true);
  });

  it("throws ArenaExhaustedError when the dependency list is full, leaving both transactions unlocked", () => {
    const { memory, scheduler } = setup(3, { ...capacitiesFor(3), dependencies: 1 });
    for (let i = 0; i < 3; i++) next(scheduler);
    expect(scheduler.addDependency(1, 0)).toBe(true);
    expect(() => scheduler.addDependency(2, 0)).toThrow(ArenaExhaustedError);
    expect(Array.from(memory.txLock.subarray(0, 3))).toEqual([0, 0, 0]);
  });
});
