import { bigIntToBytes } from "../../primitives/hex.js";
import type { Fork } from "../fork.js";
import { BLS_MODULUS, verifyKzgProof } from "./kzgProof.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";
import { sha256Digest } from "./sha256.js";

const POINT_EVALUATION_GAS = 50000;
const POINT_EVALUATION_INPUT_LENGTH = 192;
const VERSIONED_HASH_VERSION_KZG = 0x01;
const FIELD_ELEMENTS_PER_BLOB = 4096n;

/** The constant success output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS as 32-byte words. */
const POINT_EVALUATION_OUTPUT = new Uint8Array([
  ...bigIntToBytes(FIELD_ELEMENTS_PER_BLOB, 32),
  ...bigIntToBytes(BLS_MODULUS, 32),
]);

/** kzg_to_versioned_hash: sha256(commitment) with its first byte replaced by the version 0x01. */
export function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  const hash = sha256Digest(commitment);
  hash[0] = VERSIONED_HASH_VERSION_KZG;
  return hash;
}

/**
 * 0x0a POINT_EVALUATION (Cancun, EIP-4844): input versioned_hash ‖ z ‖ y ‖ commitment (48) ‖ proof (48),
 * exactly 192 bytes. Succeeds with FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS when the commitment matches the
 * versioned hash and the KZG proof that p(z) = y verifies; fails otherwise. 50000 gas.
 */
export function pointEvaluation(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (input.length !== POINT_EVALUATION_INPUT_LENGTH || POINT_EVALUATION_GAS > gasLimit)
    return precompileFailure();
  const commitment = input.subarray(96, 144);
  const versionedHash = kzgToVersionedHash(commitment);
  for (let i = 0; i < 32; i++) if (versionedHash[i] !== input[i]) return precompileFailure();
  if (!verifyKzgProof(commitment, input.subarray(32, 64), input.subarray(64, 96), input.subarray(144, 192))) {
    return precompileFailure();
  }
  return { ok: true, gasUsed: POINT_EVALUATION_GAS, output: POINT_EVALUATION_OUTPUT.slice() };
}
