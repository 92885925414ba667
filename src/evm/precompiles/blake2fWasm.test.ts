import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("blake2fWasm.ts (generated)", () => {
  it("matches what scripts/compile-blake2f.mjs makes of blake2f.wat (else: npm run compile:blake2f)", () => {
    expect(() =>
      execFileSync(process.execPath, ["scripts/compile-blake2f.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });
});
