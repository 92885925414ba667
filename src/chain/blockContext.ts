import { type BlobParams, fakeExponential } from "../evm/blobGas.js";
import type { BlockEnv } from "../evm/blockEnv.js";
import { Fork } from "../evm/fork.js";
import type { BlockHeader } from "./blockHeader.js";
import { blobParamsAt, type ChainConfig, forkAt } from "./chainConfig.js";

/** Everything about a block that every transaction in it shares, resolved once. */
export interface BlockContext {
  chain: ChainConfig;
  header: BlockHeader;
  fork: Fork;
  env: BlockEnv;
  /** Blob parameters in force (fork defaults or the chain's schedule). */
  blobParams: BlobParams;
}

const ZERO_HASH = new Uint8Array(32);

/** Resolves the fork, blob parameters and EVM block environment of `header` on `chain`. */
export function blockContext(chain: ChainConfig, header: BlockHeader): BlockContext {
  const fork = forkAt(chain, header.number, header.timestamp);
  const params = blobParamsAt(chain, fork, header.timestamp);
  const excessBlobGas = header.excessBlobGas ?? 0n;
  const env: BlockEnv = {
    number: header.number,
    coinbase: header.coinbase,
    timestamp: header.timestamp,
    gasLimit: header.gasLimit,
    baseFee: header.baseFeePerGas ?? 0n,
    difficulty: header.difficulty,
    prevRandao: fork >= Fork.Paris ? header.mixHash : ZERO_HASH,
    excessBlobGas,
    chainId: chain.chainId,
    blobBaseFee: fork >= Fork.Cancun ? fakeExponential(1n, excessBlobGas, params.updateFraction) : 0n,
  };
  return { chain, header, fork, env, blobParams: params };
}
