import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InvalidInputError } from "../primitives/errors.js";

/** True for the names fixture walks pick up: `*.json` and gzip-compressed `*.json.gz`. */
export function isFixtureFileName(name: string): boolean {
  return name.endsWith(".json") || name.endsWith(".json.gz");
}

function walk(dir: string, out: string[]): void {
  // Sorted so runs (and their failure lists) are in the same order on every machine.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (isFixtureFileName(entry.name) && (entry.isFile() || statSync(path).isFile())) out.push(path);
  }
}

/**
 * The fixture files named by `paths`: a file is taken as is (whatever its name), a directory is
 * walked recursively for `*.json` and `*.json.gz`. Throws InvalidInputError for a path that does
 * not exist.
 */
export function findFixtureFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new InvalidInputError(`No such file or directory: ${path}`);
    }
    if (isDirectory) walk(path, files);
    else files.push(path);
  }
  return files;
}
