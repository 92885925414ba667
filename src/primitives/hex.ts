import { InvalidInputError } from "./errors.js";

const HEX_CHARS = "0123456789abcdef";
const BYTE_TO_HEX: string[] = [];
for (let i = 0; i < 256; i++) BYTE_TO_HEX.push(HEX_CHARS[i >> 4] + HEX_CHARS[i & 15]);

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Decodes `0x`-prefixed (or bare) hex into bytes; odd length is left-padded with a zero nibble. */
export function hexToBytes(hex: string, what = "hex"): Uint8Array {
  if (typeof hex !== "string")
    throw new InvalidInputError(`Invalid ${what}: expected a hex string, got ${typeof hex}`);
  let start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
  const digits = hex.length - start;
  const out = new Uint8Array((digits + 1) >> 1);
  let o = 0;
  if (digits & 1) {
    const n = nibble(hex.charCodeAt(start));
    if (n < 0) throw new InvalidInputError(`Invalid ${what}: ${JSON.stringify(hex.slice(0, 80))} is not hex`);
    out[o++] = n;
    start++;
  }
  for (let i = start; i < hex.length; i += 2) {
    const hi = nibble(hex.charCodeAt(i));
    const lo = nibble(hex.charCodeAt(i + 1));
    if (hi < 0 || lo < 0)
      throw new InvalidInputError(`Invalid ${what}: ${JSON.stringify(hex.slice(0, 80))} is not hex`);
    out[o++] = (hi << 4) | lo;
  }
  return out;
}

/** Encodes bytes as lowercase `0x`-prefixed hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = "0x";
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_HEX[bytes[i]];
  return s;
}

/** Parses a hex (`0x..`) or decimal quantity into a bigint. */
export function parseQuantity(value: string | number | bigint, what = "quantity"): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new InvalidInputError(`Invalid ${what}: ${value}`);
    return BigInt(value);
  }
  if (typeof value !== "string")
    throw new InvalidInputError(`Invalid ${what}: expected a string, got ${typeof value}`);
  const v = value.trim();
  if (v === "0x" || v === "") return 0n;
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v))
    throw new InvalidInputError(`Invalid ${what}: ${JSON.stringify(v.slice(0, 80))}`);
  return BigInt(v);
}

/** Big-endian bytes to bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(bytesToHex(bytes));
}

/** bigint to big-endian bytes, minimal length (0 → empty), or left-padded to `length`. */
export function bigIntToBytes(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new InvalidInputError(`Cannot encode negative number ${value}`);
  if (length === undefined && value <= 0xffffffffffffn) {
    // Gas, nonces, indices: byte arithmetic on a double, no hex round trip (~10x faster).
    let n = Number(value);
    let size = 0;
    for (let v = n; v > 0; v = Math.floor(v / 256)) size++;
    const out = new Uint8Array(size);
    for (let i = size - 1; i >= 0; i--, n = Math.floor(n / 256)) out[i] = n % 256;
    return out;
  }
  let hex = value === 0n ? "" : value.toString(16);
  if (hex.length & 1) hex = `0${hex}`;
  const minimal = hexToBytes(hex);
  if (length === undefined) return minimal;
  if (minimal.length > length) throw new InvalidInputError(`Number ${value} does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(minimal, length - minimal.length);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
