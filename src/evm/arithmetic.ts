import { fitsUint32, setWordBigInt, setWordNumber, wordToBigInt } from "../primitives/u256.js";

const TWO_255 = 1n << 255n;
const TWO_256 = 1n << 256n;
const MASK_256 = TWO_256 - 1n;

function toSigned(x: bigint): bigint {
  return x >= TWO_255 ? x - TWO_256 : x;
}

/** Square-and-multiply modulo 2^256 (BigInt `**` cannot take 256-bit exponents). */
function expMod256(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) & MASK_256;
    b = (b * b) & MASK_256;
    e >>= 1n;
  }
  return result;
}

/**
 * DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND: the rarer arithmetic, through BigInt with a
 * 32-bit fast path for DIV/MOD (Solidity's common small divisions). Returns the new stack pointer.
 */
export function arithmeticOp(op: number, stack: Uint32Array, sp: number): number {
  const top = (sp - 1) << 3;
  const second = top - 8;
  if ((op === 0x04 || op === 0x06) && fitsUint32(stack, top) && fitsUint32(stack, second)) {
    const a = stack[top];
    const b = stack[second];
    setWordNumber(stack, second, b === 0 ? 0 : op === 0x04 ? Math.floor(a / b) : a % b);
    return sp - 1;
  }
  const a = wordToBigInt(stack, top);
  const b = wordToBigInt(stack, second);
  switch (op) {
    case 0x04:
      setWordBigInt(stack, second, b === 0n ? 0n : a / b);
      return sp - 1;
    case 0x05: {
      const sb = toSigned(b);
      setWordBigInt(stack, second, sb === 0n ? 0n : toSigned(a) / sb);
      return sp - 1;
    }
    case 0x06:
      setWordBigInt(stack, second, b === 0n ? 0n : a % b);
      return sp - 1;
    case 0x07: {
      const sb = toSigned(b);
      setWordBigInt(stack, second, sb === 0n ? 0n : toSigned(a) % sb);
      return sp - 1;
    }
    case 0x08:
    case 0x09: {
      const third = second - 8;
      const n = wordToBigInt(stack, third);
      const value = n === 0n ? 0n : op === 0x08 ? (a + b) % n : (a * b) % n;
      setWordBigInt(stack, third, value);
      return sp - 2;
    }
    case 0x0a:
      setWordBigInt(stack, second, expMod256(a, b));
      return sp - 1;
    case 0x0b: {
      // SIGNEXTEND b from byte a.
      if (a < 31n) {
        const bit = Number(a) * 8 + 7;
        const mask = (1n << BigInt(bit + 1)) - 1n;
        const negative = (b >> BigInt(bit)) & 1n;
        setWordBigInt(stack, second, negative ? b | (MASK_256 ^ mask) : b & mask);
      }
      return sp - 1;
    }
  }
  return sp;
}
