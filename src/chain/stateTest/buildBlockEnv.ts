import type { BlockEnv } from "../../evm/blockEnv.js";
import { Fork } from "../../evm/fork.js";
import { bigIntToBytes } from "../../primitives/hex.js";
import type { StateTestEnv } from "./stateTestModel.js";

/**
 * The block a state test's transaction runs in. Fields a fork predates default as the fixtures
 * assume: base fee and excess blob gas 0, and PREVRANDAO is `currentRandom` from Paris on, otherwise
 * the difficulty as 32 bytes.
 */
export function buildBlockEnv(env: StateTestEnv, fork: Fork, chainId: bigint): BlockEnv {
  const prevRandao =
    fork >= Fork.Paris && env.random !== undefined ? env.random : bigIntToBytes(env.difficulty, 32);
  return {
    number: env.number,
    coinbase: env.coinbase,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    baseFee: env.baseFee ?? 0n,
    difficulty: env.difficulty,
    prevRandao,
    excessBlobGas: env.excessBlobGas ?? 0n,
    chainId,
  };
}
