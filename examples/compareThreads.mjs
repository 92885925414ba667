// Executes one block with 1 thread (the sequential oracle) and with 4 (Block-STM on the calling thread
// plus 3 pool workers) and checks that both give the same result: receipts, gas, bloom, receipts root
// and the full state diff. Times are the second run of each (the first also compiles, in every worker);
// with fewer than 4 cores the threads share them. Usage: node examples/compareThreads.mjs [block-fixture.json.gz]
import {
  bytesToHex,
  checkAgainstHeader,
  closeDefaultPools,
  executeBlock,
  MAINNET,
  readBlockFixture,
} from "parallel-evm";

const path =
  process.argv[2] ?? new URL("../../shared/fixtures/mainnet/8889776.json.gz", import.meta.url).pathname;
const { block, preState } = readBlockFixture(path);

/** What must not depend on the thread count, as text: bigints and byte arrays written out. */
function outcome(result) {
  const { receipts, gasUsed, logsBloom, receiptsRoot, stateDiff, senders } = result;
  return JSON.stringify({ receipts, gasUsed, logsBloom, receiptsRoot, stateDiff, senders }, (_key, value) =>
    typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? bytesToHex(value) : value,
  );
}

const run = (workers) => [1, 2].map(() => executeBlock(MAINNET, preState, block, { workers })).at(-1);
const sequential = run(1);
const parallel = run(4);
const same = outcome(sequential) === outcome(parallel);

console.log(`block ${block.header.number}: ${block.transactions.length} txs, ${sequential.gasUsed} gas`);
console.log(`1 thread:  ${sequential.timings.total.toFixed(1)} ms`);
console.log(
  `4 threads: ${parallel.timings.total.toFixed(1)} ms, ` +
    (parallel.parallel?.fallbackReason ?? `${parallel.parallel?.executions} executions on Block-STM`),
);
console.log(`same result: ${same}; header match: ${checkAgainstHeader(parallel, block.header).passed}`);
await closeDefaultPools();
process.exitCode = same ? 0 : 1;
