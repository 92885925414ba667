/** EVM memory: a byte array grown in 32-byte words, with the quadratic expansion cost. */
export class Memory {
  bytes: Uint8Array;
  /** Active size in bytes (always a multiple of 32). */
  size = 0;

  constructor(initialCapacity = 4096) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  reset(): void {
    this.bytes.fill(0, 0, this.size);
    this.size = 0;
  }

  /**
   * Gas to grow memory to cover [offset, offset + length), or -1 when the range is unreachable.
   * Does not grow: call `grow` after charging.
   */
  expansionCost(offset: number, length: number): number {
    if (length === 0) return 0;
    const end = offset + length;
    // Anything past 2^32 bytes would cost more gas than any block holds.
    if (end > 0xffffffff) return -1;
    if (end <= this.size) return 0;
    const newWords = Math.ceil(end / 32);
    const oldWords = this.size / 32;
    return memoryCost(newWords) - memoryCost(oldWords);
  }

  /** Grows the active size to cover [offset, offset + length); `expansionCost` must have been charged. */
  grow(offset: number, length: number): void {
    if (length === 0) return;
    const end = offset + length;
    if (end <= this.size) return;
    const newSize = Math.ceil(end / 32) * 32;
    if (newSize > this.bytes.length) {
      const next = new Uint8Array(Math.max(newSize, this.bytes.length * 2));
      next.set(this.bytes.subarray(0, this.size));
      this.bytes = next;
    }
    this.size = newSize;
  }

  /** A copy of [offset, offset + length) (already grown). */
  read(offset: number, length: number): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    return this.bytes.slice(offset, offset + length);
  }

  /** Copies `src[srcOffset..srcOffset+length)` to memory, zero-filling past the end of `src`. */
  writePadded(offset: number, src: Uint8Array, srcOffset: number, length: number): void {
    if (length === 0) return;
    const available = srcOffset >= src.length ? 0 : Math.min(length, src.length - srcOffset);
    if (available > 0) this.bytes.set(src.subarray(srcOffset, srcOffset + available), offset);
    if (available < length) this.bytes.fill(0, offset + available, offset + length);
  }
}

/** Total cost of `words` words of memory: 3 per word plus words²/512. */
export function memoryCost(words: number): number {
  return 3 * words + Math.floor((words * words) / 512);
}
