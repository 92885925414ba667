import { parseFork } from "../../evm/fork.js";
import type { CaseResult } from "./runStateTestFile.js";
import type { CaseIndexes } from "./stateTestModel.js";

/** Case counts of one fork. */
export interface ForkTally {
  passed: number;
  failed: number;
  skipped: number;
}

/** One failed case; `fork` "" and `index` null when the fixture was too broken to enumerate cases. */
export interface StateTestFailure {
  file: string;
  test: string;
  fork: string;
  index: CaseIndexes | null;
  reason: string;
}

/** One skipped case and why (for instance a fork this EVM does not implement). */
export interface StateTestSkip {
  file: string;
  test: string;
  fork: string;
  reason: string;
}

/**
 * The `pevm statetest --json` output. `failed` equals `failures.length` and `skipped` equals
 * `skips.length`. `byFork` counts the cases that have a fork; file- or test-level failures (fork "")
 * are in the totals and `failures` only.
 */
export interface StateTestReport {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  byFork: Record<string, ForkTally>;
  failures: StateTestFailure[];
  skips: StateTestSkip[];
}

function forkOrder(name: string): number {
  try {
    return parseFork(name);
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** Accumulates case results into a StateTestReport. */
export class StateTestReportBuilder {
  private passed = 0;
  private readonly byFork = new Map<string, ForkTally>();
  private readonly failures: StateTestFailure[] = [];
  private readonly skips: StateTestSkip[] = [];

  add(result: CaseResult): void {
    if (result.status === "passed") this.passed++;
    else if (result.status === "failed") {
      this.failures.push({
        file: result.file,
        test: result.test,
        fork: result.fork,
        index: result.index,
        reason: result.reason ?? "failed",
      });
    } else {
      this.skips.push({
        file: result.file,
        test: result.test,
        fork: result.fork,
        reason: result.reason ?? "skipped",
      });
    }
    if (result.fork === "") return;
    let tally = this.byFork.get(result.fork);
    if (tally === undefined) {
      tally = { passed: 0, failed: 0, skipped: 0 };
      this.byFork.set(result.fork, tally);
    }
    tally[result.status]++;
  }

  /** Counts so far, for a progress display. */
  counts(): { passed: number; failed: number; skipped: number } {
    return { passed: this.passed, failed: this.failures.length, skipped: this.skips.length };
  }

  build(): StateTestReport {
    const forks = [...this.byFork.keys()].sort((a, b) => forkOrder(a) - forkOrder(b) || a.localeCompare(b));
    const byFork: Record<string, ForkTally> = {};
    for (const fork of forks) byFork[fork] = { ...this.byFork.get(fork)! };
    return {
      total: this.passed + this.failures.length + this.skips.length,
      passed: this.passed,
      failed: this.failures.length,
      skipped: this.skips.length,
      byFork,
      failures: [...this.failures],
      skips: [...this.skips],
    };
  }
}
