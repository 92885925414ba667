import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bn254Mul } from "./bn254Mul.js";

const POINT =
  "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff81504b0fcd6d7cf59996efdc33d92bf7f9f8f6";

describe("bn254Mul (0x07)", () => {
  it("multiplies by a full 256-bit scalar (EIP-196 vector cdetrio1)", () => {
    const result = bn254Mul(hexToBytes(`0x${POINT}${"ff".repeat(32)}`), 6000, Fork.Istanbul);
    expect(result.ok).toBe(true);
    expect(bytesToHex(result.output)).toBe(
      "0x2cde5879ba6f13c0b5aa4ef627f159a3347df9722efce88a9afbb20b763b4c411aa7e43076f6aee272755a7f9b84832e71559ba0d2e0b17d5f9f01755e5b0d11",
    );
  });

  it("multiplies by 9 and by the group order (→ infinity)", () => {
    expect(
      bytesToHex(bn254Mul(hexToBytes(`0x${POINT}${"00".repeat(31)}09`), 6000, Fork.Istanbul).output),
    ).toBe(
      "0x1dbad7d39dbc56379f78fac1bca147dc8e66de1b9d183c7b167351bfe0aeab742cd757d51289cd8dbd0acf9e673ad67d0f0a89f912af47ed1be53664f5692575",
    );
    const order = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001";
    expect(bn254Mul(hexToBytes(`0x${POINT}${order}`), 6000, Fork.Istanbul).output).toEqual(
      new Uint8Array(64),
    );
  });

  it("zero-pads a missing scalar to 0", () => {
    expect(bn254Mul(hexToBytes(`0x${POINT}`), 6000, Fork.Istanbul)).toEqual({
      ok: true,
      gasUsed: 6000,
      output: new Uint8Array(64),
    });
  });

  it("fails on a point off the curve", () => {
    expect(
      bn254Mul(
        hexToBytes(`0x${"00".repeat(31)}01${"00".repeat(31)}03${"00".repeat(31)}02`),
        6000,
        Fork.Istanbul,
      ).ok,
    ).toBe(false);
  });

  it("costs 40000 gas before Istanbul and 6000 after (EIP-1108)", () => {
    expect(bn254Mul(new Uint8Array(0), 40000, Fork.Byzantium).gasUsed).toBe(40000);
    expect(bn254Mul(new Uint8Array(0), 39999, Fork.Byzantium).ok).toBe(false);
    expect(bn254Mul(new Uint8Array(0), 5999, Fork.Istanbul).ok).toBe(false);
  });
});
