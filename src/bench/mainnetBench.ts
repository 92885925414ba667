/**
 * Mainnet replay benchmark: our sequential block executor (`executeBlock(…, { workers: 1 })`) against
 * @ethereumjs/vm `runBlock` on the real mainnet block fixtures (../shared/fixtures/mainnet), in the
 * same process, alternating per block. Both recover every sender from its signature and run the
 * whole block (system calls, transactions, rewards, withdrawals); only that call is timed — reading
 * the fixture, building the pre-state, the block objects and ethereumjs' VM are not. Each engine's
 * gasUsed, logsBloom and (from Byzantium on) receiptsRoot are checked against the header, and only
 * blocks both engines get right count toward the totals; the others are listed with the reason.
 *
 * Usage: npm run bench:mainnet -- [--fixtures <dir>] [--repeats 1] [--json <file>] [--blocks n,n]
 *        [--warmup <block number>] [--ejs-state journal|simple|merkle] [--ejs-crypto shared|stock]
 * Fixtures default to $PEVM_FIXTURES/mainnet, else ../shared/fixtures/mainnet beside the repository;
 * when missing, the run is skipped (exit 0) with the reason in the JSON. Prints one JSON object:
 * {"machine","setup","blocks":[{number,txs,gas,ours,ethereumjs}],"totals"}; progress goes to stderr.
 * Exit code 1 when our executor disagrees with a header (ethereumjs disagreeing is only reported).
 *
 * The body runs on a worker thread with a 256 MiB stack, as the CLI does (bin/pevm.js): our
 * interpreter recurses once per call frame and mainnet blocks reach deep call chains.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { parseBlockFixture } from "../chain/blockFixture.js";
import { checkAgainstHeader } from "../chain/checkAgainstHeader.js";
import { MAINNET } from "../chain/mainnetChain.js";
import { nativeEcdsaRecover } from "../chain/nativeSecp256k1.js";
import { kzgBackend } from "../evm/precompiles/kzgProof.js";
import { executeBlock } from "../parallel/executeBlock.js";
import { PevmError } from "../primitives/errors.js";
import type { EthereumjsCryptoKind } from "./ethereumjsCrypto.js";
import {
  type EngineBlockError,
  type EngineBlockResult,
  type MainnetBlockResult,
  mismatchReason,
  summarizeMainnetBench,
} from "./mainnetBenchReport.js";
import type { EthereumjsStateManagerKind } from "./runEthereumjs.js";
import {
  type BlockFixtureJson,
  type EthereumjsBlockOptions,
  type HeaderFieldMatch,
  matchEthereumjsRun,
  prepareEthereumjsBlock,
  runEthereumjsBlock,
} from "./runEthereumjsBlock.js";
import { median, round } from "./stats.js";

/** Worker stack for the benchmark body: the CLI's (bin/pevm.js), for 1024-deep call chains. */
const STACK_SIZE_MB = 256;

/** The fixture folder: $PEVM_FIXTURES/mainnet, else ../shared/fixtures/mainnet beside the repository. */
function defaultFixturesDir(): string {
  if (process.env.PEVM_FIXTURES) return join(process.env.PEVM_FIXTURES, "mainnet");
  // dist/src/bench/mainnetBench.js → the repository root is three folders up.
  const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");
  return resolve(repoRoot, "..", "shared", "fixtures", "mainnet");
}

/** `<number>.json(.gz)` block files of `dir` in block order (index.json is a catalogue, not a block). */
function listBlockFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^\d+\.json(\.gz)?$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((name) => join(dir, name));
}

function readFixtureJson(path: string): BlockFixtureJson {
  const raw = readFileSync(path);
  const text = path.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
  return JSON.parse(text) as BlockFixtureJson;
}

/**
 * The block both engines run once, untimed, before the measured runs, so the JIT has compiled the
 * hot paths of both: `--warmup <number>`, else the biggest file (most transactions and code).
 */
