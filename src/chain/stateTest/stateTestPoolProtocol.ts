import type { MessagePort } from "node:worker_threads";
import type { CaseResult } from "./runStateTestFile.js";
import type { CaseIndexes } from "./stateTestModel.js";

// The protocol between runStateTestPool (main thread) and stateTestWorker (one per pool slot).
//
//   main                                   worker
//    │  new Worker(entry, { workerData: WorkerInit, transferList: [port] })
//    │ ◀──────────────── ready ─────────────│  imports loaded
//    │ ───── run {fileId, file} ──────────▶ │  on the parent port, one file at a time; a worker
//    │                                      │  that dies before its first file failed to start,
//    │                                      │  and the whole run fails
//    │ ◀──────────────── planned {cases} ───│  every case of the file, before any runs
//    │ ◀──────────────── result {result} ───│  one per planned case, in plan order
//    │ ◀──────────────── finished ──────────│  the worker is free for the next file
//
// Everything the worker says travels on its own MessagePort (`WorkerInit.port`), not on the parent
// port: when a file's watchdog fires, the main thread drains that port synchronously with
// receiveMessageOnPort, so every result the worker posted before it was stopped is counted, and
// only the cases it never reported are failed as timed out. Ports deliver in posting order, so a
// result's position in the stream is its position in `planned`.

/** What a worker is started with (its `workerData`). */
export interface WorkerInit {
  /** The worker posts every WorkerMessage here. */
  port: MessagePort;
  /** Run only the cases of this fork (a `Fork` value); undefined runs all. */
  fork: number | undefined;
}

/** Main → worker: run one fixture file. */
export interface RunFileMessage {
  kind: "run";
  fileId: number;
  file: string;
}

/** The identity of one planned case, without its result. */
export interface CaseKey {
  test: string;
  fork: string;
  index: CaseIndexes | null;
}

/** Worker → main, on `WorkerInit.port`. */
export type WorkerMessage =
  | { kind: "ready" }
  | { kind: "planned"; fileId: number; cases: CaseKey[] }
  | { kind: "result"; fileId: number; result: CaseResult }
  | { kind: "finished"; fileId: number };
