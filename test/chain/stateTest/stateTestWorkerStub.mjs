// A stand-in for stateTestWorker that speaks the pool protocol (stateTestPoolProtocol.ts) without
// an EVM, acting out what its "file" names, so runStateTestPool's timeout, crash and shutdown paths
// are tested exactly:
//   "ok:<n>"            plans n cases and passes them all
//   "hang:<n>:<k>"      plans n cases, passes k, then spins forever
//   "crash:<n>:<k>"     plans n cases, passes k, then throws
//   "hang-planning"     spins before planning anything
import { parentPort, workerData } from "node:worker_threads";

const { port } = workerData;

parentPort.on("message", ({ fileId, file }) => {
  const [behaviour, n = "0", k = n] = file.split(":");
  if (behaviour === "hang-planning") for (;;);
  const cases = Array.from({ length: Number(n) }, (_, i) => ({
    test: `t${i}`,
    fork: "Cancun",
    index: { data: i, gas: 0, value: 0 },
  }));
  port.postMessage({ kind: "planned", fileId, cases });
  for (const key of cases.slice(0, Number(k))) {
    port.postMessage({ kind: "result", fileId, result: { file, ...key, status: "passed" } });
  }
  if (behaviour === "hang") for (;;);
  if (behaviour === "crash") throw new Error(`stub crashed in ${file}`);
  port.postMessage({ kind: "finished", fileId });
});
port.postMessage({ kind: "ready" });
