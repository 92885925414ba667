#!/usr/bin/env node
// Sender recovery per signature, both backends: the optional native `secp256k1` addon (libsecp256k1)
// and the @noble/curves fallback used when the addon is absent. 2,000 signed EIP-1559 transactions;
// each timed pass runs recoverSender on all of them (signing hash, ECDSA public-key recovery, keccak of
// the key). Each backend runs in its own process (the choice is made once, at import; PEVM_SECP256K1=noble
// forces the fallback), alternating, and reports the median of its passes in CPU time (process.cpuUsage),
// which time spent descheduled on a busy machine does not inflate.
// Usage: npm run bench:recover [-- --signatures 2000 --runs 5]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { nativeEcdsaRecover } from "../dist/src/chain/nativeSecp256k1.js";
import { recoverSender } from "../dist/src/chain/recoverSender.js";
import { signingHash } from "../dist/src/chain/transactionEncode.js";
import { Fork } from "../dist/src/evm/fork.js";
import { bigIntToBytes } from "../dist/src/primitives/hex.js";

const { values } = parseArgs({
  options: {
    signatures: { type: "string", default: "2000" },
    runs: { type: "string", default: "5" },
    child: { type: "boolean", default: false },
  },
});
const SIGNATURES = Number(values.signatures);
const RUNS = Number(values.runs);

function signedTransactions(count) {
  const txs = [];
  for (let i = 1; i <= count; i++) {
    const tx = {
      type: 2,
      chainId: 1n,
      nonce: BigInt(i),
      gasPrice: 2n * 10n ** 9n,
      maxFeePerGas: 2n * 10n ** 9n,
      maxPriorityFeePerGas: 10n ** 9n,
      gasLimit: 21000n,
      to: new Uint8Array(20).fill(7),
      value: BigInt(i),
      data: new Uint8Array(0),
      accessList: [],
      maxFeePerBlobGas: 0n,
      blobVersionedHashes: [],
      authorizationList: [],
      v: 0n,
      r: 0n,
      s: 0n,
    };
    const secretKey = bigIntToBytes(0x5eed0000n + BigInt(i), 32);
    const signature = secp256k1.Signature.fromBytes(
      secp256k1.sign(signingHash(tx), secretKey, { prehash: false, format: "recovered" }),
      "recovered",
    );
    txs.push({ ...tx, v: BigInt(signature.recovery), r: signature.r, s: signature.s });
  }
  return txs;
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

if (values.child) {
  const txs = signedTransactions(SIGNATURES);
  for (const tx of txs.slice(0, 200)) recoverSender(tx, Fork.Prague); // warm-up
  const start = cpuMs();
  for (const tx of txs) recoverSender(tx, Fork.Prague);
  console.log(JSON.stringify({ backend: nativeEcdsaRecover ? "native" : "noble", ms: cpuMs() - start }));
} else {
  const script = fileURLToPath(import.meta.url);
  const args = [script, "--child", "--signatures", String(SIGNATURES)];
  const times = { native: [], noble: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const env of run % 2 === 0 ? [{}, { PEVM_SECP256K1: "noble" }] : [{ PEVM_SECP256K1: "noble" }, {}]) {
      const out = JSON.parse(execFileSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: "utf8" }));
      times[out.backend].push(out.ms);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`sender recovery, ${SIGNATURES} signatures per pass, median of ${RUNS} passes (CPU time):`);
  for (const [backend, ms] of Object.entries(times)) {
    if (ms.length === 0) continue;
    const perSignature = (median(ms) * 1000) / SIGNATURES;
    console.log(`  ${backend.padEnd(6)} ${perSignature.toFixed(0).padStart(6)} µs/signature  (${median(ms).toFixed(0)} ms per pass)`);
  }
  if (times.native.length === 0) console.log("  native: secp256k1 addon not installed: both passes used @noble/curves");
}
