import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import type { CaseResult } from "../chain/stateTest/runStateTestFile.js";
import { DEFAULT_TIMEOUT_PER_FILE_SECONDS, runStateTestPool } from "../chain/stateTest/runStateTestPool.js";
import { StateTestReportBuilder } from "../chain/stateTest/stateTestReport.js";
import { type Fork, parseFork } from "../evm/fork.js";
import { PevmError } from "../primitives/errors.js";
import { type CliIo, filesOrUsageError } from "./cliIo.js";
import { findFixtureFiles } from "./findFixtureFiles.js";
import { formatStateTestSummary } from "./formatStateTestSummary.js";
import { startStateTestProgress } from "./stateTestProgress.js";

function parseForkOption(name: string): Fork {
  try {
    return parseFork(name);
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof PevmError ? `${error.shortMessage}. ${error.details ?? ""}` : String(error),
    );
  }
}

function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, got ${JSON.stringify(text)}`);
  }
  return value;
}

function parsePositiveSeconds(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`expected a number of seconds above 0, got ${JSON.stringify(text)}`);
  }
  return value;
}

interface StatetestOptions {
  fork?: Fork;
  json?: boolean;
  jobs?: number;
  timeoutPerFile: number;
  reportFile?: string;
}

/**
 * Registers `statetest <file-or-dir>... [--fork <name>] [--json] [--jobs <n>] [--timeout-per-file <s>]
 * [--report-file <path>]` on `program`: runs every case of the state-test fixtures found across a
 * pool of worker threads, prints a per-fork summary (or one JSON report with `--json`), optionally
 * writes the JSON report to a file, and sets exit code 1 when any case failed (a timed-out case is
 * a failure).
 */
export function registerStatetestCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command("statetest")
    .description("run ethereum/tests GeneralStateTests and execution-spec-tests state_tests fixtures")
    .argument("<paths...>", "fixture files, or directories walked for *.json and *.json.gz")
    .option(
      "--fork <name>",
      "run only the cases of this fork (e.g. Cancun, ConstantinopleFix)",
      parseForkOption,
    )
    .option("--json", "print one JSON report on stdout instead of the summary table")
    .option(
      "--jobs <n>",
      `worker threads running fixture files at once (default: ${availableParallelism()}, the available parallelism)`,
      parsePositiveInteger,
    )
    .option(
      "--timeout-per-file <seconds>",
      "fail the unfinished cases of a file that runs longer than this",
      parsePositiveSeconds,
      DEFAULT_TIMEOUT_PER_FILE_SECONDS,
    )
    .option("--report-file <path>", "also write the JSON report to this file")
    .action(async (paths: string[], options: StatetestOptions, command: Command) => {
      const files = filesOrUsageError(command, () => findFixtureFiles(paths));
      const progress = startStateTestProgress(io, files.length);
      let results: CaseResult[];
      try {
        results = await runStateTestPool(files, {
          fork: options.fork,
          jobs: options.jobs,
          timeoutPerFileSeconds: options.timeoutPerFile,
          onResult: progress?.onResult,
          onFileDone: progress?.onFileDone,
        });
      } finally {
        progress?.stop();
      }

      // Added in file order, whatever order the workers finished in, so the report is the same on
      // every run and every machine.
      const builder = new StateTestReportBuilder();
      for (const result of results) builder.add(result);
      const report = builder.build();
      const json = `${JSON.stringify(report)}\n`;
      if (options.reportFile !== undefined) {
        writeFileSync(options.reportFile, json);
        io.stderr.write(`statetest: JSON report written to ${options.reportFile}\n`);
      }
      io.stdout.write(options.json ? json : formatStateTestSummary(report));
      setExitCode(report.failed > 0 ? 1 : 0);
    });
}
