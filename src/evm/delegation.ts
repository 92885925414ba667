/** EIP-7702 delegation designator prefix: code `0xef0100 ++ address` delegates to `address`. */
export const DELEGATION_PREFIX = Uint8Array.of(0xef, 0x01, 0x00);

/** The address `code` delegates to, or undefined when it is not a delegation designator. */
export function delegatedAddress(code: Uint8Array): Uint8Array | undefined {
  if (code.length !== 23 || code[0] !== 0xef || code[1] !== 0x01 || code[2] !== 0x00) return undefined;
  return code.subarray(3, 23);
}

/** Builds the designator for `address`. */
export function delegationCode(address: Uint8Array): Uint8Array {
  const code = new Uint8Array(23);
  code.set(DELEGATION_PREFIX, 0);
  code.set(address, 3);
  return code;
}
