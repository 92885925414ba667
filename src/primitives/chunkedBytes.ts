/**
 * Fresh zeroed byte arrays of 65..1024 bytes, carved from shared 64 KiB chunks. V8 gives every typed
 * array over 64 bytes its own off-heap buffer: `new Uint8Array(256)` cost ~660 ns here against ~85 ns
 * for a view into a chunk, and each such buffer is then freed by the GC one at a time. Every transaction
 * makes a few (its receipt's logs bloom, the receipt's encoding, its receipt-trie leaf).
 *
 * The views share their chunk's ArrayBuffer: do not transfer them or read `.buffer` without the view's
 * offset. A live view keeps its whole chunk alive.
 */
const CHUNK_BYTES = 65536;
const SMALLEST_CARVED = 65;
const LARGEST_CARVED = 1024;

let chunk = new Uint8Array(CHUNK_BYTES);
let used = 0;

export function newBytes(length: number): Uint8Array {
  if (length < SMALLEST_CARVED || length > LARGEST_CARVED) return new Uint8Array(length);
  if (used + length > CHUNK_BYTES) {
    chunk = new Uint8Array(CHUNK_BYTES);
    used = 0;
  }
  const view = chunk.subarray(used, used + length);
  used += length;
  return view;
}
