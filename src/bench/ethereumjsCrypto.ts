import type { CustomCrypto } from "@ethereumjs/common";
import { calculateSigRecovery, type KZG, setLengthLeft } from "@ethereumjs/util";
import { nativeEcdsaRecover } from "../chain/nativeSecp256k1.js";
import { verifyKzgProof } from "../evm/precompiles/kzgProof.js";
import { concatBytes, hexToBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";

/**
 * Which cryptography ethereumjs runs with. `shared` (the benchmark default): the primitives our
 * executor uses — libsecp256k1 through the optional `secp256k1` addon for sender recovery and
 * ECRECOVER (when it is installed, as ours does), and our WebAssembly keccak — so the comparison
 * measures the EVMs, not the crypto libraries (@noble/curves recovers a key ~20x slower than the
 * addon, and a block of 1,400 transactions recovers 1,400 keys). `stock`: ethereumjs' own defaults.
 */
export type EthereumjsCryptoKind = "shared" | "stock";

function unused(name: string): never {
  throw new Error(`ethereumjs KZG adapter: ${name} is not needed to replay blocks`);
}

/**
 * The KZG object ethereumjs requires to build blob transactions and run the point-evaluation
 * precompile: `verifyProof` is our verifier (c-kzg when it loads, else @noble/curves; the same one
 * our precompile calls), and replaying a block needs nothing else.
 */
const kzg: KZG = {
  verifyProof: (commitment, z, y, proof) =>
    verifyKzgProof(hexToBytes(commitment), hexToBytes(z), hexToBytes(y), hexToBytes(proof)),
  blobToKzgCommitment: () => unused("blobToKzgCommitment"),
  computeBlobProof: () => unused("computeBlobProof"),
  verifyBlobProofBatch: () => unused("verifyBlobProofBatch"),
  computeCells: () => unused("computeCells"),
  computeCellsAndProofs: () => unused("computeCellsAndProofs"),
  recoverCellsAndProofs: () => unused("recoverCellsAndProofs"),
  verifyCellKzgProofBatch: () => unused("verifyCellKzgProofBatch"),
};

/** ethereumjs' `ecrecover` signature (64-byte public key) on libsecp256k1, or undefined without the addon. */
function nativeEcrecover(): CustomCrypto["ecrecover"] {
  const recover = nativeEcdsaRecover;
  if (recover === undefined) return undefined;
  return (msgHash, v, r, s, chainId) => {
    const recovery = calculateSigRecovery(v, chainId);
    if (recovery !== 0n && recovery !== 1n) throw new Error("Invalid signature v value");
    const signature = concatBytes(setLengthLeft(r, 32), setLengthLeft(s, 32));
    return recover(signature, Number(recovery), msgHash, false).subarray(1);
  };
}

/** The `customCrypto` for an ethereumjs Common (see {@link EthereumjsCryptoKind}). */
export function ethereumjsCrypto(kind: EthereumjsCryptoKind): CustomCrypto {
  if (kind === "stock") return { kzg };
  return { kzg, keccak256, ecrecover: nativeEcrecover() };
}
