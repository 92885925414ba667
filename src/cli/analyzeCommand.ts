import { writeFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { analyzeWorkload, formatAnalysis } from "../bench/analyzeWorkload.js";
import { BenchKeyring } from "../bench/benchKeyring.js";
import { fixtureWorkload } from "../bench/fixtureWorkload.js";
import { generateWorkload, isWorkloadName } from "../bench/generateWorkload.js";
import type { Workload } from "../bench/workload.js";
import { dagToJson } from "../chain/analysis/dagJson.js";
import { PevmError } from "../primitives/errors.js";
import { gasOption } from "./benchCommand.js";
import { type CliIo, USAGE_EXIT_CODE } from "./cliIo.js";

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`seed must be an integer >= 0, got "${value}"`);
  return n;
}

/**
 * Registers `analyze <block.json|workload> [--json] [--dag <file>] [--gas N] [--seed N]`: records
 * one sequential run of a block fixture (or a generated workload) and reports its dependency DAG:
 * critical-path gas, the ideal speedup bound, the hottest conflicting locations; `--dag` exports it.
 */
export function registerAnalyzeCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command("analyze")
    .description("dependency analysis of a block: critical path, ideal parallel speedup, hottest locations")
    .argument(
      "<block>",
      "a block fixture (.json/.json.gz, mainnet fixture format) or a generated workload name",
    )
    .option("--json", "print the report as one JSON object")
    .option("--dag <file>", "write the dependency DAG as JSON")
    .addOption(gasOption("gas of a generated workload"))
    .option("--seed <n>", "seed of a generated workload", parseSeed, 1)
    .action(
      (
        block: string,
        options: { json?: boolean; dag?: string; gas: bigint; seed: number },
        command: Command,
      ) => {
        let workload: Workload;
        try {
          if (isWorkloadName(block)) {
            const keyring = new BenchKeyring(`${block}-seed${options.seed}`);
            workload = generateWorkload(block, { gas: options.gas, seed: options.seed, keyring });
            keyring.save();
          } else {
            workload = fixtureWorkload(block);
          }
        } catch (error) {
          const message = error instanceof PevmError ? error.shortMessage : String(error);
          command.error(`error: ${message}`, { exitCode: USAGE_EXIT_CODE });
        }
        const { report, dag } = analyzeWorkload(workload);
        io.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatAnalysis(report));
        if (options.dag !== undefined) writeFileSync(options.dag, `${JSON.stringify(dagToJson(dag))}\n`);
        setExitCode(0);
      },
    );
}
