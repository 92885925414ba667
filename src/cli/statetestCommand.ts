import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import { type CaseResult, runStateTestFile } from "../chain/stateTest/runStateTestFile.js";
import { StateTestReportBuilder } from "../chain/stateTest/stateTestReport.js";
import { type Fork, parseFork } from "../evm/fork.js";
import { PevmError } from "../primitives/errors.js";
import { type CliIo, USAGE_EXIT_CODE } from "./cliIo.js";
import { findFixtureFiles } from "./findFixtureFiles.js";
import { formatStateTestSummary } from "./formatStateTestSummary.js";

function parseForkOption(name: string): Fork {
  try {
    return parseFork(name);
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof PevmError ? `${error.shortMessage}. ${error.details ?? ""}` : String(error),
    );
  }
}

function shortPath(file: string): string {
  return file.length > 60 ? `…${file.slice(-59)}` : file;
}

/** Progress on a terminal: files done, with running case counts; absent when stderr is not a TTY. */
function startProgress(io: CliIo, fileCount: number): SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: io.stderr,
    format:
      "statetest [{bar}] {value}/{total} files | {passed} passed, {failed} failed, {skipped} skipped | {file}",
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(fileCount, 0, { passed: 0, failed: 0, skipped: 0, file: "" });
  return bar;
}

/**
 * Registers `statetest <file-or-dir>... [--fork <name>] [--json]` on `program`: runs every case of
 * the state-test fixtures found, prints a per-fork summary (or one JSON report with `--json`), and
 * sets exit code 1 when any case failed.
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
    .action((paths: string[], options: { fork?: Fork; json?: boolean }, command: Command) => {
      let files: string[];
      try {
        files = findFixtureFiles(paths);
      } catch (error) {
        command.error(`error: ${error instanceof Error ? error.message : String(error)}`, {
          exitCode: USAGE_EXIT_CODE,
        });
      }
      const report = new StateTestReportBuilder();
      const bar = startProgress(io, files.length);
      let sinceUpdate = 0;
      const onResult = (result: CaseResult) => {
        report.add(result);
        // Redraw every 64 cases so one big file still shows movement; cli-progress throttles drawing.
        if (bar && ++sinceUpdate >= 64) {
          sinceUpdate = 0;
          bar.update(report.counts());
        }
      };
      for (const file of files) {
        bar?.update({ file: shortPath(file) });
        runStateTestFile(file, { fork: options.fork }, onResult);
        bar?.increment(1, report.counts());
      }
      bar?.stop();

      const result = report.build();
      if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else io.stdout.write(formatStateTestSummary(result));
      setExitCode(result.failed > 0 ? 1 : 0);
    });
}
