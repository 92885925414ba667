import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithFixtures } from "../../../test/fixtures/describeWithFixtures.js";
import { fixturesDir, listFixtureFiles, readFixture } from "../../../test/fixtures/fixturesDir.js";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { keccak256 } from "../../primitives/keccak.js";
import { type Fork, parseFork } from "../fork.js";
import { getPrecompile } from "./registry.js";

/**
 * Runs the precompile calls of execution-spec-tests state tests straight through the registry, without an
 * EVM. Most precompile tests deploy one of a few wrapper contracts that copy the calldata to memory, CALL
 * the precompile with a fixed gas (or all gas), and store the outcome; parsing that wrapper gives the exact
 * precompile input and gas, and the post-state storage gives success, output size, output hash or words,
 * and (for the gas-measuring wrapper) the gas used. Tests with other contracts are skipped.
 */

const SUITES = [
  "byzantium/eip198_modexp_precompile",
  "istanbul/eip152_blake2",
  "cancun/eip4844_blobs",
  "prague/eip2537_bls_12_381_precompiles",
  "osaka/eip7823_modexp_upper_bounds",
  "osaka/eip7883_modexp_gas_increase",
  "osaka/eip7951_p256verify_precompiles",
];

// CALLDATACOPY(0, 0, CALLDATASIZE) [GAS] CALL(gas, address, 0, 0, CALLDATASIZE, retOffset ∈ {0, 0x200}, retSize)
const WRAPPER =
  /^0x366000600037(5a)?60[0-9a-f]{2}(?:6000|610200)3660006000(?:60([0-9a-f]{2})|61([0-9a-f]{4}))(?:60([0-9a-f]{2})|61([0-9a-f]{4})|62([0-9a-f]{6})|63([0-9a-f]{8})|(5a))f1/;
const GAS_USED_AT_SLOT_2 = "61007a019003600255"; // gasBefore − gasAfter − overhead → slot 2
const OUTPUT_WORDS_AT_0X200 = "610200516001556102205160025500"; // mload(0x200), mload(0x220) → slots 1, 2

interface StateTest {
  pre: Record<string, { code: string }>;
  transaction: { to?: string; data: string[]; gasLimit: string[] };
  post: Record<
    string,
    {
      indexes: { data: number; gas: number };
      expectException?: string;
      state: Record<string, { storage?: Record<string, string> }>;
    }[]
  >;
}

interface Tally {
  checked: number;
  mismatches: string[];
}

function checkTest(name: string, test: StateTest, tally: Tally): void {
  const to = test.transaction.to;
  const code = to === undefined ? "" : (test.pre[to]?.code ?? "");
  const m = WRAPPER.exec(code);
  if (!m || to === undefined) return;
  const id = Number.parseInt(m[2] ?? m[3], 16);
  const allGas = m[8] !== undefined;
  const fixedGas = allGas ? 0 : Number.parseInt(m[4] ?? m[5] ?? m[6] ?? m[7], 16);
  const returnSizeSlot = /3d60([0-9a-f]{2})55/.exec(code)?.[1];
  const hashSlot = /3d600060003e3d600020(?:60([0-9a-f]{2}))55/.exec(code)?.[1];
  const address = new Uint8Array(20);
  address[18] = id >> 8;
  address[19] = id & 0xff;
  for (const [forkName, posts] of Object.entries(test.post)) {
    let fork: Fork;
    try {
      fork = parseFork(forkName);
    } catch {
      continue;
    }
    for (const post of posts) {
      if (post.expectException) continue;
      const input = hexToBytes(test.transaction.data[post.indexes.data]);
      const txGas = Number.parseInt(test.transaction.gasLimit[post.indexes.gas], 16);
      const upperBound = Math.floor((txGas * 63) / 64);
      // A fixed gas larger than what the 63/64 rule leaves would be capped by the EVM: skip those.
      if (!allGas && fixedGas + 60000 + 16 * input.length > upperBound) continue;
      const gas = allGas ? Math.floor(((txGas - 21000 - 16 * input.length - 1000) * 63) / 64) : fixedGas;
      const precompile = getPrecompile(address, fork);
      const result = precompile
        ? precompile(input, gas, fork)
        : { ok: true, gasUsed: 0, output: new Uint8Array(0) };
      // With "all gas" the exact amount is unknown; skip when the outcome depends on it.
      if (allGas && precompile && result.ok !== precompile(input, txGas, fork).ok) continue;
      const storage = post.state[to]?.storage ?? {};
      const slot = (key: string) => BigInt(storage[`0x${key}`] ?? "0x0");
      const problems: string[] = [];
      if ((slot("00") === 1n) !== result.ok)
        problems.push(`success ${result.ok}, expected ${slot("00") === 1n}`);
      if (result.ok && problems.length === 0) {
        if (returnSizeSlot && slot(returnSizeSlot) !== BigInt(result.output.length))
          problems.push("output length");
        if (
          hashSlot &&
          result.output.length > 0 &&
          slot(hashSlot) !== BigInt(bytesToHex(keccak256(result.output)))
        ) {
          problems.push("output hash");
        }
        if (code.includes(OUTPUT_WORDS_AT_0X200)) {
          const hex = bytesToHex(result.output).slice(2).padEnd(128, "0");
          if (
            slot("01") !== BigInt(`0x${hex.slice(0, 64)}`) ||
            slot("02") !== BigInt(`0x${hex.slice(64, 128)}`)
          ) {
            problems.push("output words");
          }
        }
        if (code.includes(GAS_USED_AT_SLOT_2) && slot("02") !== BigInt(result.gasUsed)) {
          problems.push(`gas ${result.gasUsed}, expected ${slot("02")}`);
        }
      }
      tally.checked++;
      if (problems.length > 0) tally.mismatches.push(`${name} [${forkName}]: ${problems.join(", ")}`);
    }
  }
}

const stateTestsRoot = (() => {
  const root = fixturesDir();
  return root === undefined ? undefined : join(root, "execution-spec-tests", "state_tests");
})();

describeWithFixtures(
  "precompiles against execution-spec-tests wrappers",
  "execution-spec-tests state_tests",
  stateTestsRoot,
  (root) => {
    for (const suite of SUITES) {
      it(suite, () => {
        const tally: Tally = { checked: 0, mismatches: [] };
        for (const file of listFixtureFiles(join(root, suite))) {
          for (const [name, test] of Object.entries(readFixture<Record<string, StateTest>>(file)))
            checkTest(name, test, tally);
        }
        expect(tally.mismatches.slice(0, 10)).toEqual([]);
        expect(
          tally.checked,
          "no precompile call recognised: did the wrapper contracts change?",
        ).toBeGreaterThan(0);
      });
    }
  },
);
