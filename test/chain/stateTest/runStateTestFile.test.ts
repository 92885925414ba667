import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InvalidTransactionError } from "../../../src/chain/invalidTransactionError.js";
import type { ApplyTransactionFn } from "../../../src/chain/stateTest/runStateTestCase.js";
import {
  type CaseResult,
  planStateTestFixture,
  runStateTestFixture,
  type StateTestRunOptions,
} from "../../../src/chain/stateTest/runStateTestFile.js";
import { Fork } from "../../../src/evm/fork.js";
import { postEntry, SENDER, syntheticStateTest } from "./syntheticStateTest.js";

const rejectAll: ApplyTransactionFn = () => {
  throw new InvalidTransactionError("INTRINSIC_GAS_TOO_LOW", "stub");
};
const INTRINSIC = "TransactionException.INTRINSIC_GAS_TOO_LOW";

function runJson(fixture: unknown, options: StateTestRunOptions = {}, gzip = false): CaseResult[] {
  const text = Buffer.from(typeof fixture === "string" ? fixture : JSON.stringify(fixture));
  const results: CaseResult[] = [];
  runStateTestFixture("f.json", gzip ? gzipSync(text) : text, { execute: rejectAll, ...options }, (r) =>
    results.push(r),
  );
  return results;
}

describe("runStateTestFixture", () => {
  it("runs every (test, fork, index) case, plain or gzipped", () => {
    const fixture = {
      a: syntheticStateTest({
        Cancun: [
          postEntry({ expectException: INTRINSIC }),
          postEntry({ data: 1, expectException: INTRINSIC }),
        ],
      }),
      b: syntheticStateTest({ Berlin: [postEntry({ expectException: INTRINSIC })], Prague: [postEntry({})] }),
    };
    for (const gzip of [false, true]) {
      const results = runJson(fixture, {}, gzip);
      expect(results.map((r) => [r.test, r.fork, r.index?.data, r.status])).toEqual([
        ["a", "Cancun", 0, "passed"],
        ["a", "Cancun", 1, "passed"],
        ["b", "Berlin", 0, "passed"],
        ["b", "Prague", 0, "failed"],
      ]);
    }
  });

  it("runs only the selected fork, matching fixture aliases (ConstantinopleFix is Petersburg)", () => {
    const fixture = {
      t: syntheticStateTest({ ConstantinopleFix: [postEntry({})], Cancun: [postEntry({})] }),
    };
    expect(runJson(fixture, { fork: Fork.Petersburg }).map((r) => r.fork)).toEqual(["ConstantinopleFix"]);
  });

  it("skips a fork this EVM does not know, saying so, without running it", () => {
    const fixture = { t: syntheticStateTest({ CancunToPragueAtTime15k: [postEntry({ data: 1 })] }) };
    expect(
      runJson(fixture, {
        execute: () => {
          throw new Error("ran");
        },
      }),
    ).toEqual([
      {
        file: "f.json",
        test: "t",
        fork: "CancunToPragueAtTime15k",
        index: { data: 1, gas: 0, value: 0 },
        status: "skipped",
        reason: 'fork "CancunToPragueAtTime15k" is not known to this EVM',
      },
    ]);
  });

  it("reports bad JSON as one failure naming the file", () => {
    const [result, ...rest] = runJson("{ not json");
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ file: "f.json", test: "", fork: "", index: null, status: "failed" });
    expect(result.reason).toMatch(/^unreadable fixture: SyntaxError/);
  });

  it("reports a corrupt gzip stream as a failure", () => {
    const results: CaseResult[] = [];
    runStateTestFixture("f.json.gz", Uint8Array.of(0x1f, 0x8b, 1, 2, 3), {}, (r) => results.push(r));
    expect(results).toHaveLength(1);
    expect(results[0].reason).toMatch(/^unreadable fixture: /);
  });

  it("reports a top level that is not an object", () => {
    expect(runJson([1, 2])[0].reason).toBe("malformed fixture: top level is not an object");
  });

  it("reports a test without post", () => {
    const { post: _p, ...test } = syntheticStateTest({});
    expect(runJson({ t: test })).toEqual([
      {
        file: "f.json",
        test: "t",
        fork: "",
        index: null,
        status: "failed",
        reason: "malformed fixture: missing or invalid field post",
      },
    ]);
  });

  it("fails every case of a test whose pre-state is malformed, naming the field", () => {
    const test = syntheticStateTest({ Cancun: [postEntry({}), postEntry({ data: 1 })] });
    test.pre[SENDER].nonce = "0xnope";
    const results = runJson({ t: test });
    expect(results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(results[1].index).toEqual({ data: 1, gas: 0, value: 0 });
    expect(results[0].reason).toContain(`pre[${SENDER}].nonce`);
  });

  it("fails only the post entry that is malformed", () => {
    const { hash: _h, ...broken } = postEntry({ data: 1 });
    const results = runJson({
      t: syntheticStateTest({ Cancun: [broken, postEntry({ expectException: INTRINSIC })] }),
    });
    expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(results[0]).toMatchObject({
      index: { data: 1, gas: 0, value: 0 },
      reason: "malformed fixture: Missing field post.Cancun[0].hash",
    });
  });

  it("reports a post section that is not an array", () => {
    expect(runJson({ t: syntheticStateTest({ Cancun: "x" as never }) })[0]).toMatchObject({
      fork: "Cancun",
      index: null,
      reason: "malformed fixture: post.Cancun is not an array",
    });
  });
});

describe("planStateTestFixture", () => {
  it("enumerates every case, in run order, without executing any", () => {
    let executed = 0;
    const execute: ApplyTransactionFn = (...args) => {
      executed++;
      return rejectAll(...args);
    };
    const fixture = {
      a: syntheticStateTest({ Cancun: [postEntry({ expectException: INTRINSIC }), postEntry({ data: 1 })] }),
      b: syntheticStateTest({ CancunToPragueAtTime15k: [postEntry({})], Prague: [postEntry({})] }),
    };
    const planned = planStateTestFixture("f.json", Buffer.from(JSON.stringify(fixture)), { execute });
    expect(planned.map(({ test, fork, index }) => [test, fork, index?.data])).toEqual([
      ["a", "Cancun", 0],
      ["a", "Cancun", 1],
      ["b", "CancunToPragueAtTime15k", 0],
      ["b", "Prague", 0],
    ]);
    expect(executed).toBe(0);
    expect(planned.map((c) => c.run().status)).toEqual(["passed", "failed", "skipped", "failed"]);
    expect(executed).toBe(3);
  });
});
