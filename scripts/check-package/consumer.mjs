// An ESM consumer of the installed package, run by scripts/check-package.sh from an empty project: the
// root entry loads with the public API, deep imports are closed by the exports map, and (given a block
// fixture) a block executes on 1 and 2 threads, the pool's workers loading from the installed dist/.
import * as pevm from "parallel-evm";

const expected = [
  "executeBlock",
  "closeDefaultPools",
  "WorkerPool",
  "checkAgainstHeader",
  "MAINNET",
  "singleForkChain",
  "Fork",
  "MemoryState",
  "memoryStateFromGenesis",
  "memoryStateFromPrestate",
  "parseRpcBlock",
  "parseRpcTransaction",
  "readBlockFixture",
  "decodeBlock",
  "PevmError",
  "InvalidInputError",
  "BlockInputError",
  "InvalidBlockError",
  "InvalidTransactionError",
];
const missing = expected.filter((name) => !(name in pevm));
if (missing.length > 0) throw new Error(`the root entry lacks ${missing.join(", ")}`);

const deep = await import("parallel-evm/dist/src/parallel/executeBlock.js").then(
  () => "loaded",
  (error) => error.code,
);
if (deep !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw new Error(`a deep import was ${deep}, not refused`);

let executed = "no block fixture given";
if (process.argv[2] !== undefined) {
  const { block, preState } = pevm.readBlockFixture(process.argv[2]);
  const gas = [1, 2].map((workers) => {
    const result = pevm.executeBlock(pevm.MAINNET, preState, block, { workers });
    if (!pevm.checkAgainstHeader(result, block.header).passed)
      throw new Error(`workers ${workers}: header mismatch`);
    return result.gasUsed;
  });
  if (gas[0] !== gas[1]) throw new Error(`gas used differs between 1 and 2 threads: ${gas}`);
  executed = `block ${block.header.number} matched its header on 1 and 2 threads`;
  await pevm.closeDefaultPools();
}
console.log(`root entry: ${Object.keys(pevm).length} exports; deep imports refused; ${executed}`);
