import { createHash } from "node:crypto";
import type { Fork } from "../fork.js";
import { wordCount } from "./paddedInput.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const SHA256_BASE_GAS = 60;
const SHA256_WORD_GAS = 12;

/** SHA-256 digest. Node's native hash: same speed as @noble/hashes at 32 bytes, ~20x faster at 100 KB. */
export function sha256Digest(data: Uint8Array): Uint8Array {
  const digest = createHash("sha256").update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** 0x02 SHA256 (Frontier): 60 gas + 12 per word. */
export function sha256(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  const gasUsed = SHA256_BASE_GAS + SHA256_WORD_GAS * wordCount(input.length);
  if (gasUsed > gasLimit) return precompileFailure();
  return { ok: true, gasUsed, output: sha256Digest(input) };
}
