import { PevmError } from "../primitives/errors.js";

/**
 * A shared arena of a block's memory ran out of room. Thrown inside a Block-STM thread, where it stops
 * the block (AbortReason.ArenaExhausted): the caller resumes sequentially with the arena named in
 * `parallel.fallbackReason`. It never reaches executeBlock's caller.
 */
export class ArenaExhaustedError extends PevmError {
  override name = "ArenaExhaustedError";
  readonly arena: string;
  constructor(arena: string) {
    super("ARENA_EXHAUSTED", `Block-STM shared ${arena} arena exhausted`);
    this.arena = arena;
  }
}

/**
 * Another thread stopped the block while this one waited on a slot that thread may never publish (a
 * non-local exit, like ReadEstimateError: the thread just stops; the reason is the other thread's).
 */
export class BlockAbortedError extends Error {
  override name = "BlockAbortedError";
  constructor() {
    super("the block was stopped by another thread");
  }
}

/**
 * The watchdog fired: the scheduler's state at that moment is in `details`. The pool's workers may still
 * be inside the block, so the pool refuses further blocks (PoolUnusableError); executeBlock replaces its
 * shared pools itself.
 */
export class ParallelTimeoutError extends PevmError {
  override name = "ParallelTimeoutError";
  constructor(shortMessage: string, details?: string) {
    super("PARALLEL_TIMEOUT", shortMessage, { details });
  }
}

/** The pool cannot run blocks any more (a block timed out on it, or a worker died): start a new one. */
export class PoolUnusableError extends PevmError {
  override name = "PoolUnusableError";
  readonly reason: string;
  constructor(reason: string) {
    super("POOL_UNUSABLE", `WorkerPool cannot run more blocks: ${reason}`, {
      details: "start a new pool with WorkerPool.start() and close this one",
    });
    this.reason = reason;
  }
}

/** The pool was closed by its owner. */
export class PoolClosedError extends PevmError {
  override name = "PoolClosedError";
  constructor() {
    super("POOL_CLOSED", "WorkerPool is closed");
  }
}
