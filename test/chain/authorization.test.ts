import { describe, expect, it } from "vitest";
import { authorizationSigningHash, recoverAuthority } from "../../src/chain/authorization.js";
import { SECP256K1_HALF_N, SECP256K1_N } from "../../src/chain/recoverSender.js";
import { bigIntToBytes, concatBytes, hexToBytes } from "../../src/primitives/hex.js";
import { keccak256 } from "../../src/primitives/keccak.js";
import { encodeRlp } from "../../src/primitives/rlp.js";
import { addressOf, signAuthorization } from "./testSigner.js";

const KEY = hexToBytes("0x8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a");
const DELEGATE = new Uint8Array(20).fill(0xde);
const auth = signAuthorization({ chainId: 1n, address: DELEGATE, nonce: 7n }, KEY);

describe("EIP-7702 authorizations", () => {
  it("sign keccak256(0x05 || rlp([chainId, address, nonce]))", () => {
    const expected = keccak256(
      concatBytes(Uint8Array.of(5), encodeRlp([bigIntToBytes(1n), DELEGATE, bigIntToBytes(7n)])),
    );
    expect(authorizationSigningHash(auth)).toEqual(expected);
  });

  it("recover the signer", () => {
    expect(recoverAuthority(auth)).toEqual(addressOf(KEY));
  });

  it("recover someone else once a signed field changes", () => {
    const other = recoverAuthority({ ...auth, nonce: 8n });
    expect(other).toBeDefined();
    expect(other).not.toEqual(addressOf(KEY));
  });

  it("are invalid with yParity other than 0/1", () => {
    expect(recoverAuthority({ ...auth, yParity: 2n })).toBeUndefined();
    expect(recoverAuthority({ ...auth, yParity: 27n })).toBeUndefined();
  });

  it("are invalid with r or s out of range, including high s", () => {
    expect(recoverAuthority({ ...auth, r: 0n })).toBeUndefined();
    expect(recoverAuthority({ ...auth, r: SECP256K1_N })).toBeUndefined();
    expect(recoverAuthority({ ...auth, s: 0n })).toBeUndefined();
    // (r, n - s) with the other parity is the same signature, malleated: EIP-7702 requires low s.
    const high = { ...auth, s: SECP256K1_N - auth.s, yParity: 1n - auth.yParity };
    expect(high.s > SECP256K1_HALF_N).toBe(true);
    expect(recoverAuthority(high)).toBeUndefined();
  });
});
