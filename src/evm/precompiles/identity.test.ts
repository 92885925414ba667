import { describe, expect, it } from "vitest";
import { Fork } from "../fork.js";
import { identity } from "./identity.js";

describe("identity (0x04)", () => {
  it("returns a copy of its input for 15 + 3 gas per word", () => {
    const input = new Uint8Array(33).fill(7);
    const result = identity(input, 21, Fork.Frontier);
    expect(result).toMatchObject({ ok: true, gasUsed: 21 });
    expect(result.output).toEqual(input);
    expect(result.output).not.toBe(input);
  });

  it("charges 15 for empty input and fails one gas short", () => {
    expect(identity(new Uint8Array(0), 15, Fork.Cancun)).toMatchObject({ ok: true, gasUsed: 15 });
    expect(identity(new Uint8Array(0), 14, Fork.Cancun).ok).toBe(false);
  });
});
