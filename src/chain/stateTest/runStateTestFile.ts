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
 * Runs every selected case of one state-test fixture (`{testName: test}`), reporting each through
 * `onResult`. The file is decoded once and each test's env, pre-state and transaction once; a
 * malformed part fails the cases that depend on it, naming the file, test and field.
 */
export function runStateTestFixture(
  file: string,
  contents: Uint8Array,
  options: StateTestRunOptions,
  onResult: (result: CaseResult) => void,
): void {
  let fixture: unknown;
  try {
    fixture = decodeFixture(contents);
  } catch (error) {
    onResult({
      file,
      test: "",
      fork: "",
      index: null,
      status: "failed",
      reason: `unreadable fixture: ${errorSummary(error)}`,
    });
    return;
  }
  if (!isObject(fixture)) {
    onResult({
      file,
      test: "",
      fork: "",
      index: null,
      status: "failed",
      reason: "malformed fixture: top level is not an object",
    });
    return;
  }
  for (const [testName, testJson] of Object.entries(fixture)) {
    runTest(file, testName, testJson, options, onResult);
  }
}

function runTest(
  file: string,
  test: string,
  testJson: unknown,
  options: StateTestRunOptions,
  onResult: (result: CaseResult) => void,
): void {
  const fail = (fork: string, index: CaseIndexes | null, reason: string) =>
    onResult({ file, test, fork, index, status: "failed", reason });
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
        onResult({
          file,
          test,
          fork: forkName,
          index: readCaseIndexes(entry),
          status: "skipped",
          reason: `fork ${JSON.stringify(forkName)} is not known to this EVM`,
        });
        return;
      }
      let postCase: ReturnType<typeof parsePostCase>;
      try {
        postCase = parsePostCase(entry, path);
      } catch (error) {
        fail(forkName, readCaseIndexes(entry), `malformed fixture: ${errorSummary(error)}`);
        return;
      }
      const body = decode();
      if ("error" in body) {
        fail(forkName, postCase.indexes, body.error);
        return;
      }
      const verdict = runStateTestCase(body.test, postCase, fork, body.blockHashes, options.execute);
      onResult({
        file,
        test,
        fork: forkName,
        index: postCase.indexes,
        ...(verdict.passed ? { status: "passed" } : { status: "failed", reason: verdict.reason }),
      });
    });
  }
}

/** Reads and runs one fixture file; an unreadable file is one failed result, not a throw. */
export function runStateTestFile(
  file: string,
  options: StateTestRunOptions,
  onResult: (result: CaseResult) => void,
): void {
  let contents: Uint8Array;
  try {
    contents = readFileSync(file);
  } catch (error) {
    onResult({
      file,
      test: "",
      fork: "",
      index: null,
      status: "failed",
      reason: `unreadable file: ${errorSummary(error)}`,
    });
    return;
  }
  runStateTestFixture(file, contents, options, onResult);
}
