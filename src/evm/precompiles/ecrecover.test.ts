import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToBigInt, bytesToHex, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { keccak256 } from "../../primitives/keccak.js";
import { Fork } from "../fork.js";
import { ecrecover } from "./ecrecover.js";

const N = secp256k1.Point.Fn.ORDER;

function input(hash: Uint8Array, v: bigint, r: bigint, s: bigint): Uint8Array {
  return concatBytes(hash, bigIntToBytes(v, 32), bigIntToBytes(r, 32), bigIntToBytes(s, 32));
}

function addressOf(secretKey: Uint8Array): string {
  const publicKey = secp256k1.getPublicKey(secretKey, false);
  return `0x${"00".repeat(12)}${bytesToHex(keccak256(publicKey.subarray(1))).slice(26)}`;
}

const secretKey = hexToBytes("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
const hash = keccak256(new TextEncoder().encode("parallel-evm"));
const recovered = secp256k1.sign(hash, secretKey, { prehash: false, format: "recovered" });
const sig = {
  v: 27n + BigInt(recovered[0]),
  r: bytesToBigInt(recovered.subarray(1, 33)),
  s: bytesToBigInt(recovered.subarray(33, 65)),
};

describe("ecrecover (0x01)", () => {
  it("recovers the address of a well-known ethereum/tests signature", () => {
    const data = hexToBytes(
      "0x18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c" +
        "000000000000000000000000000000000000000000000000000000000000001c" +
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f" +
        "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    );
    const result = ecrecover(data, 3000, Fork.Frontier);
    expect(result).toMatchObject({ ok: true, gasUsed: 3000 });
    expect(bytesToHex(result.output)).toBe(`0x${"00".repeat(12)}a94f5374fce5edbc8e2a8697c15331677e6ebf0b`);
  });

  it("recovers the signer of a signature made with noble secp256k1", () => {
    const result = ecrecover(input(hash, sig.v, sig.r, sig.s), 3000, Fork.Cancun);
    expect(bytesToHex(result.output)).toBe(addressOf(secretKey));
  });

  it("accepts high-s signatures (no EIP-2 rule for the precompile)", () => {
    const flipped = input(hash, sig.v === 27n ? 28n : 27n, sig.r, N - sig.s);
    expect(bytesToHex(ecrecover(flipped, 3000, Fork.Cancun).output)).toBe(addressOf(secretKey));
  });

  it("returns empty output but charges 3000 gas for invalid v, r or s", () => {
    const cases = [
      input(hash, 29n, sig.r, sig.s),
      input(hash, 0n, sig.r, sig.s),
      input(hash, sig.v + (1n << 8n), sig.r, sig.s), // v must be exactly 27/28 as a whole word
      input(hash, sig.v, 0n, sig.s),
      input(hash, sig.v, N, sig.s),
      input(hash, sig.v, sig.r, 0n),
      input(hash, sig.v, sig.r, N),
    ];
    for (const data of cases)
      expect(ecrecover(data, 5000, Fork.Cancun)).toEqual({
        ok: true,
        gasUsed: 3000,
        output: new Uint8Array(0),
      });
  });

  it("returns empty output when r is not the x-coordinate of a curve point", () => {
    // x = 5: 5³ + 7 = 132 is not a square mod p.
    expect(ecrecover(input(hash, 27n, 5n, 1n), 3000, Fork.Cancun).output.length).toBe(0);
  });

  it("right-pads short input with zeros", () => {
    expect(ecrecover(new Uint8Array(0), 3000, Fork.Cancun)).toEqual({
      ok: true,
      gasUsed: 3000,
      output: new Uint8Array(0),
    });
    const short = input(hash, sig.v, sig.r, sig.s).subarray(0, 120);
    const padded = concatBytes(short, new Uint8Array(8));
    expect(ecrecover(short, 3000, Fork.Cancun)).toEqual(ecrecover(padded, 3000, Fork.Cancun));
  });

  it("fails with less than 3000 gas", () => {
    expect(ecrecover(input(hash, sig.v, sig.r, sig.s), 2999, Fork.Cancun).ok).toBe(false);
  });
});
