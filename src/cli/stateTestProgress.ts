import { SingleBar } from "cli-progress";
import type { CaseResult } from "../chain/stateTest/runStateTestFile.js";
import type { CliIo } from "./cliIo.js";

/** A progress bar fed by runStateTestPool's callbacks. */
export interface StateTestProgress {
  onResult(result: CaseResult): void;
  onFileDone(file: string): void;
  /** Clears the bar; call once, after the run (also when it failed). */
  stop(): void;
}

function shortPath(file: string): string {
  return file.length > 60 ? `…${file.slice(-59)}` : file;
}

/**
 * Progress on a terminal: files done, running case counts and the file finished last; undefined
 * when stderr is not a TTY, so piped output and JSON stay clean.
 */
export function startStateTestProgress(io: CliIo, fileCount: number): StateTestProgress | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: io.stderr,
    format:
      "statetest [{bar}] {value}/{total} files | {passed} passed, {failed} failed, {skipped} skipped | {file}",
    hideCursor: true,
    clearOnComplete: true,
  });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let sinceUpdate = 0;
  bar.start(fileCount, 0, { ...counts, file: "" });
  return {
    onResult(result) {
      counts[result.status]++;
      // Redraw every 64 cases so one big file still shows movement; cli-progress throttles drawing.
      if (++sinceUpdate >= 64) {
        sinceUpdate = 0;
        bar.update(counts);
      }
    },
    onFileDone(file) {
      bar.increment(1, { ...counts, file: shortPath(file) });
    },
    stop() {
      bar.stop();
    },
  };
}