function pickWarmupFile(files: string[], number: string | undefined): string {
  if (number === undefined) return [...files].sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const file = files.find((f) => Number.parseInt(basename(f), 10) === Number(number));
  if (file === undefined) throw new Error(`--warmup ${number}: no such block among the fixtures`);
  return file;
}

function errorText(error: unknown): string {
  if (error instanceof PevmError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/** Collects garbage between timed runs when node runs with --expose-gc, so one engine's garbage is not the other's pause. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One timed run of our sequential executor; the fixture is parsed afresh (untimed) so no cache carries over. */
function runOurs(fixture: BlockFixtureJson): { ms: number; match: HeaderFieldMatch } {
  const { block, preState } = parseBlockFixture(fixture);
  collectGarbage();
  const start = performance.now();
  const result = executeBlock(MAINNET, preState, block, { workers: 1 });
  const ms = performance.now() - start;
  return { ms, match: checkAgainstHeader(result, block.header).match };
}

/** One timed ethereumjs runBlock; state manager, block and VM are built afresh (untimed) each time. */
async function runTheirs(fixture: BlockFixtureJson, options: EthereumjsBlockOptions) {
  const prepared = await prepareEthereumjsBlock(fixture, options);
  collectGarbage();
  const run = await runEthereumjsBlock(prepared);
  return { ms: run.ms, match: matchEthereumjsRun(run, fixture.header), hardfork: prepared.hardfork };
}

/** One engine's runs of one block so far: times, and each field's match over every run. */
class EngineRuns {
  readonly samples: number[] = [];
  private match: HeaderFieldMatch = { gasUsed: true, logsBloom: true, receiptsRoot: true };
  error: string | undefined;

  /** Records a run; a field counts as matching only if it matched in every run. */
  add(ms: number, match: HeaderFieldMatch): void {
    this.samples.push(ms);
    this.match = {
      gasUsed: this.match.gasUsed && match.gasUsed,
      logsBloom: this.match.logsBloom && match.logsBloom,
      receiptsRoot:
        match.receiptsRoot === null ? null : this.match.receiptsRoot !== false && match.receiptsRoot,
    };
  }

  /** `ms`: median of the runs after the first (the first alone for one run); `firstMs`: the first. */
  result(gas: number): EngineBlockResult | EngineBlockError {
    if (this.error !== undefined) return { error: this.error };
    const ms = this.samples.length > 1 ? median(this.samples.slice(1)) : this.samples[0];
    return {
      ms: round(ms, 2),
      mgasPerSec: ms > 0 ? round(gas / ms / 1000, 2) : 0,
      firstMs: round(this.samples[0], 2),
      gasUsedMatch: this.match.gasUsed,
      logsBloomMatch: this.match.logsBloom,
      receiptsRootMatch: this.match.receiptsRoot,
    };
  }
}

/**
 * Benchmarks one block: `repeats` runs of each engine, alternating so drift in machine load hits
 * both alike. An engine that throws is not run again on the block.
 */
async function benchBlock(
  fixture: BlockFixtureJson,
  repeats: number,
  options: EthereumjsBlockOptions,
): Promise<MainnetBlockResult> {
  const gas = Number(BigInt(String(fixture.header.gasUsed)));
  const ours = new EngineRuns();
  const theirs = new EngineRuns();
  let hardfork = fixture.hardfork ?? "";
  for (let i = 0; i < repeats; i++) {
    if (ours.error === undefined) {
      try {
        const run = runOurs(fixture);
        ours.add(run.ms, run.match);
      } catch (error) {
        ours.error = errorText(error);
      }
    }
    if (theirs.error === undefined) {
      try {
        const run = await runTheirs(fixture, options);
        hardfork = run.hardfork;
        theirs.add(run.ms, run.match);
      } catch (error) {
        theirs.error = errorText(error);
      }
    }
  }
  return {
    number: Number(BigInt(fixture.number)),
    hardfork,
    txs: fixture.transactions.length,
    gas,
    ours: ours.result(gas),
    ethereumjs: theirs.result(gas),
  };
}

function describeEngine(result: EngineBlockResult | EngineBlockError): string {
  if ("error" in result) return "error";
  return `${result.ms} ms${mismatchReason("", result) === undefined ? "" : " (mismatch)"}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fixtures: { type: "string" },
      repeats: { type: "string", default: "1" },
      json: { type: "string" },
      blocks: { type: "string" },
      warmup: { type: "string" },
      "ejs-state": { type: "string", default: "journal" },
      "ejs-crypto": { type: "string", default: "shared" },
    },
  });
  const stateManager = values["ejs-state"] as EthereumjsStateManagerKind;
  if (!["journal", "simple", "merkle"].includes(stateManager)) {
    throw new Error(`--ejs-state must be journal, simple or merkle, got ${JSON.stringify(stateManager)}`);
  }
  const crypto = values["ejs-crypto"] as EthereumjsCryptoKind;
  if (crypto !== "shared" && crypto !== "stock") {
    throw new Error(`--ejs-crypto must be shared or stock, got ${JSON.stringify(crypto)}`);
  }
  const repeats = Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats must be a positive integer`);
  const ejsOptions: EthereumjsBlockOptions = { stateManager, crypto };

  const dir = values.fixtures ?? defaultFixturesDir();
  const all = existsSync(dir) && statSync(dir).isDirectory() ? listBlockFiles(dir) : [];
  if (all.length === 0) {
    const skipped = `no mainnet block fixtures at ${dir}: set PEVM_FIXTURES or pass --fixtures <dir>`;
    process.stderr.write(`bench:mainnet: skipped, ${skipped}\n`);
    console.log(JSON.stringify({ skipped }));
    return 0;
  }
  let files = all;
  if (values.blocks !== undefined) {
    const wanted = new Set(values.blocks.split(",").map((n) => Number(n.trim())));
    files = all.filter((file) => wanted.has(Number.parseInt(basename(file), 10)));
  }

  const loadAtStart = loadavg()[0];
  // Load native crypto before any timing: c-kzg's trusted setup takes seconds to load on the first
  // point evaluation, and both engines verify through it.
  const kzg = kzgBackend();
  const warmupFile = pickWarmupFile(all, values.warmup);
  process.stderr.write(`bench:mainnet: warm-up on ${basename(warmupFile)}\n`);
  await benchBlock(readFixtureJson(warmupFile), 1, ejsOptions);

  const blocks: MainnetBlockResult[] = [];
  for (const [i, file] of files.entries()) {
    const result = await benchBlock(readFixtureJson(file), repeats, ejsOptions);
    blocks.push(result);
    process.stderr.write(
      `bench:mainnet: ${i + 1}/${files.length} ${result.number} (${result.txs} txs): ` +
        `ours ${describeEngine(result.ours)}, ethereumjs ${describeEngine(result.ethereumjs)}\n`,
    );
  }

  const report = {
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "unknown",
      node: process.version,
      // Other work on the machine slows both engines alike on average, but widens the spread.
      loadAverage1m: { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) },
    },
    setup: {
      fixtures: dir,
      repeats,
      timed:
        "executeBlock(workers: 1) vs runBlock only; per block ms = median of runs 2..repeats, firstMs = run 1; " +
        "totals = sum gas / sum ms over the blocks both engines match",
      senders: "recovered from signatures by both engines",
      secp256k1: nativeEcdsaRecover === undefined ? "@noble/curves" : "libsecp256k1 (secp256k1 addon)",
      kzg,
      ethereumjs: { stateManager, crypto },
    },
    blocks,
    totals: summarizeMainnetBench(blocks),
  };
  const json = JSON.stringify(report);
  console.log(json);
  if (values.json !== undefined) writeFileSync(values.json, `${json}\n`);
  const oursWrong = blocks.some((b) => mismatchReason("ours", b.ours) !== undefined);
  return oursWrong ? 1 : 0;
}

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: { stackSizeMb: STACK_SIZE_MB },
  });
  worker.on("message", (message: { exitCode?: number }) => {
    if (typeof message?.exitCode === "number") process.exitCode = message.exitCode;
  });
  worker.on("error", (error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  parentPort?.postMessage({ exitCode: await main() });
}
