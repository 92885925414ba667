import { Fork } from "./fork.js";

/** EIP-4844/7691 blob parameters of a fork. */
export interface BlobParams {
  target: number;
  max: number;
  /** Most blobs one transaction may carry (EIP-7594 caps it at 6 from Osaka). */
  maxPerTx: number;
  updateFraction: bigint;
}

export const GAS_PER_BLOB = 131072n;
const MIN_BLOB_BASE_FEE = 1n;

export function blobParams(fork: Fork): BlobParams {
  if (fork >= Fork.Osaka) return { target: 6, max: 9, maxPerTx: 6, updateFraction: 5007716n };
  if (fork >= Fork.Prague) return { target: 6, max: 9, maxPerTx: 9, updateFraction: 5007716n };
  return { target: 3, max: 6, maxPerTx: 6, updateFraction: 3338477n };
}

/** EIP-4844 `fake_exponential`: factor * e^(numerator / denominator), in integers. */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i++;
  }
  return output / denominator;
}

/** Blob base fee for a block's excess blob gas (0 before Cancun). */
export function blobBaseFee(excessBlobGas: bigint, fork: Fork): bigint {
  if (fork < Fork.Cancun) return 0n;
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, blobParams(fork).updateFraction);
}
