import { describe, expect, it } from "vitest";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import type { TxResult } from "../../src/parallel/blockJob.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { PausePoint } from "../../src/parallel/pausePoints.js";
import { equalBytes, hexToBytes } from "../../src/primitives/hex.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";
import { Interleaving } from "./interleavingHarness.js";

/**
 * One contract, four entry points chosen by the first calldata byte:
 *   1 (p): slot1 := 1
 *   2 (m): if slot1 == 0 then slot0 := 7        (writes slot0 only before p has run)
 *   3 (w): slot2 := slot0 + 1
 *   4 (t): slot3 := slot2
 * Sequentially (p, m, w, t): m writes nothing, slot2 = 1, slot3 = 1.
 */
const CONTRACT_CODE = hexToBytes(
  "0x5f3560f81c" +
    "80600114602157" +
    "80600214602857" +
    "80600314603557" +
    "600414603f57" +
    "00" +
    "5b600160015500" +
    "5b60015460335760075f555b00" +
    "5b5f5460010160025500" +
    "5b60025460035500",
);
const CONTRACT = new Uint8Array(20).fill(0xcc);
const COINBASE = new Uint8Array(20).fill(0xcb);
const senders = [1, 2, 3, 4].map((i) => new Uint8Array(20).fill(0x10 + i));
const chain = singleForkChain(Fork.Cancun);

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 18n });
  state.setAccount(CONTRACT, { code: CONTRACT_CODE, nonce: 1n });
  return state;
}

function block() {
  const transactions = [1, 2, 3, 4].map((entry) => ({
    ...unsignedCall({ nonce: 0n, to: CONTRACT, value: 0n, gasLimit: 100_000n }),
    data: Uint8Array.of(entry),
  }));
  return declaredSenderBlock(COINBASE, 30_000_000n, transactions, senders);
}

/** The value `result` wrote to the contract's `slot` (undefined if it wrote none). */
function slotWritten(result: TxResult, slot: bigint): bigint | undefined {
  return result.writes?.find((w) => equalBytes(w.address, CONTRACT))?.storage.get(slot);
}

const [P, M, W, T] = [0, 1, 2, 3];

describe("rolling commit under a replayed interleaving", () => {
  it("the block itself: sequential gives slot2 = slot3 = 1", () => {
    const result = executeBlock(chain, preState(), block(), { workers: 1, trustSenders: true });
    const diff = result.stateDiff.find((d) => equalBytes(d.address, CONTRACT))!;
    expect(diff.storage.map((s) => [s.slot, s.after])).toEqual([
      [1n, 1n],
      [2n, 1n],
      [3n, 1n],
    ]);
  });

  it("never folds a transaction over writes of an incarnation that started before its inputs were final", () => {
    // w's incarnation 1 reads m's first write to slot0 (7), and is paused before recording anything.
    // Meanwhile p runs, m re-executes and no longer writes slot0, and the folding thread folds p and m.
    // w's incarnation 0 (which read slot0 from the pre-state) validates again at that moment; folding it
    // would let t read incarnation 1's stale slot2 = 8 and be folded on it.
    const run = new Interleaving(chain, preState(), block());
    const folded: TxResult[] = [];
    const rolling = run.rollingCommit();
    const a = run.thread();
    const b = run.thread();
    let paused = false;
    const c = run.thread((point, tx, incarnation) => {
      if (point !== PausePoint.Executed || tx !== W || incarnation !== 1 || paused) return;
      paused = true;
      // p writes slot1; m's validation fails and it re-executes without writing slot0.
      Interleaving.performAll(a, taskP);
      Interleaving.performAll(b, run.takeValidation(P));
      Interleaving.performAll(b, run.takeValidation(M));
      run.fold(rolling, folded);
    });
    const { task: taskP } = run.takeExecution(P);
    const { task: taskM } = run.takeExecution(M);
    const { task: taskW0 } = run.takeExecution(W);
    Interleaving.performAll(c, taskW0); // w reads slot0 from the pre-state
    Interleaving.performAll(b, taskM); // m writes slot0 = 7
    Interleaving.performAll(b, run.takeValidation(M));
    // w's validation fails; its incarnation 1 runs on c and pauses inside (see the hook).
    const retry = b.perform(run.takeValidation(W));
    expect(retry).toMatchObject({ tx: W, incarnation: 1 });
    const w1Validation = c.perform(retry!);
    expect(paused).toBe(true);
    expect(folded.slice(0, 2).map((r) => [r.tx, r.incarnation])).toEqual([
      [P, 0],
      [M, 1],
    ]);
    // t runs before w's incarnation 1 is validated: it reads slot2 = 8.
    const { task: taskT, validations } = run.takeExecution(T);
    Interleaving.performAll(a, taskT);
    run.fold(rolling, folded);
    for (const task of [w1Validation, ...validations]) Interleaving.performAll(b, task);
    run.finish(a);
    run.fold(rolling, folded);
    run.fold(rolling, folded, true);
    expect(folded.map((r) => r.tx)).toEqual([P, M, W, T]);
    expect(slotWritten(folded[W], 2n)).toBe(1n);
    expect(slotWritten(folded[T], 3n)).toBe(1n);
  });
});
