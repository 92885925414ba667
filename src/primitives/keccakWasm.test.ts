import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("keccakWasm.ts (generated)", () => {
  it("is what scripts/compile-keccak.mjs generates now (run `npm run compile:keccak` if not)", () => {
    expect(() =>
      execFileSync(process.execPath, ["scripts/compile-keccak.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });
});
