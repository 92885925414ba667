const cache = new WeakMap<Uint8Array, Uint8Array>();

/** Bitmap (one byte per code byte) of valid JUMPDEST positions, skipping PUSH data; cached per code array. */
export function jumpdestMap(code: Uint8Array): Uint8Array {
  let map = cache.get(code);
  if (map !== undefined) return map;
  map = new Uint8Array(code.length);
  for (let pc = 0; pc < code.length; pc++) {
    const op = code[pc];
    if (op === 0x5b) map[pc] = 1;
    else if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f;
  }
  cache.set(code, map);
  return map;
}
