import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { sha256 } from "./sha256.js";

const abc = new TextEncoder().encode("abc");

describe("sha256 (0x02)", () => {
  it("hashes 'abc' for 60 + 12 gas", () => {
    const result = sha256(abc, 72, Fork.Frontier);
    expect(result).toMatchObject({ ok: true, gasUsed: 72 });
    expect(bytesToHex(result.output)).toBe(
      "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("hashes empty input for 60 gas and fails below", () => {
    expect(bytesToHex(sha256(new Uint8Array(0), 60, Fork.Frontier).output)).toBe(
      "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(sha256(new Uint8Array(0), 59, Fork.Frontier).ok).toBe(false);
  });

  it("charges per started 32-byte word", () => {
    expect(sha256(new Uint8Array(64), 1000, Fork.Frontier).gasUsed).toBe(60 + 24);
    expect(sha256(new Uint8Array(65), 1000, Fork.Frontier).gasUsed).toBe(60 + 36);
  });
});
