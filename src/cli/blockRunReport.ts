import type { HeaderMatch } from "../chain/checkAgainstHeader.js";

/** One block of `pevm run --json`. */
export interface BlockRunReport {
  number: number | null;
  txs: number;
  /** Gas used by our execution, 0x-hex. */
  gasUsed: string;
  match: HeaderMatch;
  /** Execution time (sender recovery through the state root), ms. */
  ms: number;
  mgasPerSec: number;
  /** Our post-state root, 0x-hex; null when the fixture's pre-state is partial (see `unchecked`). */
  stateRoot: string | null;
  /** Reasons for the `null` fields of `match`. */
  unchecked?: Record<string, string>;
  /** Present when the block could not be read or executed (then every match is false). */
  error?: string;
  file: string;
  fork?: string;
}

/** `pevm run --json` output: one object for the whole run. */
export interface BlockRunSummary {
  blocks: BlockRunReport[];
  passed: number;
  failed: number;
}
