// Builds a block from viem's objects and executes it. Against a node, both inputs come from viem:
//
//   const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
//   const trace = await client.request({ method: "debug_traceBlockByNumber",
//                                        params: [toHex(n), { tracer: "prestateTracer" }] });
//   const state = memoryStateFromPrestate(trace); // plus state.setBlockHash(...) for BLOCKHASH
//
// Offline, this example makes the same objects from a mainnet fixture: viem's formatBlock turns the
// fixture's RPC JSON into the `Block` that getBlock returns (bigint quantities, named transaction
// types), and the fixture's pre-state has the prestateTracer's shape.
// Usage: node examples/viemBlock.mjs [block-fixture.json.gz]   (needs `npm install viem`)
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  checkAgainstHeader,
  executeBlock,
  hexToBytes,
  MAINNET,
  memoryStateFromPrestate,
  parseRpcBlock,
} from "parallel-evm";
import { formatBlock } from "viem";

const path =
  process.argv[2] ?? new URL("../../shared/fixtures/mainnet/19933122.json.gz", import.meta.url).pathname;
const fixture = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8"));

const { header, hash, transactions, uncles, withdrawals } = fixture;
const viemBlock = formatBlock({ ...header, hash, transactions, uncles, withdrawals });
const state = memoryStateFromPrestate(fixture.preState);
for (const [number, blockHash] of Object.entries(fixture.blockHashes)) {
  state.setBlockHash(BigInt(number), hexToBytes(blockHash));
}

const block = parseRpcBlock(viemBlock); // checks the block hash and every transaction hash
const result = executeBlock(MAINNET, state, block);
const types = [...new Set(viemBlock.transactions.map((tx) => tx.type))].join(", ");
console.log(`block ${viemBlock.number} (viem Block: ${viemBlock.transactions.length} txs of types ${types})`);
console.log(
  `gas used ${result.gasUsed} of header ${block.header.gasUsed}; header match: ${checkAgainstHeader(result, block.header).passed}`,
);
