import { Writable } from "node:stream";
import type { CliIo } from "../../src/cli/cliIo.js";

/** In-process CLI streams that record what a command writes. */
export function capture(): { io: CliIo; out: () => string; err: () => string } {
  let stdout = "";
  let stderr = "";
  const stderrStream = new Writable({
    write(chunk, _enc, done) {
      stderr += String(chunk);
      done();
    },
  });
  return {
    io: { stdout: { write: (s: string) => (stdout += s) }, stderr: stderrStream },
    out: () => stdout,
    err: () => stderr,
  };
}
