import { basename } from "node:path";
import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import { type BlockFixture, readBlockFixture } from "../chain/blockFixture.js";
import { forkAt } from "../chain/chainConfig.js";
import { checkAgainstHeader } from "../chain/checkAgainstHeader.js";
import { MAINNET } from "../chain/mainnetChain.js";
import { forkName } from "../evm/fork.js";
import { executeBlock } from "../parallel/executeBlock.js";
import { PevmError } from "../primitives/errors.js";
import { bytesToHex } from "../primitives/hex.js";
import type { BlockRunReport, BlockRunSummary } from "./blockRunReport.js";
import { type CliIo, USAGE_EXIT_CODE } from "./cliIo.js";
import { findFixtureFiles } from "./findFixtureFiles.js";
import { formatRunTable } from "./formatRunTable.js";

/** How `pevm run` executes each block. */
export interface RunOptions {
  workers: number;
  trustSenders: boolean;
}

/** `--workers <n>`: a positive integer, or a usage error. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

/** Block fixture files named by `paths`; a directory's `index.json` (a catalogue, not a block) is skipped. */
export function findBlockFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const found = findFixtureFiles([path]);
    const fromDirectory = found.length !== 1 || found[0] !== path;
    for (const file of found) if (!(fromDirectory && basename(file) === "index.json")) files.push(file);
  }
  // Numbered fixture files in block order (10760440 after 9117466), others by name.
  const key = (file: string) => Number.parseInt(basename(file), 10);
  return files.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (Number.isNaN(x) || Number.isNaN(y) || x === y) return a < b ? -1 : a > b ? 1 : 0;
    return x - y;
  });
}

/** Why a mainnet fixture's state root is not checked. */
const PARTIAL_PRE_STATE = "the fixture's pre-state is partial (only what the block touches)";

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function errorText(error: unknown): string {
  if (error instanceof PevmError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Executes one block fixture on its bundled pre-state and checks it against its header (the state root
 * too when the fixture's pre-state is complete, see BlockFixture.preState). Never throws
 * for a bad block or file: the report carries the error (and counts as failed).
 */
export function runBlockFile(file: string, options: RunOptions): BlockRunReport {
  let fixture: BlockFixture;
  try {
    fixture = readBlockFixture(file);
  } catch (error) {
    return failed(file, null, 0, errorText(error));
  }
  const { block, preState } = fixture;
  const header = block.header;
  const number = Number(header.number);
  const fork = forkName(forkAt(MAINNET, header.number, header.timestamp));
  try {
    const result = executeBlock(MAINNET, preState, block, {
      workers: options.workers,
      trustSenders: options.trustSenders,
    });
    const check = checkAgainstHeader(result, header);
    if (!preState.complete) check.unchecked.stateRoot = PARTIAL_PRE_STATE;
    const ms = result.timings.total;
    return {
      number,
      txs: block.transactions.length,
      gasUsed: `0x${result.gasUsed.toString(16)}`,
      match: check.match,
      ms: round(ms, 3),
      mgasPerSec: ms > 0 ? round(Number(result.gasUsed) / 1e3 / ms, 2) : 0,
      stateRoot: result.stateRoot === undefined ? null : bytesToHex(result.stateRoot),
      ...(Object.keys(check.unchecked).length > 0 ? { unchecked: check.unchecked } : {}),
      file,
      fork,
    };
  } catch (error) {
    if (error instanceof PevmError && error.code === "PARALLEL_UNAVAILABLE") throw error;
    return { ...failed(file, number, block.transactions.length, errorText(error)), fork };
  }
}

function failed(file: string, number: number | null, txs: number, error: string): BlockRunReport {
  return {
    number,
    txs,
    gasUsed: "0x0",
    match: { gasUsed: false, receiptsRoot: false, logsBloom: false, stateRoot: false },
    ms: 0,
    mgasPerSec: 0,
    stateRoot: null,
    error,
    file,
  };
}

/** True when every checkable field matched and the block ran. */
export function blockPassed(report: BlockRunReport): boolean {
  const { match } = report;
  return (
    report.error === undefined &&
    match.gasUsed &&
    match.logsBloom &&
    match.receiptsRoot !== false &&
    match.stateRoot !== false
  );
}

function startProgress(io: CliIo, total: number): SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: io.stderr,
    format: "run [{bar}] {value}/{total} blocks | {passed} passed, {failed} failed | {block}",
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { passed: 0, failed: 0, block: "" });
  return bar;
}

/**
 * Registers `run <block.json | dir>... [--workers N] [--json] [--trust-senders]`: executes each block
 * fixture on its bundled pre-state, compares gasUsed, logsBloom and receiptsRoot with its header, and
 * prints a table (or one JSON object with `--json`). Exit code 1 when any block mismatches or fails.
 */
export function registerRunCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("run")
    .description(
      "execute mainnet block fixtures on their bundled pre-state and check them against their headers (the state root when the pre-state is complete)",
    )
    .argument("<paths...>", "block fixture files (.json, .json.gz) or directories of them")
    .option(
      "--workers <n>",
      "threads executing transactions, the calling one included (1 = sequential)",
      parseWorkers,
      1,
    )
    .option("--json", "print one JSON object instead of the table")
    .option(
      "--trust-senders",
      "use the fixtures' `from` fields instead of recovering senders from signatures",
    )
    .action(
      (
        paths: string[],
        options: { workers: number; json?: boolean; trustSenders?: boolean },
        command: Command,
      ) => {
        let files: string[];
        try {
          files = findBlockFiles(paths);
        } catch (error) {
          command.error(`error: ${errorText(error)}`, { exitCode: USAGE_EXIT_CODE });
        }
        const runOptions: RunOptions = {
          workers: options.workers,
          trustSenders: options.trustSenders ?? false,
        };
        const summary: BlockRunSummary = { blocks: [], passed: 0, failed: 0 };
        const bar = startProgress(io, files.length);
        try {
          for (const file of files) {
            bar?.update({ block: basename(file) });
            const report = runBlockFile(file, runOptions);
            summary.blocks.push(report);
            if (blockPassed(report)) summary.passed++;
            else summary.failed++;
            bar?.increment(1, { passed: summary.passed, failed: summary.failed });
          }
        } catch (error) {
          bar?.stop();
          command.error(`error: ${errorText(error)}`, { exitCode: USAGE_EXIT_CODE });
        }
        bar?.stop();
        if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
        else io.stdout.write(formatRunTable(summary));
        setExitCode(summary.failed > 0 ? 1 : 0);
      },
    );
}
