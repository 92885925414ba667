import { describe, expect, it } from "vitest";
import type { CaseResult } from "../../../src/chain/stateTest/runStateTestFile.js";
import { StateTestReportBuilder } from "../../../src/chain/stateTest/stateTestReport.js";

const index = { data: 0, gas: 1, value: 2 };
function result(fork: string, status: CaseResult["status"], reason?: string): CaseResult {
  return { file: "f.json", test: "t", fork, index, status, ...(reason ? { reason } : {}) };
}

describe("StateTestReportBuilder", () => {
  it("counts totals and per-fork tallies, listing failures and skips", () => {
    const builder = new StateTestReportBuilder();
    builder.add(result("Cancun", "passed"));
    builder.add(result("Cancun", "failed", "state root mismatch"));
    builder.add(result("Frontier", "passed"));
    builder.add(result("ShanghaiToCancunAtTime15k", "skipped", "unknown fork"));
    expect(builder.build()).toEqual({
      total: 4,
      passed: 2,
      failed: 1,
      skipped: 1,
      byFork: {
        Frontier: { passed: 1, failed: 0, skipped: 0 },
        Cancun: { passed: 1, failed: 1, skipped: 0 },
        ShanghaiToCancunAtTime15k: { passed: 0, failed: 0, skipped: 1 },
      },
      failures: [{ file: "f.json", test: "t", fork: "Cancun", index, reason: "state root mismatch" }],
      skips: [{ file: "f.json", test: "t", fork: "ShanghaiToCancunAtTime15k", reason: "unknown fork" }],
    });
  });

  it("orders forks by activation, not alphabetically", () => {
    const builder = new StateTestReportBuilder();
    for (const fork of ["Prague", "Berlin", "ConstantinopleFix", "Cancun"])
      builder.add(result(fork, "passed"));
    expect(Object.keys(builder.build().byFork)).toEqual(["ConstantinopleFix", "Berlin", "Cancun", "Prague"]);
  });

  it("counts a file-level failure in the totals and failures but under no fork", () => {
    const builder = new StateTestReportBuilder();
    builder.add({
      file: "bad.json",
      test: "",
      fork: "",
      index: null,
      status: "failed",
      reason: "unreadable",
    });
    const report = builder.build();
    expect([report.total, report.failed, report.failures[0].index, report.byFork]).toEqual([1, 1, null, {}]);
  });
});
