import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import { BenchKeyring } from "../bench/benchKeyring.js";
import type { BenchExtras, BenchReport, BenchResult } from "../bench/benchReport.js";
import { BenchMismatchError, benchSteps, benchWorkload, warmUpOurs } from "../bench/benchWorkload.js";
import { dumpFixture } from "../bench/dumpFixture.js";
import { fixtureWorkload } from "../bench/fixtureWorkload.js";
import {
  DEFAULT_BLOCK_GAS,
  generateWorkload,
  isWorkloadName,
  WORKLOAD_NAMES,
} from "../bench/generateWorkload.js";
import { MissingPackageError } from "../bench/importOptional.js";
import { loadEthereumjsPeer } from "../bench/loadEthereumjsPeer.js";
import { RssSampler } from "../bench/rssSampler.js";
import type { SenderMode } from "../bench/runOurs.js";
import { loadChartRenderer, speedupChartSvg } from "../bench/speedupChart.js";
import { round } from "../bench/stats.js";
import type { Workload } from "../bench/workload.js";
import { PevmError } from "../primitives/errors.js";
import type { CliIo } from "./cliIo.js";
import { findFixtureFiles } from "./findFixtureFiles.js";
import { formatBenchTable } from "./formatBenchTable.js";

/** Parsed `pevm bench` options. */
export interface BenchOptions {
  workload: string;
  gas: bigint;
  workers: number[];
  peer: "ethereumjs" | "none";
  repeat: number;
  seed: number;
  senders: SenderMode;
  json?: string;
  svg?: string;
  dump?: string;
  fixtures: string;
}

/** Parses a positive gas amount: digits (underscores allowed), 1e9, or a k/M/G suffix. */
export function parseGasOption(value: string): bigint {
  const match = /^(\d[\d_]*(?:\.\d+)?)(e\d+)?([kKmMgG]?)$/.exec(value.trim());
  if (match === null)
    throw new InvalidArgumentError(
      `gas must be a positive number (e.g. 1000000000, 1e9, 100M), got "${value}"`,
    );
  const scale = { "": 1, k: 1e3, m: 1e6, g: 1e9 }[match[3].toLowerCase() as "" | "k" | "m" | "g"];
  const gas = Number(match[1].replaceAll("_", "")) * 10 ** Number((match[2] ?? "e0").slice(1)) * scale;
  if (!Number.isSafeInteger(gas) || gas <= 0)
    throw new InvalidArgumentError(`gas must be > 0, got "${value}"`);
  return BigInt(gas);
}

/** `--gas <n>` with the default block gas. The default is a bigint, which commander's help would
 * JSON.stringify (and throw on), so it gets a display string. */
export function gasOption(description: string): Option {
  return new Option("--gas <n>", description)
    .argParser(parseGasOption)
    .default(DEFAULT_BLOCK_GAS, String(DEFAULT_BLOCK_GAS));
}

/** Parses `1,2,4`: positive worker counts. */
export function parseWorkersOption(value: string): number[] {
  const counts = value.split(",").map((part) => Number(part.trim()));
  for (const [i, count] of counts.entries()) {
    if (!Number.isInteger(count) || count < 1) {
      throw new InvalidArgumentError(
        `workers must be positive integers like 1,2,4; got "${value.split(",")[i]}"`,
      );
    }
  }
  return [...new Set(counts)].sort((a, b) => a - b);
}

function parseWorkloadOption(value: string): string {
  if (value === "all" || value === "mainnet" || isWorkloadName(value)) return value;
  throw new InvalidArgumentError(
    `unknown workload "${value}"; use one of ${WORKLOAD_NAMES.join(", ")}, all or mainnet`,
  );
}

function parsePositiveInt(what: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${what} must be an integer >= ${min}, got "${value}"`);
    return n;
  };
}

function parseChoice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got "${value}"`);
  };
}

/** 1 plus powers of two up to the machine's parallelism (at least 2): the default --workers. */
export function defaultWorkerCounts(): number[] {
  const counts = [1];
  for (let w = 2; w <= Math.max(2, availableParallelism()); w *= 2) counts.push(w);
  return counts;
}

/** The workloads a `--workload` value names, produced one at a time (a gigagas block is big). */
interface WorkloadSource {
  label: string;
  load: () => Workload;
}

