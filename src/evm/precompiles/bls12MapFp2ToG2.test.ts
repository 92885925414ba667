import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToHex, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12MapFp2ToG2 } from "./bls12MapFp2ToG2.js";
import { decodeG2 } from "./bls12381Points.js";

describe("bls12MapFp2ToG2 (0x11)", () => {
  it("maps the EIP-2537 vector matter_fp2_to_g2_0 for 23800 gas", () => {
    const input = hexToBytes(
      "0x0000000000000000000000000000000014406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350" +
        "000000000000000000000000000000000e885bb33996e12f07da69073e2c0cc880bc8eff26d2a724299eb12d54f4bcf26f4748bb020e80a7e3794a7b0e47a641",
    );
    const result = bls12MapFp2ToG2(input, 23800, Fork.Prague);
    expect(result.gasUsed).toBe(23800);
    expect(bytesToHex(result.output)).toBe(
      "0x000000000000000000000000000000000d029393d3a13ff5b26fe52bd8953768946c5510f9441f1136f1e938957882db6adbd7504177ee49281ecccba596f2bf" +
        "000000000000000000000000000000001993f668fb1ae603aefbb1323000033fcb3b65d8ed3bf09c84c61e27704b745f540299a1872cd697ae45a5afd780f1d6" +
        "00000000000000000000000000000000079cb41060ef7a128d286c9ef8638689a49ca19da8672ea5c47b6ba6dbde193ee835d3b87a76a689966037c07159c10d" +
        "0000000000000000000000000000000017c688ae9a8b59a7069c27f2d58dd2196cb414f4fb89da8510518a1142ab19d158badd1c3bad03408fafb1669903cd6c",
    );
  });

  it("always lands in the G2 subgroup", () => {
    const output = bls12MapFp2ToG2(new Uint8Array(128), 23800, Fork.Prague).output;
    expect(decodeG2(output, 0, true)).toBeDefined();
  });

  it("fails when either component is ≥ p, on wrong length, or short gas", () => {
    const p = bigIntToBytes(bls12_381.fields.Fp.ORDER, 64);
    expect(bls12MapFp2ToG2(concatBytes(new Uint8Array(64), p), 23800, Fork.Prague).ok).toBe(false);
    expect(bls12MapFp2ToG2(concatBytes(p, new Uint8Array(64)), 23800, Fork.Prague).ok).toBe(false);
    expect(bls12MapFp2ToG2(new Uint8Array(127), 23800, Fork.Prague).ok).toBe(false);
    expect(bls12MapFp2ToG2(new Uint8Array(128), 23799, Fork.Prague).ok).toBe(false);
  });
});
