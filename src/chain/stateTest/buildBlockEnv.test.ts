import { describe, expect, it } from "vitest";
import { Fork } from "../../evm/fork.js";
import { bytesToHex } from "../../primitives/hex.js";
import { buildBlockEnv } from "./buildBlockEnv.js";
import type { StateTestEnv } from "./stateTestModel.js";

const random = new Uint8Array(32).fill(0xab);
const env: StateTestEnv = {
  coinbase: new Uint8Array(20).fill(1),
  gasLimit: 30_000_000n,
  number: 1n,
  timestamp: 1000n,
  difficulty: 0x20000n,
  random,
  baseFee: undefined,
  excessBlobGas: undefined,
};

describe("buildBlockEnv", () => {
  it("uses currentRandom as PREVRANDAO from Paris on", () => {
    expect(buildBlockEnv(env, Fork.Paris, 1n).prevRandao).toBe(random);
  });

  it("uses the difficulty as 32 bytes before Paris even when currentRandom is present", () => {
    expect(bytesToHex(buildBlockEnv(env, Fork.London, 1n).prevRandao)).toBe(`0x${"0".repeat(58)}020000`);
  });

  it("falls back to the difficulty after Paris when currentRandom is absent", () => {
    expect(bytesToHex(buildBlockEnv({ ...env, random: undefined }, Fork.Cancun, 1n).prevRandao)).toBe(
      `0x${"0".repeat(58)}020000`,
    );
  });

  it("defaults base fee and excess blob gas to 0 and carries the chain id", () => {
    const block = buildBlockEnv(env, Fork.Berlin, 7n);
    expect([block.baseFee, block.excessBlobGas, block.chainId]).toEqual([0n, 0n, 7n]);
  });

  it("keeps base fee and excess blob gas the fixture gives", () => {
    const block = buildBlockEnv({ ...env, baseFee: 10n, excessBlobGas: 0x60000n }, Fork.Cancun, 1n);
    expect([block.baseFee, block.excessBlobGas]).toEqual([10n, 0x60000n]);
  });
});
