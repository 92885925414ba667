import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { ecrecover } from "./ecrecover.js";
import { p256Verify } from "./p256Verify.js";
import { getPrecompile, precompileAddresses } from "./registry.js";

function address(id: number): Uint8Array {
  const out = new Uint8Array(20);
  out[18] = id >> 8;
  out[19] = id & 0xff;
  return out;
}

const ids = (fork: Fork) => precompileAddresses(fork).map((a) => (a[18] << 8) | a[19]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("precompile registry", () => {
  it("activates each precompile at its fork", () => {
    expect(ids(Fork.Frontier)).toEqual(range(1, 4));
    expect(ids(Fork.SpuriousDragon)).toEqual(range(1, 4));
    expect(ids(Fork.Byzantium)).toEqual(range(1, 8));
    expect(ids(Fork.Petersburg)).toEqual(range(1, 8));
    expect(ids(Fork.Istanbul)).toEqual(range(1, 9));
    expect(ids(Fork.Shanghai)).toEqual(range(1, 9));
    expect(ids(Fork.Cancun)).toEqual(range(1, 10));
    expect(ids(Fork.Prague)).toEqual(range(1, 0x11));
    expect(ids(Fork.Osaka)).toEqual([...range(1, 0x11), 0x100]);
  });

  it("agrees between getPrecompile and precompileAddresses for every fork and address", () => {
    for (let fork = Fork.Frontier; fork <= Fork.Osaka; fork++) {
      const active = new Set(ids(fork));
      for (let id = 0; id <= 0x101; id++) {
        expect(getPrecompile(address(id), fork) !== undefined, `${Fork[fork]} ${id}`).toBe(active.has(id));
      }
    }
  });

  it("finds the right function and ignores addresses with other high bytes", () => {
    expect(getPrecompile(address(1), Fork.Frontier)).toBe(ecrecover);
    expect(getPrecompile(address(0x100), Fork.Osaka)).toBe(p256Verify);
    const notPrecompile = address(1);
    notPrecompile[0] = 1;
    expect(getPrecompile(notPrecompile, Fork.Osaka)).toBeUndefined();
    expect(getPrecompile(address(0xffff), Fork.Osaka)).toBeUndefined();
    expect(getPrecompile(new Uint8Array(19), Fork.Osaka)).toBeUndefined();
  });

  it("hands out fresh address arrays", () => {
    const first = precompileAddresses(Fork.Cancun);
    first[0][19] = 0x42;
    expect(bytesToHex(precompileAddresses(Fork.Cancun)[0])).toBe(`0x${"00".repeat(19)}01`);
  });
});
