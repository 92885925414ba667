/**
 * A small seeded pseudo-random generator (SplitMix32 over a 32-bit state, then mulberry32-style
 * mixing): fast, dependency-free and identical on every platform, which is all a benchmark
 * workload needs. Not for anything security-related.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number, stream = "") {
    // Fold the stream label in so two workloads with the same seed do not draw the same numbers.
    let s = seed >>> 0;
    for (let i = 0; i < stream.length; i++) s = Math.imul(s ^ stream.charCodeAt(i), 0x9e3779b1) >>> 0;
    this.state = s;
  }

  /** The next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n), n >= 1. */
  below(n: number): number {
    return Math.floor((this.nextUint32() / 0x1_0000_0000) * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.nextUint32() / 0x1_0000_0000 < p;
  }

  /** A uniform bigint in [low, low + span). */
  bigintBetween(low: bigint, span: number): bigint {
    return low + BigInt(this.below(span));
  }
}
