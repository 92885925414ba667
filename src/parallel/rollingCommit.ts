import { ByteChunks, ByteReader } from "../primitives/byteCodec.js";
import type { TxResult } from "./blockJob.js";
import { MvMemory } from "./mvMemory.js";
import { type PauseHook, PausePoint } from "./pausePoints.js";
import { Control, controlLoad, type SharedBlockMemory, TxState } from "./sharedLayout.js";
import { decodeTxResult } from "./txResultCodec.js";

/**
 * The main thread's view of which results are final while the workers still run, so it can fold them
 * in order instead of waiting for the whole block (on 2 cores the fold then overlaps execution).
 *
 * Rule: with transactions 0..tx-1 final, incarnation c of `tx` is final when its recorded read set
 * still validates (every location it read resolves to the same version, and those versions belong to
 * final transactions, so no later event can change what it read) AND the status word still says c
 * executed, checked after the validation. The second condition matters: a newer incarnation c+1 that
 * started before its inputs were final may have read values that no longer exist, and it records its
 * writes after c is folded; a later transaction that read them would validate against c+1's version and
 * be folded on values `tx` never committed. With the status check, any incarnation after c starts after
 * every earlier transaction is folded, reads only final values and writes exactly what c wrote (a
 * spurious re-execution), so whatever a later transaction reads of it is what was folded.
 * Read sets and result records are written once and named by one atomic word each, so a record is never
 * torn by a newer incarnation; both carry the incarnation, which must agree.
 */
export class RollingCommit {
  private readonly memory: SharedBlockMemory;
  private readonly mv: MvMemory;
  private readonly copies = new ByteChunks();
  /** The running block's job: records another job's worker wrote are not this block's results. */
  private readonly jobId: number;
  /** Results the folding thread executed itself (their records are empty). */
  private readonly localResult: (tx: number, incarnation: number) => TxResult | undefined;
  /** Test-only pause between the validation and the status check (see pausePoints.ts). */
  private readonly pauseAt: PauseHook | undefined;

  constructor(
    memory: SharedBlockMemory,
    localResult: (tx: number, incarnation: number) => TxResult | undefined,
    pauseAt?: PauseHook,
  ) {
    this.memory = memory;
    this.mv = new MvMemory(memory);
    this.localResult = localResult;
    this.pauseAt = pauseAt;
    this.jobId = controlLoad(memory, Control.JobId);
  }

  /** The result of `tx` if it is final, given that every transaction before it is; else undefined. */
  tryFinal(tx: number): TxResult | undefined {
    const at = Atomics.load(this.memory.resultStart, tx) - 1;
    if (at < 0) return undefined;
    const incarnation = this.word(at + 4);
    const reads = this.mv.readSetRecord(tx);
    if (reads === 0 || this.mv.readSetIncarnation(reads) !== incarnation) return undefined;
    if (!this.mv.validateReadSet(tx, reads)) return undefined;
    this.pauseAt?.(PausePoint.FinalChecked, tx, incarnation);
    // Status word = incarnation << 2 | state (scheduler.ts); no newer incarnation may have started yet.
    if (Atomics.load(this.memory.txStatus, tx) !== ((incarnation << 2) | TxState.Executed)) return undefined;
    return this.decode(tx, incarnation, at);
  }

  /** The result of `tx` once the block is done (every latest incarnation is final). */
  afterDone(tx: number, finalIncarnation: number): TxResult | undefined {
    const at = Atomics.load(this.memory.resultStart, tx) - 1;
    return at < 0 ? undefined : this.decode(tx, finalIncarnation, at);
  }

  private word(i: number): number {
    const b = this.memory.resultBytes;
    return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
  }

  /** Decodes the record at `at`, which must be incarnation `incarnation` of `tx`, of this job (else undefined). */
  private decode(tx: number, incarnation: number, at: number): TxResult | undefined {
    if (this.word(at + 4) !== incarnation || this.word(at + 8) !== this.jobId) return undefined;
    const length = this.word(at);
    if (length === 0) return this.localResult(tx, incarnation);
    // A private copy: results outlive the block, and the arena is reused by the next one.
    const record = this.copies.copy(this.memory.resultBytes, at + 12, at + 12 + length);
    const result = decodeTxResult(new ByteReader(record));
    return result.tx === tx ? result : undefined;
  }
}
