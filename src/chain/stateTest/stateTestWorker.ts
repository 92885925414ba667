// Entry of one runStateTestPool worker thread: runs the fixture files the main thread sends, one at
// a time, and streams every case back (protocol in stateTestPoolProtocol.ts). Started with a deep
// stack by the pool: the interpreter recurses once per call frame, up to 1024 frames.
import { parentPort, workerData } from "node:worker_threads";
import type { Fork } from "../../evm/fork.js";
import { planStateTestFile } from "./runStateTestFile.js";
import type { RunFileMessage, WorkerInit, WorkerMessage } from "./stateTestPoolProtocol.js";

if (parentPort === null) throw new Error("stateTestWorker.js runs only as a worker thread");

const init = workerData as WorkerInit;
const options = { fork: init.fork as Fork | undefined };
const post = (message: WorkerMessage) => init.port.postMessage(message);

parentPort.on("message", ({ fileId, file }: RunFileMessage) => {
  const planned = planStateTestFile(file, options);
  post({
    kind: "planned",
    fileId,
    cases: planned.map(({ test, fork, index }) => ({ test, fork, index })),
  });
  for (const c of planned) post({ kind: "result", fileId, result: c.run() });
  post({ kind: "finished", fileId });
});
post({ kind: "ready" });
