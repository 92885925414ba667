import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseResult } from "../../../src/chain/stateTest/runStateTestFile.js";
import { runStateTestPool } from "../../../src/chain/stateTest/runStateTestPool.js";
import { fixturesDir, listFixtureFiles } from "../../fixtures/fixturesDir.js";

// A representative slice of the state tests, run through the worker pool on every `npm test`:
// every fork from Frontier to Osaka (each execution-spec-tests fork folder, with its EIPs: Cancun
// blobs, TSTORE, MCOPY, EIP-6780; Prague 7702, 7623, BLS 2537; Osaka CLZ, modexp, P-256, 7825) and
// the classic call, create, storage, refund, precompile and VM suites from both trees. About
// 1,300 files and 19,000 cases, ~15 s of one core. The full run is `npm run test:state`.

/** GeneralStateTests folders in the slice (all their files). */
const GENERAL_STATE_TESTS = [
  "Cancun",
  "Pyspecs",
  "Shanghai",
  "VMTests/vmArithmeticTest",
  "VMTests/vmBitwiseLogicOperation",
  "VMTests/vmIOandFlowOperations",
  "VMTests/vmLogTest",
  "VMTests/vmTests",
  "stCallCodes",
  "stCallCreateCallCodeTest",
  "stCallDelegateCodesCallCodeHomestead",
  "stCallDelegateCodesHomestead",
  "stCreate2",
  "stCreateTest",
  "stDelegatecallTestHomestead",
  "stEIP1559",
  "stEIP2930",
  "stExtCodeHash",
  "stLogTests",
  "stMemoryTest",
  "stPreCompiledContracts",
  "stPreCompiledContracts2",
  "stRefundTest",
  "stReturnDataTest",
  "stRevertTest",
  "stSStoreTest",
  "stSelfBalance",
  "stSystemOperationsTest",
  "stTransactionTest",
];

/** execution-spec-tests state_tests folders in the slice: every fork, and classic suites up to Osaka. */
const EXECUTION_SPEC_TESTS = [
  "frontier",
  "homestead",
  "byzantium",
  "constantinople",
  "istanbul",
  "berlin",
  "london",
  "paris",
  "shanghai",
  "cancun",
  "prague",
  "osaka",
  "static/state_tests/VMTests",
  "static/state_tests/stCallCodes",
  "static/state_tests/stCreate2",
  "static/state_tests/stCreateTest",
  "static/state_tests/stPreCompiledContracts",
  "static/state_tests/stRefundTest",
  "static/state_tests/stSStoreTest",
];

/** Files of those folders left to `npm run test:state`: each takes over 1 s of one core. */
const SLOW = [
  "Pyspecs/cancun/eip1153_tstore/run_until_out_of_gas.json.gz",
  "Pyspecs/cancun/eip4844_blobs/invalid_precompile_calls.json.gz",
  "stPreCompiledContracts2/CALLBlake2f.json.gz",
  "stPreCompiledContracts2/CALLCODEBlake2f.json.gz",
  "cancun/eip1153_tstore/test_run_until_out_of_gas.json.gz",
  "cancun/eip4844_blobs/test_call_opcode_types.json.gz",
  "osaka/eip7825_transaction_gas_limit_cap/test_tx_gas_limit_cap_authorized_tx.json.gz",
  "prague/eip2537_bls_12_381_precompiles/test_call_types.json.gz",
  "prague/eip2537_bls_12_381_precompiles/test_valid_gas_g1msm.json.gz",
  "prague/eip2537_bls_12_381_precompiles/test_valid_gas_g2msm.json.gz",
  "prague/eip7702_set_code_tx/test_gas_cost.json.gz",
];

/** Every fork the slice must reach, as the fixtures name them. */
const FORKS = [
  "Frontier",
  "Homestead",
  "Byzantium",
  "ConstantinopleFix",
  "Istanbul",
  "Berlin",
  "London",
  "Paris",
  "Shanghai",
  "Cancun",
  "Prague",
  "Osaka",
];

function sliceOf(tree: string, folders: readonly string[]): string[] {
  return folders.flatMap((folder) => {
    const dir = join(tree, folder);
    if (!existsSync(dir)) return [];
    return listFixtureFiles(dir).filter((file) => !SLOW.includes(relative(tree, file)));
  });
}

const root = fixturesDir();
const trees = root
  ? ([
      [join(root, "ethereum-tests", "GeneralStateTests"), GENERAL_STATE_TESTS],
      [join(root, "execution-spec-tests", "state_tests"), EXECUTION_SPEC_TESTS],
    ] as const)
  : [];
const present = trees.filter(([tree]) => existsSync(tree));
const files = present.flatMap(([tree, folders]) => sliceOf(tree, folders));

function describeFailure(r: CaseResult): string {
  const index = r.index ? ` [d${r.index.data} g${r.index.gas} v${r.index.value}]` : "";
  return `${root ? relative(root, r.file) : r.file} :: ${r.test || "(file)"} :: ${r.fork}${index}: ${r.reason}`;
}

if (present.length < trees.length || trees.length === 0) {
  describe.skip("state-test slice", () => {
    it("GeneralStateTests or execution-spec-tests state_tests fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures", () => {});
  });
} else {
  describe("state-test slice (GeneralStateTests + execution-spec-tests state_tests)", () => {
    it("passes every case, on every fork", { timeout: 300_000 }, async () => {
      const results = await runStateTestPool(files, { timeoutPerFileSeconds: 60 });
      expect(results.filter((r) => r.status !== "passed").map(describeFailure)).toEqual([]);
      expect(results.length).toBeGreaterThan(15_000);
      const forks = new Set(results.map((r) => r.fork));
      expect(FORKS.filter((fork) => !forks.has(fork))).toEqual([]);
    });
  });
}
