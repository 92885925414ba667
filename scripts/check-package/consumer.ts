// A TypeScript consumer of the installed package, type-checked (not run) by scripts/check-package.sh
// against the types the tarball ships: the root import resolves through the exports map to
// dist/src/index.d.ts, and what a user writes compiles with strict settings.
import {
  type Block,
  type BlockExecutionResult,
  closeDefaultPools,
  executeBlock,
  MAINNET,
  MemoryState,
  memoryStateFromGenesis,
  memoryStateFromPrestate,
  PevmError,
  parseRpcBlock,
  type StateReader,
  WorkerPool,
} from "parallel-evm";

/** A backend of one's own: the four synchronous reads. */
class EmptyState implements StateReader {
  account() {
    return undefined;
  }
  code() {
    return new Uint8Array(0);
  }
  storage() {
    return 0n;
  }
  blockHash() {
    return new Uint8Array(32);
  }
}

export function run(rpcBlock: unknown, genesis: unknown, prestate: unknown): bigint {
  const block: Block = parseRpcBlock(rpcBlock);
  const states: StateReader[] = [
    new EmptyState(),
    new MemoryState(),
    memoryStateFromGenesis(genesis),
    memoryStateFromPrestate(prestate),
  ];
  const pool = WorkerPool.start(2);
  try {
    const result: BlockExecutionResult = executeBlock(MAINNET, states[0], block, { pool });
    const fallback: string | undefined = result.parallel?.fallbackReason;
    return result.gasUsed + BigInt(fallback?.length ?? 0);
  } catch (error) {
    if (error instanceof PevmError) throw new Error(`${error.code}: ${error.shortMessage}`);
    throw error;
  } finally {
    void pool.close();
    void closeDefaultPools();
  }
}

// @ts-expect-error: workers is a number, and the shipped types say so.
executeBlock(MAINNET, new MemoryState(), parseRpcBlock({}), { workers: "4" });
