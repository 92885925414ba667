import { readFileSync } from "node:fs";
import { errorSummary } from "../stateTest/runStateTestCase.js";
import { type CaseResult, decodeFixture } from "../stateTest/runStateTestFile.js";
import { parseBlockchainTest } from "./parseBlockchainTest.js";
import { runBlockchainTest } from "./runBlockchainTest.js";

/**
 * Runs every test of one blockchain-test fixture file (`{testName: test}`), reporting each as a case
 * (`fork` = the test's network, `index` null) so the state-test report builder summarises them. An
 * unreadable file or test is one failed case naming it.
 */
export function runBlockchainTestFile(file: string, onResult: (result: CaseResult) => void): void {
  const fileFailed = (reason: string) =>
    onResult({ file, test: "", fork: "", index: null, status: "failed", reason });
  let fixture: unknown;
  try {
    fixture = decodeFixture(readFileSync(file));
  } catch (error) {
    fileFailed(`unreadable fixture: ${errorSummary(error)}`);
    return;
  }
  if (typeof fixture !== "object" || fixture === null || Array.isArray(fixture)) {
    fileFailed("malformed fixture: top level is not an object");
    return;
  }
  for (const [name, json] of Object.entries(fixture)) {
    const network =
      typeof (json as { network?: unknown })?.network === "string"
        ? (json as { network: string }).network
        : "";
    let verdict: { passed: boolean; reason?: string };
    try {
      verdict = runBlockchainTest(parseBlockchainTest(name, json));
    } catch (error) {
      verdict = { passed: false, reason: `malformed fixture: ${errorSummary(error)}` };
    }
    onResult({
      file,
      test: name,
      fork: network,
      index: null,
      ...(verdict.passed ? { status: "passed" } : { status: "failed", reason: verdict.reason }),
    });
  }
}
