import { bigIntToBytes, bytesToBigInt } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { readPadded } from "./paddedInput.js";
import { EMPTY_OUTPUT, type PrecompileResult, precompileFailure } from "./precompile.js";

/** EIP-7823 (Osaka): each of the three lengths must be at most 1024 bytes. */
const OSAKA_MAX_LENGTH = 1024n;

/** Reads a big-endian word of the header at `offset` (bytes past the input are zero). */
function readWord(input: Uint8Array, offset: number): bigint {
  return bytesToBigInt(readPadded(input, offset, 32));
}

/** Reads `length` (≤ 32) bytes at a possibly huge `offset` as an integer; bytes past the input are zero. */
function readHead(input: Uint8Array, offset: bigint, length: bigint): bigint {
  if (length === 0n || offset >= BigInt(input.length)) return 0n;
  return bytesToBigInt(readPadded(input, Number(offset), Number(length)));
}

function bitLength(value: bigint): bigint {
  return value === 0n ? 0n : BigInt(value.toString(2).length);
}

/**
 * Iteration count shared by every pricing rule: bit length of the exponent minus one (from its first 32
 * bytes), plus `bytesMultiplier` per exponent byte beyond 32; at least 1.
 */
function iterationCount(expLength: bigint, expHead: bigint, bytesMultiplier: bigint): bigint {
  const headBits = bitLength(expHead);
  let count = headBits > 0n ? headBits - 1n : 0n;
  if (expLength > 32n) count += bytesMultiplier * (expLength - 32n);
  return count > 1n ? count : 1n;
}

/**
 * Gas for MODEXP as a bigint (it can far exceed 2^53 for hostile lengths): EIP-198 before Berlin,
 * EIP-2565 from Berlin, EIP-7883 from Osaka.
 */
export function modexpGas(
  baseLength: bigint,
  expLength: bigint,
  modLength: bigint,
  expHead: bigint,
  fork: Fork,
): bigint {
  const maxLength = baseLength > modLength ? baseLength : modLength;
  const words = (maxLength + 7n) / 8n;
  if (fork >= Fork.Osaka) {
    const complexity = maxLength > 32n ? 2n * words * words : 16n;
    const gas = complexity * iterationCount(expLength, expHead, 16n);
    return gas > 500n ? gas : 500n;
  }
  if (fork >= Fork.Berlin) {
    const gas = (words * words * iterationCount(expLength, expHead, 8n)) / 3n;
    return gas > 200n ? gas : 200n;
  }
  let complexity: bigint;
  const x = maxLength;
  if (x <= 64n) complexity = x * x;
  else if (x <= 1024n) complexity = (x * x) / 4n + 96n * x - 3072n;
  else complexity = (x * x) / 16n + 480n * x - 199680n;
  return (complexity * iterationCount(expLength, expHead, 8n)) / 20n;
}

/**
 * base^exp mod modulus (modulus > 0), where the exponent is `expBytes` followed by `zeroBits` zero bits
 * (the part of the exponent that lay past the end of the call data). Fixed 4-bit window: about 1.2 modular
 * multiplications per exponent bit instead of 1.5 for plain square-and-multiply.
 */
export function modPow(base: bigint, expBytes: Uint8Array, zeroBits: number, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  base %= modulus;
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * base) % modulus);
  let acc = 1n;
  let started = false;
  for (let i = 0; i < expBytes.length; i++) {
    const byte = expBytes[i];
    for (let shift = 4; shift >= 0; shift -= 4) {
      const nibble = (byte >> shift) & 15;
      if (started) {
        acc = (acc * acc) % modulus;
        acc = (acc * acc) % modulus;
        acc = (acc * acc) % modulus;
        acc = (acc * acc) % modulus;
        if (nibble !== 0) acc = (acc * table[nibble]) % modulus;
      } else if (nibble !== 0) {
        acc = table[nibble];
        started = true;
      }
    }
  }
  if (!started) return 1n % modulus; // exponent 0 (0^0 = 1 here, as in every client)
  // Squaring 0 or 1 changes nothing, so a long zero tail after such a value costs no work.
  for (let i = 0; i < zeroBits && acc > 1n; i++) acc = (acc * acc) % modulus;
  return acc;
}

/**
 * 0x05 MODEXP (Byzantium, EIP-198): input baseLen ‖ expLen ‖ modLen (32-byte words) ‖ base ‖ exp ‖ mod,
 * zero-padded; output base^exp mod modulus as modLen bytes (zero when the modulus is zero). From Osaka
 * (EIP-7823) any length above 1024 bytes fails.
 */
export function modexp(input: Uint8Array, gasLimit: number, fork: Fork): PrecompileResult {
  const baseLength = readWord(input, 0);
  const expLength = readWord(input, 32);
  const modLength = readWord(input, 64);
  if (
    fork >= Fork.Osaka &&
    (baseLength > OSAKA_MAX_LENGTH || expLength > OSAKA_MAX_LENGTH || modLength > OSAKA_MAX_LENGTH)
  ) {
    return precompileFailure();
  }
  const expStart = 96n + baseLength;
  const expHead = readHead(input, expStart, expLength < 32n ? expLength : 32n);
  const gas = modexpGas(baseLength, expLength, modLength, expHead, fork);
  if (gas > BigInt(gasLimit)) return precompileFailure();
  const gasUsed = Number(gas);
  if (baseLength === 0n && modLength === 0n) return { ok: true, gasUsed, output: EMPTY_OUTPUT };

  // Paying for the call bounds base and modulus lengths to well under 2^53 (their square is priced), and the
  // exponent length to a few times gasLimit; only the exponent bytes actually present are materialised.
  const baseLen = Number(baseLength);
  const modLen = Number(modLength);
  const expLen = Number(expLength);
  const expOffset = Number(expStart);
  const modulus = bytesToBigInt(readPadded(input, expOffset + expLen, modLen));
  if (modulus === 0n) return { ok: true, gasUsed, output: new Uint8Array(modLen) };
  const base = bytesToBigInt(readPadded(input, 96, baseLen));
  const presentExpBytes = Math.max(0, Math.min(expLen, input.length - expOffset));
  const expBytes = input.subarray(expOffset, expOffset + presentExpBytes);
  const result = modPow(base, expBytes, (expLen - presentExpBytes) * 8, modulus);
  return { ok: true, gasUsed, output: bigIntToBytes(result, modLen) };
}
