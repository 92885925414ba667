import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Transaction } from "../chain/transaction.js";
import { signingHash } from "../chain/transactionEncode.js";
import { bigIntToBytes, bytesToBigInt, bytesToHex, concatBytes } from "../primitives/hex.js";
import { type BenchAccount, benchAccount, benchSecretKey } from "./benchAccount.js";
import { signTypedTransaction } from "./signTransaction.js";

/** Where signatures and addresses persist between runs unless told otherwise. */
export function defaultCacheDir(): string {
  return process.env.PEVM_BENCH_CACHE ?? join(tmpdir(), "pevm-bench-cache");
}

const ADDRESS_BYTES = 20;
/** signingHash (32) ++ sender (20) ++ yParity (1) ++ r (32) ++ s (32). */
const SIGNATURE_RECORD_BYTES = 117;

/**
 * Benchmark accounts and transaction signing, cached on disk. Why: @noble/curves takes about 1 ms
 * to derive a public key and 1 ms to sign (measured on the 2-core dev box), so a 1-gigagas block of
 * 47,619 raw transfers costs ~90 s to generate from scratch but under a second from the cache.
 * Workloads are deterministic, so the same (signing hash, sender) pair always wants the same
 * RFC 6979 signature and a cache entry never goes stale. Without a directory nothing persists.
 */
export class BenchKeyring {
  private readonly dir: string | undefined;
  private readonly label: string;
  private addresses: Uint8Array;
  private addressCount: number;
  /** hex(signingHash ++ sender) → the full 117-byte record. */
  private readonly signatures = new Map<string, Uint8Array>();
  private newAddresses = false;
  private newSignatures = 0;
  /** Signatures computed (cache misses) since construction. */
  signed = 0;

  /**
   * `label` names this workload's signature file (e.g. "erc20-seed1"); `dir` undefined keeps
   * everything in memory.
   */
  constructor(label: string, dir: string | undefined = defaultCacheDir()) {
    this.dir = dir;
    this.label = label;
    this.addresses = new Uint8Array(0);
    this.addressCount = 0;
    if (dir === undefined) return;
    const accounts = readIfPresent(join(dir, "accounts-v1.bin"));
    if (accounts !== undefined) {
      this.addressCount = Math.floor(accounts.length / ADDRESS_BYTES);
      this.addresses = accounts;
    }
    const records = readIfPresent(this.signatureFile());
    if (records !== undefined) {
      for (let o = 0; o + SIGNATURE_RECORD_BYTES <= records.length; o += SIGNATURE_RECORD_BYTES) {
        const record = records.subarray(o, o + SIGNATURE_RECORD_BYTES);
        this.signatures.set(bytesToHex(record.subarray(0, 52)), record);
      }
    }
  }

  private signatureFile(): string {
    return join(this.dir ?? ".", `signatures-v1-${this.label}.bin`);
  }

  /** The `index`-th benchmark account (see benchAccount), its address from the cache when known. */
  account(index: number): BenchAccount {
    if (index < this.addressCount) {
      const o = index * ADDRESS_BYTES;
      return { secretKey: benchSecretKey(index), address: this.addresses.slice(o, o + ADDRESS_BYTES) };
    }
    const account = benchAccount(index);
    if (index === this.addressCount) {
      // Extend the dense table only in order, so offset = index * 20 holds.
      if (this.addresses.length < (index + 1) * ADDRESS_BYTES) {
        const grown = new Uint8Array(Math.max(1024, index * 2) * ADDRESS_BYTES);
        grown.set(this.addresses.subarray(0, this.addressCount * ADDRESS_BYTES));
        this.addresses = grown;
      }
      this.addresses.set(account.address, index * ADDRESS_BYTES);
      this.addressCount++;
      this.newAddresses = true;
    }
    return account;
  }

  /** `tx` signed by `account`: from the cache, or signed now (and remembered). */
  sign(tx: Transaction, account: BenchAccount): Transaction {
    const hash = signingHash(tx);
    const keyBytes = concatBytes(hash, account.address);
    const key = bytesToHex(keyBytes);
    const cached = this.signatures.get(key);
    if (cached !== undefined) {
      return {
        ...tx,
        v: BigInt(cached[52]),
        r: bytesToBigInt(cached.subarray(53, 85)),
        s: bytesToBigInt(cached.subarray(85, 117)),
      };
    }
    const signed = signTypedTransaction(tx, account.secretKey);
    this.signed++;
    const record = concatBytes(
      keyBytes,
      Uint8Array.of(Number(signed.v)),
      bigIntToBytes(signed.r, 32),
      bigIntToBytes(signed.s, 32),
    );
    this.signatures.set(key, record);
    this.newSignatures++;
    return signed;
  }

  /**
   * Writes new addresses and signatures to the cache directory (atomically: temp file + rename, so
   * a concurrent run never reads half a file). A no-op without a directory or without news.
   */
  save(): void {
    if (this.dir === undefined) return;
    mkdirSync(this.dir, { recursive: true });
    if (this.newAddresses) {
      atomicWrite(
        join(this.dir, "accounts-v1.bin"),
        this.addresses.subarray(0, this.addressCount * ADDRESS_BYTES),
      );
      this.newAddresses = false;
    }
    if (this.newSignatures > 0) {
      // A loop, not concatBytes(...spread): 50k arguments would overflow the call stack.
      const out = new Uint8Array(this.signatures.size * SIGNATURE_RECORD_BYTES);
      let o = 0;
      for (const record of this.signatures.values()) {
        out.set(record, o);
        o += SIGNATURE_RECORD_BYTES;
      }
      atomicWrite(this.signatureFile(), out);
      this.newSignatures = 0;
    }
  }
}

function readIfPresent(file: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    return undefined;
  }
}

function atomicWrite(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}
