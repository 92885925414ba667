import { bytesToHex, hexToBytes } from "../primitives/hex.js";
import type { BenchAccount } from "./benchAccount.js";
import type { BenchKeyring } from "./benchKeyring.js";
import { SeededRandom } from "./rng.js";
import { SYSTEM_CONTRACTS } from "./systemContracts.js";
import {
  BENCH_FORK,
  benchBlockEnv,
  fundedAccount,
  type LocationNames,
  type PreStateAccount,
  type SignedTransaction,
  unsignedCall,
  type Workload,
} from "./workload.js";

/** How a generated block is sized and seeded. */
export interface GenerateOptions {
  /** Total gas the block's transactions should use (they stop at the first one that reaches it). */
  gas: bigint;
  seed: number;
  /** Signs and derives accounts (with its on-disk cache). */
  keyring: BenchKeyring;
}

/**
 * Accumulates one generated block: pre-state accounts (merged by address), signed transactions and
 * the gas they are expected to use, plus names for the analyzer. Each transaction gets a fresh
 * sender, so no two transactions share a nonce and only the contract state they touch can conflict.
 */
export class WorkloadBuilder {
  readonly name: string;
  readonly random: SeededRandom;
  readonly seed: number;
  private readonly keyring: BenchKeyring;
  private readonly targetGas: bigint;
  private plannedGas = 0n;
  private readonly accounts = new Map<string, PreStateAccount>();
  private readonly txs: SignedTransaction[] = [];
  private nextSender = 0;
  readonly names: LocationNames = { addresses: new Map(), slots: new Map() };

  constructor(name: string, options: GenerateOptions) {
    this.name = name;
    this.seed = options.seed;
    this.random = new SeededRandom(options.seed, name);
    this.keyring = options.keyring;
    this.targetGas = options.gas;
    for (const system of SYSTEM_CONTRACTS) {
      this.contract(hexToBytes(system.address), hexToBytes(system.code), system.name);
    }
  }

  /** True once the planned gas reaches the target: stop adding transactions. */
  get full(): boolean {
    return this.plannedGas >= this.targetGas;
  }

  /** The pre-state account at `address`, created empty (no code, zero balance) on first use. */
  account(address: Uint8Array): PreStateAccount {
    const key = bytesToHex(address);
    let account = this.accounts.get(key);
    if (account === undefined) {
      account = { address, nonce: 0n, balance: 0n, code: new Uint8Array(0), storage: new Map() };
      this.accounts.set(key, account);
    }
    return account;
  }

  /** Places a contract with `code` (nonce 1, as after deployment) at `address`. */
  contract(address: Uint8Array, code: Uint8Array, label: string): PreStateAccount {
    const account = this.account(address);
    account.code = code;
    account.nonce = 1n;
    this.nameAddress(address, label);
    return account;
  }

  /** Records a human name for `address`. */
  nameAddress(address: Uint8Array, label: string): void {
    this.names.addresses.set(bytesToHex(address), label);
  }

  /** Records a human name for storage `slot` of `address`. */
  nameSlot(address: Uint8Array, slot: bigint, label: string): void {
    const key = bytesToHex(address);
    let slots = this.names.slots.get(key);
    if (slots === undefined) {
      slots = new Map();
      this.names.slots.set(key, slots);
    }
    slots.set(slot, label);
  }

  /** A fresh sender, funded with ETH for gas in the pre-state. */
  sender(): BenchAccount {
    const sender = this.keyring.account(this.nextSender++);
    const funded = fundedAccount(sender.address);
    this.accounts.set(bytesToHex(sender.address), funded);
    return sender;
  }

  /**
   * Appends a signed call from `from` (nonce 0: senders are fresh) expected to use `expectedGas`,
   * the figure the block is sized by.
   */
  call(
    from: BenchAccount,
    to: Uint8Array,
    data: Uint8Array,
    gasLimit: bigint,
    expectedGas: bigint,
    value = 0n,
  ): void {
    const tx = this.keyring.sign(unsignedCall(0n, to, data, gasLimit, value), from);
    this.txs.push({ tx, sender: from.address });
    this.plannedGas += expectedGas;
  }

  /** The finished workload; the block gas limit leaves room for estimate error. */
  build(): Workload {
    const env = benchBlockEnv();
    const needed = (this.plannedGas * 11n) / 10n + 1_000_000n;
    if (needed > env.gasLimit) env.gasLimit = needed;
    return {
      name: this.name,
      fork: BENCH_FORK,
      env,
      preState: [...this.accounts.values()],
      txs: this.txs,
      names: this.names,
      preStateComplete: true,
    };
  }
}
