import { checkAgainstHeader, executeBlock, MAINNET, readBlockFixture } from "parallel-evm";

// A block and the state it reads: a mainnet fixture (RPC JSON block plus prestate) from the repository.
const path =
  process.argv[2] ?? new URL("../../shared/fixtures/mainnet/8889776.json.gz", import.meta.url).pathname;
const { block, preState } = readBlockFixture(path);

// 4 threads: the calling thread plus 3 pool workers. `workers: 1` runs the sequential oracle.
const result = executeBlock(MAINNET, preState, block, { workers: 4 });
const reason = result.parallel?.fallbackReason;
console.log(`block ${block.header.number}: ${block.transactions.length} txs, ${result.gasUsed} gas`);
console.log(`ran ${reason === undefined ? "on Block-STM" : `sequentially: ${reason}`}`);
console.log(`header match: ${checkAgainstHeader(result, block.header).passed}`);
