#!/usr/bin/env node
// Compiles contracts/*.sol with the solc-js compiler bundled in the npm `solc` package (no download)
// and writes one artifact per contract to src/bench/contracts/<Name>.json:
// { contractName, compiler, evmVersion, abi, bytecode, deployedBytecode, storageLayout }.
// Usage: npm run compile:contracts
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = join(root, "contracts");
const outDir = join(root, "src", "bench", "contracts");

// Cancun, not the compiler's default: the benchmark runs Cancun/Prague and must not meet newer opcodes.
const EVM_VERSION = "cancun";

const sources = {};
for (const file of readdirSync(sourceDir)
  .filter((f) => f.endsWith(".sol"))
  .sort()) {
  sources[file] = { content: readFileSync(join(sourceDir, file), "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: EVM_VERSION,
    outputSelection: {
      "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "storageLayout"] },
    },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

mkdirSync(outDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    // Interfaces have no bytecode; only deployable contracts get an artifact.
    if (contract.evm.bytecode.object === "") continue;
    const artifact = {
      contractName: name,
      source: `contracts/${file}`,
      compiler: solc.version(),
      evmVersion: EVM_VERSION,
      abi: contract.abi,
      bytecode: `0x${contract.evm.bytecode.object}`,
      deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
      storageLayout: contract.storageLayout.storage.map(({ label, slot, offset, type }) => ({
        label,
        slot,
        offset,
        type,
      })),
    };
    writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
    console.log(`${name}: ${artifact.deployedBytecode.length / 2 - 1} bytes deployed`);
  }
}
