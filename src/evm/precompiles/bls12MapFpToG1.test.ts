import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12MapFpToG1 } from "./bls12MapFpToG1.js";
import { decodeG1 } from "./bls12381Points.js";

describe("bls12MapFpToG1 (0x10)", () => {
  it("maps the EIP-2537 vector matter_fp_to_g1_0 for 5500 gas", () => {
    const input = hexToBytes(
      "0x0000000000000000000000000000000014406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350",
    );
    const result = bls12MapFpToG1(input, 5500, Fork.Prague);
    expect(result.gasUsed).toBe(5500);
    expect(bytesToHex(result.output)).toBe(
      "0x000000000000000000000000000000000d7721bcdb7ce1047557776eb2659a444166dc6dd55c7ca6e240e21ae9aa18f529f04ac31d861b54faf3307692545db7" +
        "00000000000000000000000000000000108286acbdf4384f67659a8abe89e712a504cb3ce1cba07a716869025d60d499a00d1da8cdc92958918c222ea93d87f0",
    );
  });

  it("always lands in the G1 subgroup", () => {
    for (const u of [0n, 1n, 2n, 12345n]) {
      const output = bls12MapFpToG1(bigIntToBytes(u, 64), 5500, Fork.Prague).output;
      expect(decodeG1(output, 0, true), `u = ${u}`).toBeDefined();
    }
  });

  it("fails on an element ≥ p, wrong length, or short gas", () => {
    expect(bls12MapFpToG1(bigIntToBytes(bls12_381.fields.Fp.ORDER, 64), 5500, Fork.Prague).ok).toBe(false);
    expect(bls12MapFpToG1(new Uint8Array(63), 5500, Fork.Prague).ok).toBe(false);
    expect(bls12MapFpToG1(new Uint8Array(64), 5499, Fork.Prague).ok).toBe(false);
  });
});
