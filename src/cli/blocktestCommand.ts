import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { runBlockchainTestFile } from "../chain/blockchainTest/runBlockchainTestFile.js";
import type { CaseResult } from "../chain/stateTest/runStateTestFile.js";
import { StateTestReportBuilder } from "../chain/stateTest/stateTestReport.js";
import { type CliIo, filesOrUsageError } from "./cliIo.js";
import { findFixtureFiles } from "./findFixtureFiles.js";
import { formatStateTestSummary } from "./formatStateTestSummary.js";

function shortPath(file: string): string {
  return file.length > 60 ? `…${file.slice(-59)}` : file;
}

function startProgress(io: CliIo, fileCount: number): SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: io.stderr,
    format: "blocktest [{bar}] {value}/{total} files | {passed} passed, {failed} failed | {file}",
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(fileCount, 0, { passed: 0, failed: 0, file: "" });
  return bar;
}

/**
 * Registers `blocktest <file-or-dir>... [--json]`: imports every block of the blockchain-test fixtures
 * found (ethereum/tests BlockchainTests, execution-spec-tests blockchain_tests) and checks the chain
 * reaches `lastblockhash` and its post-state, with invalid blocks rejected for the expected reason.
 * Prints a per-network summary, or with `--json` the same JSON report shape as `statetest` (`fork` is
 * the test's network, `index` null). Exit code 1 when any test failed.
 */
export function registerBlocktestCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command("blocktest")
    .description("run ethereum/tests BlockchainTests and execution-spec-tests blockchain_tests fixtures")
    .argument("<paths...>", "fixture files, or directories walked for *.json and *.json.gz")
    .option("--json", "print one JSON report on stdout instead of the summary table")
    .action((paths: string[], options: { json?: boolean }, command: Command) => {
      const files = filesOrUsageError(command, () => findFixtureFiles(paths));
      const report = new StateTestReportBuilder();
      const bar = startProgress(io, files.length);
      const onResult = (result: CaseResult) => report.add(result);
      for (const file of files) {
        bar?.update({ file: shortPath(file) });
        runBlockchainTestFile(file, onResult);
        bar?.increment(1, report.counts());
      }
      bar?.stop();
      const result = report.build();
      if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else io.stdout.write(formatStateTestSummary(result));
      setExitCode(result.failed > 0 ? 1 : 0);
    });
}
