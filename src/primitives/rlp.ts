import { InvalidInputError } from "./errors.js";

/** An RLP item: a byte string or a list of items. */
export type RlpItem = Uint8Array | RlpItem[];

function lengthPrefix(length: number, offset: number): Uint8Array {
  if (length < 56) return Uint8Array.of(offset + length);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Uint8Array.of(offset + 55 + bytes.length, ...bytes);
}

function encodedLength(item: RlpItem): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0] < 0x80) return 1;
    return lengthPrefix(item.length, 0x80).length + item.length;
  }
  let payload = 0;
  for (const child of item) payload += encodedLength(child);
  return lengthPrefix(payload, 0xc0).length + payload;
}

function encodeInto(item: RlpItem, out: Uint8Array, pos: number): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0] < 0x80) {
      out[pos] = item[0];
      return pos + 1;
    }
    const prefix = lengthPrefix(item.length, 0x80);
    out.set(prefix, pos);
    out.set(item, pos + prefix.length);
    return pos + prefix.length + item.length;
  }
  let payload = 0;
  for (const child of item) payload += encodedLength(child);
  const prefix = lengthPrefix(payload, 0xc0);
  out.set(prefix, pos);
  pos += prefix.length;
  for (const child of item) pos = encodeInto(child, out, pos);
  return pos;
}

/** RLP-encodes an item. */
export function encodeRlp(item: RlpItem): Uint8Array {
  const out = new Uint8Array(encodedLength(item));
  encodeInto(item, out, 0);
  return out;
}

function fail(reason: string): never {
  throw new InvalidInputError(`Invalid RLP: ${reason}`);
}

function readLength(data: Uint8Array, pos: number, lengthOfLength: number): number {
  if (pos + lengthOfLength > data.length) fail("length prefix runs past the end");
  if (data[pos] === 0) fail("length has leading zeros");
  let length = 0;
  for (let i = 0; i < lengthOfLength; i++) length = length * 256 + data[pos + i];
  if (length < 56) fail("long form used for a short length");
  return length;
}

function decodeAt(data: Uint8Array, pos: number): [RlpItem, number] {
  if (pos >= data.length) fail("unexpected end of input");
  const b = data[pos];
  if (b < 0x80) return [data.subarray(pos, pos + 1), pos + 1];
  if (b <= 0xb7) {
    const length = b - 0x80;
    const end = pos + 1 + length;
    if (end > data.length) fail("string runs past the end");
    if (length === 1 && data[pos + 1] < 0x80) fail("single byte below 0x80 must not be prefixed");
    return [data.subarray(pos + 1, end), end];
  }
  if (b <= 0xbf) {
    const lol = b - 0xb7;
    const length = readLength(data, pos + 1, lol);
    const start = pos + 1 + lol;
    if (start + length > data.length) fail("string runs past the end");
    return [data.subarray(start, start + length), start + length];
  }
  let start: number;
  let length: number;
  if (b <= 0xf7) {
    length = b - 0xc0;
    start = pos + 1;
  } else {
    const lol = b - 0xf7;
    length = readLength(data, pos + 1, lol);
    start = pos + 1 + lol;
  }
  const end = start + length;
  if (end > data.length) fail("list runs past the end");
  const items: RlpItem[] = [];
  let p = start;
  while (p < end) {
    const [child, next] = decodeAt(data, p);
    if (next > end) fail("list item runs past the list");
    items.push(child);
    p = next;
  }
  return [items, end];
}

/** Decodes exactly one RLP item; trailing bytes are an error. Byte strings are views into `data`. */
export function decodeRlp(data: Uint8Array): RlpItem {
  const [item, end] = decodeAt(data, 0);
  if (end !== data.length) fail(`${data.length - end} trailing bytes`);
  return item;
}

/** Decodes one item at the start of `data` and returns it with the number of bytes it used. */
export function decodeRlpPrefix(data: Uint8Array): [RlpItem, number] {
  return decodeAt(data, 0);
}
