import { Worker } from "node:worker_threads";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { openImportSource } from "../chain/import/importSource.js";
import { PevmError } from "../primitives/errors.js";
import { bytesToHex } from "../primitives/hex.js";
import { LmdbState } from "../state/lmdb/lmdbState.js";
import { type CliIo, filesOrUsageError, USAGE_EXIT_CODE } from "./cliIo.js";
import { type ImportHooks, type ImportSummary, importBlocks } from "./importBlocks.js";
import { findBlockFiles, parseWorkers } from "./runCommand.js";

interface ImportCommandOptions {
  datadir: string;
  genesis?: string;
  test?: string;
  workers: number;
  trustSenders?: boolean;
  json?: boolean;
}

function errorText(error: unknown): string {
  if (error instanceof PevmError)
    return error.details ? `${error.shortMessage} (${error.details})` : error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Test hook for crash tests, `PEVM_TEST_KILL_AT`: the process SIGKILLs itself at `before-commit:<block>`
 * (that block executed and checked, its commit not started), at `commit:<block>:<accounts>` (inside its
 * write transaction, after that many accounts), or `after:<ms>` after the data dir was opened, whatever
 * it is doing then: a thread of its own sleeps and kills, so a block executing synchronously (and its
 * workers) cannot delay it, nor can the process's start-up time shift it.
 */
function killHooks(spec: string | undefined): ImportHooks | undefined {
  if (spec === undefined || spec === "") return undefined;
  const [point, block, accounts] = spec.split(":");
  const kill = () => process.kill(process.pid, "SIGKILL");
  if (point === "before-commit") return { beforeCommit: (n) => n === BigInt(block) && kill() };
  if (point === "commit") {
    return { duringCommit: (n, written) => n === BigInt(block) && written === Number(accounts) && kill() };
  }
  if (point === "after") {
    // The deadline is fixed now: the thread's own start-up (tens of ms on a busy machine) does not delay it.
    const sleep = `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${Date.now() + Number(block)} - Date.now())`;
    new Worker(`${sleep}; process.kill(process.pid, "SIGKILL");`, { eval: true }).unref();
    return {};
  }
  throw new PevmError(
    "INVALID_TEST_HOOK",
    `PEVM_TEST_KILL_AT=${spec}: expected before-commit:<block>, commit:<block>:<accounts> or after:<ms>`,
  );
}

function startProgress(io: CliIo, total: number): SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: io.stderr,
    format: "import [{bar}] {value}/{total} blocks | {skipped} skipped | head {head}",
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { skipped: 0, head: "-" });
  return bar;
}

function formatSummary(summary: ImportSummary, state: LmdbState): string {
  const imported = summary.blocks.filter((block) => block.error === undefined);
  const gas = imported.reduce((sum, block) => sum + BigInt(block.gasUsed), 0n);
  const ms = imported.reduce((sum, block) => sum + block.ms, 0);
  const mgas = Number(gas) / 1e6;
  const head = state.head();
  const lines = [
    `imported ${summary.passed} blocks (${summary.skipped} already imported) into ${state.path}: ` +
      `${mgas.toFixed(1)} Mgas in ${ms.toFixed(0)} ms (${(ms > 0 ? (mgas * 1000) / ms : 0).toFixed(1)} Mgas/s)`,
    head === undefined
      ? "head: none (genesis allocation only)"
      : `head: block ${head.number} ${bytesToHex(head.hash)}${head.stateRoot ? ` state root ${bytesToHex(head.stateRoot)}` : ""}`,
  ];
  const reasons = new Set(imported.flatMap((block) => Object.values(block.unchecked ?? {})));
  if (reasons.size > 0) lines.push(`not checked: ${[...reasons].join("; ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Registers `import <dir | files>... --datadir <dir> [--genesis <alloc.json>] [--test <name>] [--workers N]
 * [--trust-senders] [--json]`: executes consecutive blocks on the persistent state in the data dir, checks
 * each against its header and commits each atomically; a rerun resumes after the last committed block.
 * Exit code 1 when a block stopped the import (not consecutive, invalid, header mismatch), 2 for a bad
 * data dir, genesis or input.
 */
export function registerImportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command("import")
    .description(
      "import consecutive blocks into a persistent state (LMDB data dir), checking each against its header",
    )
    .argument(
      "<paths...>",
      "block files (.json, .json.gz) or directories of them, or one blockchain-test file",
    )
    .requiredOption("--datadir <dir>", "the data dir (created when missing)")
    .option(
      "--genesis <file>",
      "the state a new data dir starts from: a geth genesis or a bare alloc (address → account); ignored once it holds one",
    )
    .option("--test <name>", "the test to import from a blockchain-test file holding several")
    .option(
      "--workers <n>",
      "threads executing transactions, the calling one included (1 = sequential)",
      parseWorkers,
      1,
    )
    .option("--trust-senders", "use the blocks' `from` fields instead of recovering senders from signatures")
    .option("--json", "print one JSON object instead of the summary")
    .action(async (paths: string[], options: ImportCommandOptions, command: Command) => {
      const files = filesOrUsageError(command, () => findBlockFiles(paths));
      const usageError = (error: unknown): never =>
        command.error(`error: ${errorText(error)}`, { exitCode: USAGE_EXIT_CODE });
      let state: LmdbState;
      try {
        state = LmdbState.open(options.datadir);
      } catch (error) {
        return usageError(error);
      }
      let bar: SingleBar | undefined;
      try {
        const source = openImportSource(files, options.test);
        bar = startProgress(io, source.blockCount);
        let skipped = 0;
        const outcome = importBlocks(state, source, {
          workers: options.workers,
          trustSenders: options.trustSenders ?? false,
          genesisFile: options.genesis,
          hooks: killHooks(process.env.PEVM_TEST_KILL_AT),
          onBlock: (report) => {
            if (report === undefined) skipped++;
            bar?.increment(1, { skipped, head: String(state.head()?.number ?? "-") });
          },
        });
        bar?.stop();
        if (options.json) io.stdout.write(`${JSON.stringify(outcome.summary)}\n`);
        else io.stdout.write(formatSummary(outcome.summary, state));
        if (outcome.error !== undefined) io.stderr.write(`error: ${errorText(outcome.error)}\n`);
        setExitCode(outcome.error === undefined ? 0 : 1);
      } catch (error) {
        bar?.stop();
        if (error instanceof PevmError) usageError(error);
        throw error;
      } finally {
        await state.close();
      }
    });
}
