/*
 * Test-only pauses inside Block-STM tasks. Races live between the steps of a task (an incarnation has
 * executed but not yet recorded its writes; a read set validated but the result is not yet folded), so
 * pausing only between tasks cannot replay them. A hook named at these points lets a property test
 * pause a thread at random there (worker threads, `BlockJob.pausePoints`), or lets a single-threaded
 * test run other threads' steps inside the pause and replay an interleaving exactly.
 */

/** Named points inside a task, as bits of a mask. */
export const PausePoint = {
  /** An incarnation has executed; nothing of it is recorded in MV memory yet. */
  Executed: 1,
  /** Its read set and writes are recorded; its result is not yet published. */
  Recorded: 2,
  /** Its result is published; the scheduler does not yet know it finished. */
  Published: 4,
  /** A validation has compared the read set; the abort (if any) is not yet claimed. */
  Validated: 8,
  /** The folding thread found a read set still valid; the result is not yet folded. */
  FinalChecked: 16,
} as const;

/** Every point (for random-pause property tests). */
export const ALL_PAUSE_POINTS = 31;

/** Called at a pause point with the transaction and incarnation of the task. */
export type PauseHook = (point: number, tx: number, incarnation: number) => void;

/** xorshift32: deterministic pauses for schedule-shaking tests. */
export function nextRandom(state: { seed: number }): number {
  let x = state.seed | 0 || 1;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.seed = x;
  return (x >>> 0) / 4294967296;
}

/** Busy pause: the point is to perturb the interleaving, not to yield. */
export function pause(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until) {
    // spin
  }
}

/**
 * A hook that pauses up to `maxDelayMicros` (uniformly drawn from `random`) at the points in `mask`,
 * or undefined when nothing is to pause.
 */
export function randomPauses(
  mask: number,
  maxDelayMicros: number,
  random: { seed: number },
): PauseHook | undefined {
  if (mask === 0 || maxDelayMicros <= 0) return undefined;
  return (point) => {
    if ((mask & point) !== 0) pause(nextRandom(random) * maxDelayMicros);
  };
}
