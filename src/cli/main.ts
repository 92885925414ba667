import { Command, CommanderError } from "commander";
import { registerAnalyzeCommand } from "./analyzeCommand.js";
import { registerBenchCommand } from "./benchCommand.js";
import { registerBlocktestCommand } from "./blocktestCommand.js";
import { type CliIo, processIo, USAGE_EXIT_CODE } from "./cliIo.js";
import { registerImportCommand } from "./importCommand.js";
import { registerRunCommand } from "./runCommand.js";
import { registerStatetestCommand } from "./statetestCommand.js";

/**
 * Runs the `pevm` command line with `argv` (the arguments after the program name) and resolves to
 * the process exit code: 0 success, 1 a command found failures, 2 a usage error. Writes only
 * through `io`, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command("pevm")
    .description("parallel-evm: a fast synchronous EVM in TypeScript")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerStatetestCommand(program, io, (code) => {
    exitCode = code;
  });
  registerRunCommand(program, io, (code) => {
    exitCode = code;
  });
  registerBlocktestCommand(program, io, (code) => {
    exitCode = code;
  });
  registerImportCommand(program, io, (code) => (exitCode = code));
  registerBenchCommand(program, io, (code) => (exitCode = code));
  registerAnalyzeCommand(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    // exitOverride turns commander's process.exit into a throw; help and version exit with 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    throw error;
  }
  return exitCode;
}
