import type { Capacities } from "./sharedLayout.js";

/**
 * Knobs that force a Block-STM run down paths real blocks reach rarely (an arena running out, a worker
 * failing to start), so tests can check that they end in a clean sequential fallback. Not part of the
 * public options: tests pass them as `testHooks` beside ParallelOptions, with a cast.
 */
export interface ParallelTestHooks {
  /** Arena sizes below what capacitiesFor gives the block, to exhaust one of them mid-block. */
  capacities?: Partial<Capacities>;
  /** Which threads take tasks: only the pool workers, or only the calling thread (default: all of them). */
  tasksOn?: "workers" | "caller";
  /** Pool workers throw an Error with this message while building their executor. */
  workerStartFault?: string;
}

/** The test hooks riding on a public options object, if a test put them there. */
export function testHooksOf(options: object): ParallelTestHooks | undefined {
  return (options as { testHooks?: ParallelTestHooks }).testHooks;
}
