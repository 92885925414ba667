import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CaseResult, runStateTestFile } from "../../../src/chain/stateTest/runStateTestFile.js";
import {
  runStateTestPool,
  type StateTestPoolOptions,
  StateTestWorkerStartError,
} from "../../../src/chain/stateTest/runStateTestPool.js";
import { Fork } from "../../../src/evm/fork.js";
import { loopingStateTest, postEntry, syntheticStateTest } from "./syntheticStateTest.js";

// Every worker the pool starts, and whether it has exited: after a run settles, on any path, none
// may be left running (a leaked thread would also keep `pevm statetest` from exiting).
const started = vi.hoisted(() => [] as { worker: Worker; exited: boolean }[]);
vi.mock("node:worker_threads", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:worker_threads")>();
  class TrackedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      const record = { worker: this as Worker, exited: false };
      started.push(record);
      this.once("exit", () => {
        record.exited = true;
      });
    }
  }
  return { ...actual, Worker: TrackedWorker };
});

afterEach(() => {
  const running = started.filter((w) => !w.exited).length;
  started.length = 0;
  expect(running, "worker threads still running after the run settled").toBe(0);
});

const STUB = new URL("./stateTestWorkerStub.mjs", import.meta.url);
const OVERFLOW = "TransactionException.RLP_INVALID_VALUE";

/** Runs `files` on the stub worker; its "files" are scripts (see stateTestWorkerStub.mjs). */
function runStub(files: string[], options: StateTestPoolOptions = {}) {
  return runStateTestPool(files, { workerEntry: STUB, ...options });
}

function passedStub(file: string, i: number): CaseResult {
  return { file, test: `t${i}`, fork: "Cancun", index: { data: i, gas: 0, value: 0 }, status: "passed" };
}

function failedStub(file: string, i: number, reason: string): CaseResult {
  return { ...passedStub(file, i), status: "failed", reason };
}

function sequential(files: string[], fork?: Fork): CaseResult[] {
  const results: CaseResult[] = [];
  for (const file of files) runStateTestFile(file, { fork }, (r) => results.push(r));
  return results;
}

/**
 * Fixture files the real worker runs, decided without much EVM: value overflow is rejected before
 * execution, and a wrong root fails; plus `hanging`, a file no run finishes (loopingStateTest).
 */
function fixtureDir(): { dir: string; files: string[]; hanging: string } {
  const dir = mkdtempSync(join(tmpdir(), "pevm-pool-"));
  const write = (name: string, content: unknown, gzip = false) => {
    const path = join(dir, name);
    const text = JSON.stringify(content);
    writeFileSync(path, gzip ? gzipSync(text) : text);
    return path;
  };
  const rejected = syntheticStateTest({
    Cancun: [postEntry({ value: 2, expectException: OVERFLOW }), postEntry({ data: 1 })],
    Prague: [postEntry({ value: 2, expectException: OVERFLOW })],
    Berlin: [postEntry({ value: 2, gas: 1, expectException: OVERFLOW })],
    CancunToPragueAtTime15k: [postEntry({})],
  });
  const files = [
    write("a.json", { one: rejected, two: rejected }),
    write("b.json.gz", { three: rejected }, true),
    join(dir, "missing.json"),
    write("c.json", "not an object"),
    write("d.json", { four: rejected }),
  ];
  return { dir, files, hanging: write("loop.json", { loop: loopingStateTest() }) };
}

describe("runStateTestPool on the real worker", () => {
  it("returns exactly what a sequential run returns, in file order, for any number of workers", async () => {
    const { files } = fixtureDir();
    const expected = sequential(files);
    expect(expected.length).toBeGreaterThan(15);
    for (const jobs of [1, 2, 3]) {
      expect(await runStateTestPool(files, { jobs })).toEqual(expected);
    }
    expect(await runStateTestPool(files, { jobs: 2, fork: Fork.Prague })).toEqual(
      sequential(files, Fork.Prague),
    );
  });

  it("times a file out: reported cases stand, the rest fail, and the next file gets a fresh worker", async () => {
    const { files, hanging } = fixtureDir();
    const results = await runStateTestPool([hanging, files[0]], { jobs: 1, timeoutPerFileSeconds: 1 });
    const [first, ...rest] = results.filter((r) => r.file === hanging);
    // Reported by the worker before the loop (its expected root ignores the looping contract).
    expect(first).toMatchObject({
      index: { data: 0, gas: 0, value: 2 },
      reason: expect.stringMatching(/^state root /),
    });
    expect(rest).toEqual([
      {
        file: hanging,
        test: "loop",
        fork: "Cancun",
        index: { data: 0, gas: 1, value: 0 },
        status: "failed",
        reason: "timed out after 1s",
      },
      {
        file: hanging,
        test: "loop",
        fork: "Cancun",
        index: { data: 0, gas: 0, value: 1 },
        status: "failed",
        reason: "timed out after 1s",
      },
    ]);
    expect(results.filter((r) => r.file !== hanging)).toEqual(sequential([files[0]]));
    expect(started).toHaveLength(2);
  });

  it("returns nothing and starts nothing for no files", async () => {
    expect(await runStateTestPool([])).toEqual([]);
    expect(started).toHaveLength(0);
  });
});

