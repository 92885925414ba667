import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type Fork, parseFork } from "../../evm/fork.js";
import { stateTestBlockHashes } from "./buildPreState.js";
import { parsePostCase, parseStateTest, readCaseIndexes } from "./parseStateTest.js";
import { type ApplyTransactionFn, errorSummary, runStateTestCase } from "./runStateTestCase.js";
import type { CaseIndexes, StateTest } from "./stateTestModel.js";

/**
 * The result of one (test, fork, index) case. A fixture too broken to enumerate its cases yields one
 * failed result with `fork` "" (file or test level) and/or `index` null.
 */
export interface CaseResult {
  file: string;
  test: string;
  /** The fork name as the fixture writes it ("ConstantinopleFix", "Cancun"). */
  fork: string;
  index: CaseIndexes | null;
  status: "passed" | "failed" | "skipped";
  /** Why it failed or was skipped; absent when passed. */
  reason?: string;
}

/** Which cases to run and on what. */
export interface StateTestRunOptions {
  /** Run only the cases of this fork (fixture names resolve through parseFork, so aliases match). */
  fork?: Fork;
  /** Replaces the executor (for testing the runner itself). */
  execute?: ApplyTransactionFn;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

function tryParseFork(name: string): Fork | undefined {
  try {
    return parseFork(name);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Decodes a fixture file's bytes: gunzips when gzip-compressed (by magic number), then parses JSON. */
export function decodeFixture(contents: Uint8Array): unknown {
  const isGzip = contents.length >= 2 && contents[0] === GZIP_MAGIC_0 && contents[1] === GZIP_MAGIC_1;
  const json = isGzip ? gunzipSync(contents) : contents;
  return JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString("utf8"));
}

/**
 * One case of a fixture as enumerated before anything runs: which (test, fork, index) it is, and how
 * to get its result. Planning first lets a caller (the worker pool) announce every case of a file up
 * front, so a file cut short by a timeout still reports each case it did not finish.
 */
export interface PlannedCase {
  test: string;
  fork: string;
  index: CaseIndexes | null;
  /** Runs the case; a skip or a malformed part decided while planning is returned as is. */
  run(): CaseResult;
}

function decided(result: CaseResult): PlannedCase {
  return { test: result.test, fork: result.fork, index: result.index, run: () => result };
}

/**
 * Enumerates every selected case of one state-test fixture (`{testName: test}`) in the order they
 * run: tests, then forks, then post entries, as the fixture lists them. Nothing is executed; the
 * file is decoded once, and each test's env, pre-state and transaction are decoded on the first
 * `run()` that needs them (a filtered-out test costs nothing). A malformed part plans one failed
 * case for what depends on it, naming the file, test and field.
 */
export function planStateTestFixture(
  file: string,
  contents: Uint8Array,
  options: StateTestRunOptions,
): PlannedCase[] {
  const fileFailure = (reason: string) =>
    decided({ file, test: "", fork: "", index: null, status: "failed", reason });
  let fixture: unknown;
  try {
    fixture = decodeFixture(contents);
  } catch (error) {
    return [fileFailure(`unreadable fixture: ${errorSummary(error)}`)];
  }
  if (!isObject(fixture)) return [fileFailure("malformed fixture: top level is not an object")];
  const planned: PlannedCase[] = [];
  for (const [testName, testJson] of Object.entries(fixture)) {
    planTest(file, testName, testJson, options, planned);
  }
  return planned;
}

/**
 * Runs every selected case of one state-test fixture, reporting each through `onResult` in plan
 * order (see planStateTestFixture).
 */
export function runStateTestFixture(
  file: string,
  contents: Uint8Array,
  options: StateTestRunOptions,
  onResult: (result: CaseResult) => void,
): void {
  for (const planned of planStateTestFixture(file, contents, options)) onResult(planned.run());
}

function planTest(
  file: string,
  test: string,
  testJson: unknown,
  options: StateTestRunOptions,
  planned: PlannedCase[],
): void {
  const fail = (fork: string, index: CaseIndexes | null, reason: string) =>
    planned.push(decided({ file, test, fork, index, status: "failed", reason }));
  if (!isObject(testJson) || !isObject(testJson.post)) {
    fail(
      "",
      null,
      `malformed fixture: ${isObject(testJson) ? "missing or invalid field post" : "test is not an object"}`,
    );
    return;
  }

  // Decoded on first use: a filtered-out test costs nothing.
  let decoded: { test: StateTest; blockHashes: [bigint, Uint8Array][] } | { error: string } | undefined;
  const decode = () => {
    if (decoded === undefined) {
      try {
        const parsed = parseStateTest(test, testJson);
        decoded = { test: parsed, blockHashes: stateTestBlockHashes(parsed.env.number) };
      } catch (error) {
        decoded = { error: `malformed fixture: ${errorSummary(error)}` };
      }
    }
    return decoded;
  };

  for (const [forkName, entries] of Object.entries(testJson.post)) {
    const fork = tryParseFork(forkName);
    if (options.fork !== undefined && fork !== options.fork) continue;
    if (!Array.isArray(entries)) {
      fail(forkName, null, `malformed fixture: post.${forkName} is not an array`);
      continue;
    }
    entries.forEach((entry, i) => {
      const path = `post.${forkName}[${i}]`;
      if (fork === undefined) {
        planned.push(
          decided({
            file,
            test,
            fork: forkName,
            index: readCaseIndexes(entry),
            status: "skipped",
            reason: `fork ${JSON.stringify(forkName)} is not known to this EVM`,
          }),
        );
        return;
      }
      let postCase: ReturnType<typeof parsePostCase>;
      try {
        postCase = parsePostCase(entry, path);
      } catch (error) {
        fail(forkName, readCaseIndexes(entry), `malformed fixture: ${errorSummary(error)}`);
        return;
      }
      const run = (): CaseResult => {
        const result = { file, test, fork: forkName, index: postCase.indexes };
        const body = decode();
        if ("error" in body) return { ...result, status: "failed", reason: body.error };
        const verdict = runStateTestCase(body.test, postCase, fork, body.blockHashes, options.execute);
        return verdict.passed
          ? { ...result, status: "passed" }
          : { ...result, status: "failed", reason: verdict.reason };
      };
      planned.push({ test, fork: forkName, index: postCase.indexes, run });
    });
  }
}

/**
 * Reads one fixture file and plans its cases (see planStateTestFixture); an unreadable file plans
 * one failed case, not a throw.
 */
export function planStateTestFile(file: string, options: StateTestRunOptions): PlannedCase[] {
  let contents: Uint8Array;
  try {
    contents = readFileSync(file);
  } catch (error) {
    return [
      decided({
        file,
        test: "",
        fork: "",
        index: null,
        status: "failed",
        reason: `unreadable file: ${errorSummary(error)}`,
      }),
    ];
  }
  return planStateTestFixture(file, contents, options);
}

/** Reads and runs one fixture file; an unreadable file is one failed result, not a throw. */
export function runStateTestFile(
  file: string,
  options: StateTestRunOptions,
  onResult: (result: CaseResult) => void,
): void {
  for (const planned of planStateTestFile(file, options)) onResult(planned.run());
}
