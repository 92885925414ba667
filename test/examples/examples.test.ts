import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../fixtures/fixturesDir.js";

/**
 * The examples run as a user runs them: plain Node on the built package, importing "parallel-evm"
 * through the package's own exports map (dist/ is built by pretest). The README's library snippet is
 * examples/quickStart.mjs, character for character, so it runs here too.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const root = fixturesDir();
const mainnet = root === undefined ? undefined : join(root, "mainnet");

function runExample(name: string, block: string): string {
  return execFileSync(process.execPath, [join("examples", name), join(mainnet!, `${block}.json.gz`)], {
    cwd: REPO,
    encoding: "utf8",
  });
}

describe("examples", () => {
  it("README's library snippet is examples/quickStart.mjs", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const snippet = /<!-- examples\/quickStart\.mjs -->\n```js\n([\s\S]*?)```/.exec(readme);
    expect(snippet, "README.md has a ```js block after <!-- examples/quickStart.mjs -->").not.toBeNull();
    expect(snippet![1]).toBe(readFileSync(join(REPO, "examples", "quickStart.mjs"), "utf8"));
  });

  if (mainnet === undefined || !existsSync(mainnet)) {
    it.skip("mainnet block fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures/mainnet", () => {});
    return;
  }

  it("quickStart.mjs executes a block on 4 threads and matches its header", () => {
    expect(runExample("quickStart.mjs", "8889776")).toMatch(
      /^block 8889776: 330 txs[\s\S]*header match: true\n$/,
    );
  });

  it("compareThreads.mjs gets the same result from 1 and 4 threads", () => {
    expect(runExample("compareThreads.mjs", "8889776")).toMatch(/same result: true; header match: true\n$/);
  });

  it("viemBlock.mjs executes a block built from viem's Block object", () => {
    expect(runExample("viemBlock.mjs", "19933122")).toMatch(
      /viem Block: 45 txs of types [a-z0-9, ]*eip4844[\s\S]*header match: true\n$/,
    );
  });
});
