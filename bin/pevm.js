#!/usr/bin/env node
// Thin shim: the CLI is TypeScript compiled to dist/ (`npm run build`). Commands run on a worker thread
// with a 256 MiB stack: the interpreter recurses once per call frame and the EVM allows 1024 of them,
// deeper than the main thread's default stack.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    workerData: { stderrIsTTY: Boolean(process.stderr.isTTY), columns: process.stderr.columns },
    resourceLimits: { stackSizeMb: 256 },
  });
  worker.on("message", (message) => {
    if (typeof message?.exitCode === "number") process.exitCode = message.exitCode;
  });
  worker.on("error", (error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  if (workerData?.stderrIsTTY) {
    process.stderr.isTTY = true;
    process.stderr.columns = workerData.columns;
  }
  const { runCli } = await import("../dist/src/cli/main.js");
  parentPort.postMessage({ exitCode: await runCli(process.argv.slice(2)) });
}
