import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bn254Add } from "./bn254Add.js";

const ZERO_POINT = `0x${"00".repeat(64)}`;
const G1 =
  "0000000000000000000000000000000000000000000000000000000000000001" +
  "0000000000000000000000000000000000000000000000000000000000000002";

describe("bn254Add (0x06)", () => {
  it("adds two points (EIP-196 vector chfast1)", () => {
    const input = hexToBytes(
      "0x18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266" +
        "07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
    );
    const result = bn254Add(input, 150, Fork.Istanbul);
    expect(result.ok).toBe(true);
    expect(bytesToHex(result.output)).toBe(
      "0x2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915",
    );
  });

  it("doubles the generator and returns infinity for P + (−P)", () => {
    expect(bytesToHex(bn254Add(hexToBytes(`0x${G1}${G1}`), 150, Fork.Istanbul).output)).toBe(
      "0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4",
    );
    const negG1 =
      "0000000000000000000000000000000000000000000000000000000000000001" +
      "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45";
    expect(bytesToHex(bn254Add(hexToBytes(`0x${G1}${negG1}`), 150, Fork.Istanbul).output)).toBe(ZERO_POINT);
  });

  it("zero-pads short input: empty input is infinity + infinity", () => {
    expect(bn254Add(new Uint8Array(0), 150, Fork.Istanbul)).toEqual({
      ok: true,
      gasUsed: 150,
      output: hexToBytes(ZERO_POINT),
    });
    expect(bytesToHex(bn254Add(hexToBytes(`0x${G1}`), 150, Fork.Istanbul).output)).toBe(`0x${G1}`);
  });

  it("fails on a point off the curve or a coordinate ≥ p", () => {
    const offCurve =
      "0000000000000000000000000000000000000000000000000000000000000001" +
      "0000000000000000000000000000000000000000000000000000000000000003";
    expect(bn254Add(hexToBytes(`0x${offCurve}${G1}`), 150, Fork.Istanbul).ok).toBe(false);
    const p = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";
    // (p, 2) is (0, 2) mod p, off the curve anyway; the range check must reject it before any reduction.
    expect(bn254Add(hexToBytes(`0x${p}${"00".repeat(31)}02${G1}`), 150, Fork.Istanbul).ok).toBe(false);
  });

  it("costs 500 gas before Istanbul and 150 after (EIP-1108)", () => {
    expect(bn254Add(new Uint8Array(0), 500, Fork.Byzantium).gasUsed).toBe(500);
    expect(bn254Add(new Uint8Array(0), 499, Fork.Byzantium).ok).toBe(false);
    expect(bn254Add(new Uint8Array(0), 149, Fork.Istanbul).ok).toBe(false);
  });
});