function workloadSources(options: BenchOptions): WorkloadSource[] {
  if (options.workload === "mainnet") {
    return findFixtureFiles([options.fixtures])
      .filter((file) => basename(file) !== "index.json")
      .map((file) => ({ label: basename(file), load: () => fixtureWorkload(file) }));
  }
  const names = options.workload === "all" ? [...WORKLOAD_NAMES] : [options.workload];
  return names.map((name) => ({
    label: name,
    load: () => {
      if (!isWorkloadName(name)) throw new Error(`unknown workload ${name}`);
      const keyring = new BenchKeyring(`${name}-seed${options.seed}`);
      const workload = generateWorkload(name, { gas: options.gas, seed: options.seed, keyring });
      keyring.save();
      return workload;
    },
  }));
}

/** Sums per-block results into one line (mainnet): times add up, the bound is gas over summed critical paths. */
function aggregate(name: string, results: BenchResult[]): BenchResult {
  const sum = (f: (r: BenchResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const gas = sum((r) => r.gas);
  const sequentialMs = sum((r) => r.sequentialMs);
  const criticalGas = sum((r) => r.gas / r.dagBound);
  const parallel = results[0].parallel.map(({ workers }) => {
    const columns = results.map((r) => r.parallel.find((p) => p.workers === workers)!);
    const missing = columns.find((p) => p.ms === null);
    if (missing) return { workers, ms: null, speedup: null, unavailable: missing.unavailable };
    const ms = columns.reduce((s, p) => s + (p.ms ?? 0), 0);
    return { workers, ms: round(ms, 2), speedup: round(sequentialMs / ms, 2) };
  });
  const peerMs = results.every((r) => r.peer !== null) ? sum((r) => r.peer!.ms) : undefined;
  return {
    workload: name,
    txs: sum((r) => r.txs),
    gas,
    sequentialMs: round(sequentialMs, 2),
    parallel,
    peer: peerMs === undefined ? null : { name: results[0].peer!.name, ms: round(peerMs, 2) },
    seqVsPeer: peerMs === undefined ? null : round(peerMs / sequentialMs, 2),
    dagBound: round(criticalGas === 0 ? 1 : gas / criticalGas, 2),
    rssPeakMB: Math.max(...results.map((r) => r.rssPeakMB)),
  };
}

/**
 * Runs the benchmark and writes its outputs; resolves to the exit code (1 when a run's receipts
 * disagree with our sequential run: a benchmark of a wrong result is an error).
 */
export async function runBench(options: BenchOptions, io: CliIo, banner?: string): Promise<number> {
  try {
    // Before any workload is generated: a missing package should not cost minutes of work first.
    if (options.peer === "ethereumjs") await loadEthereumjsPeer();
    if (options.svg !== undefined) await loadChartRenderer();
  } catch (error) {
    if (!(error instanceof MissingPackageError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const sources = workloadSources(options);
  const steps = 1 + benchSteps(options);
  const bar = io.stderr.isTTY
    ? new SingleBar({
        stream: io.stderr,
        format: "bench [{bar}] {value}/{total} | {workload} {step}",
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined;
  bar?.start(sources.length * steps, 0, { workload: "", step: "" });
  if (banner !== undefined) io.stderr.write(`${banner}\n`);
  const sampler = new RssSampler();
  const results: BenchResult[] = [];
  const extras: BenchExtras[] = [];
  try {
    if (options.workload === "mainnet") {
      bar?.update({ workload: "", step: "warming up on every block" });
      if (bar === undefined) io.stderr.write("bench: warming up on every block (untimed)\n");
      for (const source of sources) warmUpOurs(source.load(), options.workers, options.senders);
    }
    for (const source of sources) {
      bar?.update({ workload: source.label, step: "generating" });
      const start = performance.now();
      const workload = source.load();
      const generationMs = performance.now() - start;
      bar?.increment(1, { step: "analyzing" });
      const bench = await benchWorkload(workload, {
        workers: options.workers,
        peer: options.peer,
        repeat: options.repeat,
        senders: options.senders,
        sampler,
        onStep: (label) => bar?.increment(1, { step: label }),
        minTimedMs: options.workload === "mainnet" ? 300 : 0,
      });
      results.push(bench.result);
      extras.push({ generationMs, analysisMs: bench.analysisMs });
      // Without a terminal there is no bar: one line per finished workload keeps logs informative.
      if (bar === undefined) {
        const r = bench.result;
        io.stderr.write(
          `bench: ${r.workload} done: ${r.txs} txs, ${r.gas} gas, sequential ${r.sequentialMs} ms` +
            `${r.peer ? `, ${r.peer.name} ${r.peer.ms} ms` : ""}\n`,
        );
      }
      if (options.dump !== undefined) dumpFixture(options.dump, workload, bench.sequential);
    }
  } catch (error) {
    bar?.stop();
    if (error instanceof BenchMismatchError || error instanceof PevmError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await sampler.stop();
  }
  bar?.stop();

  const report: BenchReport = {
    machine: { cpus: availableParallelism(), node: process.version },
    results: options.workload === "mainnet" ? [aggregate("mainnet", results)] : results,
    ...(options.workload === "mainnet" ? { blocks: results } : {}),
  };
  const table = formatBenchTable(report, options.workload === "mainnet" ? [] : extras, options.senders);
  const json = JSON.stringify(report);
  if (options.json === "-") {
    io.stdout.write(`${json}\n`);
    io.stderr.write(table);
  } else {
    io.stdout.write(table);
    if (options.json !== undefined) writeFileSync(options.json, `${json}\n`);
  }
  if (options.svg !== undefined) {
    writeFileSync(
      options.svg,
      await speedupChartSvg(report.results, `pevm speedup (${report.machine.cpus} cpus)`),
    );
  }
  return 0;
}

interface RawBenchOptions extends Partial<BenchOptions> {
  gas?: bigint;
}

/**
 * Registers `bench` (see README: workloads, gas, workers, peer, repeat, json, svg, dump) and `demo`
 * (`npm start`: every generated workload at 100 Mgas, one timed run, ethereumjs as the peer).
 */
export function registerBenchCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("bench")
    .description(
      "benchmark our sequential and parallel executors and a peer EVM on generated or mainnet blocks",
    )
    .option("--workload <name>", `${WORKLOAD_NAMES.join(", ")}, all or mainnet`, parseWorkloadOption, "all")
    .addOption(gasOption("total gas of each generated block (1e9, 100M...)"))
    .option(
      "--workers <list>",
      "thread counts (the calling thread included), e.g. 1,2,4,8 (default: 1 and powers of two up to the cpus)",
      parseWorkersOption,
    )
    .option("--peer <name>", "ethereumjs or none", parseChoice(["ethereumjs", "none"] as const), "ethereumjs")
    .option(
      "--repeat <n>",
      "timed runs per executor after warm-ups (one; three for parallel runs; median reported)",
      parsePositiveInt("repeat", 1),
      3,
    )
    .option("--seed <n>", "generator seed", parsePositiveInt("seed", 0), 1)
    .option(
      "--senders <mode>",
      "known (pre-recovered) or recover (timed runs recover signatures)",
      parseChoice(["known", "recover"] as const),
      "known",
    )
    .option("--json <file>", "write the JSON report to a file, or - for stdout")
    .option("--svg <file>", "write a speedup chart (vega-lite rendered to SVG)")
    .option("--dump <dir>", "write each generated block with its pre-state as a fixture (mainnet format)")
    .option("--fixtures <dir>", "where --workload mainnet finds blocks", "../shared/fixtures/mainnet")
    .action(async (raw: RawBenchOptions) => {
      const options = { ...raw, workers: raw.workers ?? defaultWorkerCounts() } as BenchOptions;
      setExitCode(await runBench(options, io));
    });

  program
    .command("demo")
    .description("a two-minute benchmark: every generated workload at 100 Mgas against ethereumjs")
    .action(async () => {
      const options: BenchOptions = {
        workload: "all",
        gas: 100_000_000n,
        workers: defaultWorkerCounts(),
        peer: "ethereumjs",
        repeat: 5,
        seed: 1,
        senders: "known",
        fixtures: "",
      };
      const banner =
        "pevm demo: 7 generated blocks of 100 Mgas; our sequential and parallel executors vs @ethereumjs/vm " +
        "(npm run bench runs the full gigagas set)";
      setExitCode(await runBench(options, io, banner));
    });
}
