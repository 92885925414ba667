import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../fixtures/fixturesDir.js";

/**
 * secp256k1 and c-kzg are optional native addons: npm leaves them out when their build fails, and they
 * are never built where install scripts do not run. The built package must then fall back to
 * @noble/curves and give the same answers. The probe runs in a child process on dist/ (built by
 * pretest), once as installed and once with both addons hidden from `require`.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const root = fixturesDir();
const block = root === undefined ? undefined : join(root, "mainnet", "4370000.json.gz");
const blockArgs = block !== undefined && existsSync(block) ? [block] : [];

interface Probe {
  nativeSecp256k1: boolean;
  kzg: "c-kzg" | "noble";
  recoveryMismatches: number;
  kzgValid: boolean;
  block?: { passed: boolean; sendersMatchFrom: boolean };
}

function probe(nodeArgs: string[]): Probe {
  const out = execFileSync(
    process.execPath,
    [...nodeArgs, "test/fixtures/nativeCryptoProbe.mjs", ...blockArgs],
    {
      cwd: REPO,
      encoding: "utf8",
    },
  );
  return JSON.parse(out) as Probe;
}

describe("native crypto addons absent", () => {
  it(`falls back to @noble/curves for sender recovery and KZG with the same results${blockArgs.length ? " (block 4370000 too)" : " (no mainnet fixtures: signatures only)"}`, () => {
    const hidden = probe(["--require", "./test/fixtures/hideNativeAddons.cjs"]);
    expect(hidden.nativeSecp256k1).toBe(false);
    expect(hidden.kzg).toBe("noble");
    expect(hidden.recoveryMismatches).toBe(0);
    expect(hidden.kzgValid).toBe(true);
    const installed = probe([]);
    expect(installed.recoveryMismatches).toBe(0);
    expect(installed.kzgValid).toBe(true);
    if (blockArgs.length > 0) {
      expect(hidden.block).toEqual({ passed: true, sendersMatchFrom: true });
      expect(installed.block).toEqual(hidden.block);
    }
  });
});
