import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { genesisDiff } from "../../src/state/genesisDiff.js";
import { LmdbState } from "../../src/state/lmdb/lmdbState.js";
import { MemoryState } from "../../src/state/memoryState.js";

const PIN_MODULE = resolve("dist/src/state/pinSharedState.js");
const CONTRACT = new Uint8Array(20).fill(0xcc);

/*
 * A worker thread pins the data dir's commit while the owning thread commits the next block: what a
 * Block-STM worker does. The worker runs the compiled pin (dist/, `npm run build`) step by step, driven
 * through a shared Int32Array: [step, value read].
 */
const WORKER = `
const { workerData } = require("node:worker_threads");
import(workerData.module).then(({ pinSharedState }) => {
  const { sync, first, second } = workerData;
  const slot = new Uint8Array(32);
  const step = (n, value) => { sync[1] = value; Atomics.store(sync, 0, n); Atomics.notify(sync, 0); Atomics.wait(sync, 0, n); };
  const pinned = pinSharedState(first);
  step(1, Number(pinned.storageAt(workerData.contract, slot)));
  // The owner has committed block 1 meanwhile.
  step(3, Number(pinned.storageAt(workerData.contract, slot)));
  pinned.release();
  let refused = 0;
  try { pinSharedState(first).release(); } catch (error) { refused = error.code === "STATE_GENERATION_MISMATCH" ? 1 : 2; }
  step(5, refused);
  const next = pinSharedState(second);
  step(7, Number(next.storageAt(workerData.contract, slot)));
  next.release();
});
`;

function waitFor(sync: Int32Array, step: number): number {
  while (Atomics.load(sync, 0) !== step) Atomics.wait(sync, 0, Atomics.load(sync, 0), 10_000);
  return sync[1];
}

function advance(sync: Int32Array, step: number): void {
  Atomics.store(sync, 0, step);
  Atomics.notify(sync, 0);
}

describe.skipIf(!existsSync(PIN_MODULE))("a data dir pinned on another thread", () => {
  it("keeps the pinned commit while the owner commits, refuses the stale descriptor, and a new pin sees the new commit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pevm-pin-"));
    const state = LmdbState.open(dir);
    const genesis = new MemoryState();
    genesis.setAccount(CONTRACT, { code: Uint8Array.of(0), storage: new Map([[0n, 1n]]) });
    state.commitGenesis({ chain: "test", diff: genesisDiff(genesis) });
    const first = state.sharedState();
    const sync = new Int32Array(new SharedArrayBuffer(8));
    // The second descriptor is what sharedState() will say after the commit below (generation + 1).
    const second = { ...first, generation: first.generation + 1n };
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { module: pathToFileURL(PIN_MODULE).href, sync, first, second, contract: CONTRACT },
    });
    const exited = new Promise((done) => worker.on("exit", done));
    try {
      expect(waitFor(sync, 1)).toBe(1);
      state.commitBlock({
        diff: [
          {
            address: CONTRACT,
            before: undefined,
            after: { ...state.account(CONTRACT)!, nonce: 0n },
            code: undefined,
            storageCleared: false,
            storage: [{ slot: 0n, before: 1n, after: 2n }],
          },
        ],
        head: { number: 1n, hash: new Uint8Array(32).fill(1), stateRoot: undefined },
      });
      expect(state.sharedState()).toEqual(second);
      advance(sync, 2);
      expect(waitFor(sync, 3)).toBe(1);
      advance(sync, 4);
      expect(waitFor(sync, 5)).toBe(1);
      advance(sync, 6);
      expect(waitFor(sync, 7)).toBe(2);
      advance(sync, 8);
      await exited;
    } finally {
      await worker.terminate();
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