describe("runStateTestPool's watchdog and crash handling (stub worker)", () => {
  it("fails only the unreported cases of a file that hangs, with the timeout in the reason", async () => {
    const results = await runStub(["ok:2", "hang:3:1", "ok:1"], { jobs: 2, timeoutPerFileSeconds: 0.5 });
    expect(results).toEqual([
      passedStub("ok:2", 0),
      passedStub("ok:2", 1),
      passedStub("hang:3:1", 0),
      failedStub("hang:3:1", 1, "timed out after 0.5s"),
      failedStub("hang:3:1", 2, "timed out after 0.5s"),
      passedStub("ok:1", 0),
    ]);
  });

  it("fails the whole file when it hangs before planning its cases", async () => {
    expect(await runStub(["hang-planning", "ok:1"], { jobs: 1, timeoutPerFileSeconds: 0.3 })).toEqual([
      {
        file: "hang-planning",
        test: "",
        fork: "",
        index: null,
        status: "failed",
        reason: "timed out after 0.3s",
      },
      passedStub("ok:1", 0),
    ]);
    expect(started).toHaveLength(2);
  });

  it("fails the unreported cases of a file whose worker crashes, and carries on", async () => {
    const results = await runStub(["crash:3:2", "ok:1", "crash:1:0", "ok:2"], { jobs: 1 });
    const reason = "worker crashed: stub crashed in crash:3:2";
    expect(results).toEqual([
      passedStub("crash:3:2", 0),
      passedStub("crash:3:2", 1),
      failedStub("crash:3:2", 2, reason),
      passedStub("ok:1", 0),
      failedStub("crash:1:0", 0, "worker crashed: stub crashed in crash:1:0"),
      passedStub("ok:2", 0),
      passedStub("ok:2", 1),
    ]);
    expect(started).toHaveLength(3);
  });

  it("reports live progress: every result and every file once", async () => {
    const seen: string[] = [];
    const done: string[] = [];
    await runStub(["ok:3", "hang:2:1", "crash:2:1"], {
      jobs: 3,
      timeoutPerFileSeconds: 0.5,
      onResult: (r) => seen.push(`${r.file} ${r.test} ${r.status}`),
      onFileDone: (file) => done.push(file),
    });
    expect(seen.sort()).toEqual(
      [
        "crash:2:1 t0 passed",
        "crash:2:1 t1 failed",
        "hang:2:1 t0 passed",
        "hang:2:1 t1 failed",
        "ok:3 t0 passed",
        "ok:3 t1 passed",
        "ok:3 t2 passed",
      ].sort(),
    );
    expect(done.sort()).toEqual(["crash:2:1", "hang:2:1", "ok:3"]);
  });

  it("starts no more workers than files", async () => {
    await runStub(["ok:1", "ok:1"], { jobs: 8 });
    expect(started).toHaveLength(2);
  });

  it("rejects, and stops every worker, when the worker entry cannot start", async () => {
    const broken = new URL("./stateTestWorkerStubBroken.mjs", import.meta.url);
    const run = runStateTestPool(["ok:1", "ok:1", "ok:1"], { workerEntry: broken, jobs: 3 });
    await expect(run).rejects.toThrow(StateTestWorkerStartError);
    await expect(run).rejects.toThrow(/stub entry failed to load/);
  });

  it("rejects, and stops every worker, when a callback throws mid-run", async () => {
    const run = runStub(["ok:1", "hang:1:0", "ok:5"], {
      jobs: 3,
      onResult: (r) => {
        if (r.file === "ok:5") throw new Error("display broke");
      },
    });
    await expect(run).rejects.toThrow("display broke");
    // The hanging worker was still spinning: it must have been terminated, not left behind.
    expect(started).toHaveLength(3);
  });
});
