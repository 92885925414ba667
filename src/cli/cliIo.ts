import type { Command } from "commander";

/** Where the CLI writes: the process streams in production, string buffers in tests. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  /** A real stream with `isTTY` set gets a progress bar (cli-progress draws on it). */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The process's own stdout and stderr. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Exit code for a command-line mistake (unknown option or fork, missing path), as most Unix tools use. */
export const USAGE_EXIT_CODE = 2;

/** The files `find` names, or the command fails with a usage error saying why (a missing path). */
export function filesOrUsageError(command: Command, find: () => string[]): string[] {
  try {
    return find();
  } catch (error) {
    return command.error(`error: ${error instanceof Error ? error.message : String(error)}`, {
      exitCode: USAGE_EXIT_CODE,
    });
  }
}
