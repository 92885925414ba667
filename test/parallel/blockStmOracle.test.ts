import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import { type ChainConfig, singleForkChain } from "../../src/chain/chainConfig.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { create2Address } from "../../src/evm/contractAddress.js";
import { Fork } from "../../src/evm/fork.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { addressOf, signAuthorization } from "../chain/testSigner.js";
import { comparableResult } from "./comparableResult.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";

/** Hand-assembled contracts that create the conflicts Block-STM must resolve. */
const CONTRACTS = {
  /** Stores BALANCE(COINBASE) in slot 0: depends on every earlier transaction's fee. */
  coinbaseReader: hexToBytes("0x41315f5500"),
  /** Always reverts. */
  reverter: hexToBytes("0x5f5ffd"),
  /** slot0 += 1: a hot storage slot. */
  counter: hexToBytes("0x5f546001015f5500"),
  /** CREATE of an empty contract: a hot factory nonce. */
  factory: hexToBytes("0x6000600060006000f05000"),
  /** CREATE of a contract whose init code self-destructs (EIP-6780: deleted in the same transaction). */
  selfDestructFactory: hexToBytes("0x6130ff5f526002601e5ff05000"),
  /** SELFDESTRUCT to the caller; it has storage, so before Cancun this wipes an existing contract. */
  destroyer: hexToBytes("0x33ff"),
  /** CREATE2 (salt 0) of METAMORPHIC_INIT, copied from its own code: always the same address. */
  metamorphicFactory: hexToBytes(
    `0x6021600e5f395f60215f5ff55000${"5f546001015f5571"}3415600f57600154600101600155005b33ff5f52` +
      "6012600ef3",
  ),
};

/**
 * What the factory deploys (33 bytes): slot 0 := SLOAD(0) + 1, then runtime code that, called with
 * value, does slot 1 := SLOAD(1) + 1 and, called without, SELFDESTRUCTs to the caller. Destroyed and
 * re-created in one block, the new contract's slot 1 must start from zero, not from its predecessor's.
 */
const METAMORPHIC_INIT = hexToBytes("0x5f546001015f55713415600f57600154600101600155005b33ff5f526012600ef3");

const COINBASE = hexToBytes(`0x${"c0".repeat(20)}`);
const ACCOUNTS = 12;

function address(prefix: number, index: number): Uint8Array {
  const out = new Uint8Array(20);
  out[0] = prefix;
  out[19] = index;
  return out;
}

const senders = Array.from({ length: ACCOUNTS }, (_, i) => address(0xaa, i));
const contracts = Object.values(CONTRACTS).map((_, i) => address(0xcc, i));

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  Object.values(CONTRACTS).forEach((code, i) => {
    state.setAccount(contracts[i], { code, nonce: 1n, storage: new Map([[0n, 1n]]) });
  });
  return state;
}

/** One generated transaction: who sends it, what it calls, with how much value and gas. */
interface TxSpec {
  sender: number;
  target: number;
  value: number;
  lowGas: boolean;
}

function buildBlock(specs: TxSpec[]): Block {
  const nonces = new Map<number, bigint>();
  const transactions: Transaction[] = [];
  const blockSenders: Uint8Array[] = [];
  for (const spec of specs) {
    const nonce = nonces.get(spec.sender) ?? 0n;
    nonces.set(spec.sender, nonce + 1n);
    // Targets: contracts first, then plain accounts (raw transfers, some to the coinbase).
    const to =
      spec.target < contracts.length
        ? contracts[spec.target]
        : spec.target === contracts.length
          ? COINBASE
          : senders[spec.target % ACCOUNTS];
    transactions.push(
      unsignedCall({ nonce, to, value: BigInt(spec.value), gasLimit: spec.lowGas ? 21_100n : 200_000n }),
    );
    blockSenders.push(senders[spec.sender]);
  }
  return declaredSenderBlock(COINBASE, 1_000_000_000n, transactions, blockSenders);
}

/**
 * Runs `block` sequentially and forced onto Block-STM (no fallback, shaken by random pauses) from the same
 * pre-state and expects the same result; returns the parallel one.
 */
function expectForcedRunEqualsSequential(
  chainConfig: ChainConfig,
  block: Block,
  pool: WorkerPool,
  maxDelayMicros: number,
  seed: number,
): BlockExecutionResult {
  const state = preState();
  const sequential = executeBlock(chainConfig, state, block, { workers: 1, trustSenders: true });
  const parallel = executeBlock(chainConfig, state, block, {
    pool,
    trustSenders: true,
    force: true,
    timeoutMs: 20_000,
    maxDelayMicros,
    seed,
  });
  expect(parallel.parallel?.fallbackReason).toBeUndefined();
  expect(comparableResult(parallel)).toBe(comparableResult(sequential));
  return parallel;
}

const chain = singleForkChain(Fork.Cancun);
const txSpec = fc.record({
  sender: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
  target: fc.integer({ min: 0, max: contracts.length + ACCOUNTS }),
  value: fc.integer({ min: 0, max: 1000 }),
  lowGas: fc.boolean(),
});

describe("Block-STM equals sequential execution", () => {
  const pools: WorkerPool[] = [];
  beforeAll(() => {
    // 2, 3 and 8 threads: each pool's workers plus the calling thread.
    for (const size of [1, 2, 7]) pools.push(WorkerPool.start(size));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it("on random blocks of transfers, hot slots, coinbase reads, reverts, out-of-gas and creates", () => {
    fc.assert(
      fc.property(
        fc.array(txSpec, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: pools.length - 1 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer(),
        (specs, poolIndex, maxDelayMicros, seed) => {
          const block = buildBlock(specs);
          const parallel = expectForcedRunEqualsSequential(
            chain,
            block,
            pools[poolIndex],
            maxDelayMicros,
            seed,
          );
          // Metrics: every transaction executed at least once; time went into execution tasks.
          const metrics = parallel.parallel!;
          expect(metrics.executions).toBeGreaterThanOrEqual(block.transactions.length);
          expect(metrics.validationAborts).toBeLessThanOrEqual(
            metrics.executions! - block.transactions.length,
          );
          expect(metrics.executeTasksMs).toBeGreaterThan(0);
        },
      ),
      { numRuns: Number(process.env.PEVM_FUZZ_RUNS ?? 60) },
    );
  });

  it("before Cancun, wipes storage in parallel: SELFDESTRUCT of existing contracts, a contract destroyed and re-created (CREATE2) reading a slot of its predecessor", () => {
    const shanghai = singleForkChain(Fork.Shanghai);
    const names = Object.keys(CONTRACTS);
    const destroyer = names.indexOf("destroyer");
    const factory = names.indexOf("metamorphicFactory");
    const metamorphic = create2Address(contracts[factory], new Uint8Array(32), METAMORPHIC_INIT);
    fc.assert(
      fc.property(
        fc.array(txSpec, { minLength: 10, maxLength: 40 }),
        fc.uniqueArray(fc.nat(39), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: pools.length - 1 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer(),
        (specs, picks, poolIndex, maxDelayMicros, seed) => {
          const [wipe, ...steps] = picks.map((p) => p % specs.length);
          if (new Set([wipe, ...steps]).size < 6) return; // positions collided on a short block
          // create, bump slot 1, destroy, re-create, bump slot 1 again (must read 0, not the old 1).
          const [create, bump, destroy, recreate, bumpAgain] = steps.sort((a, b) => a - b);
          const block = buildBlock(
            specs.map((spec, i) =>
              i === wipe || i === create || i === recreate
                ? { ...spec, target: i === wipe ? destroyer : factory, lowGas: false }
                : spec,
            ),
          );
          const callMetamorphic = (i: number, value: bigint) => {
            // Calldata keeps a valued call from being a lazy credit (the account has no code before the block).
            block.transactions[i] = {
              ...block.transactions[i],
              to: metamorphic,
              value,
              data: Uint8Array.of(1),
              gasLimit: 200_000n,
            };
          };
          callMetamorphic(bump, 1n);
          callMetamorphic(destroy, 0n);
          callMetamorphic(bumpAgain, 1n);
          expectForcedRunEqualsSequential(shanghai, block, pools[poolIndex], maxDelayMicros, seed);
        },
      ),
      { numRuns: Math.max(20, Math.floor(Number(process.env.PEVM_FUZZ_RUNS ?? 60) / 4)) },
    );
  });

  it("stops a dependency chain early and finishes it sequentially, with the same result", () => {
    const counter = Object.keys(CONTRACTS).indexOf("counter");
    // Every transaction increments one slot: a chain with no parallelism at all.
    const specs = Array.from({ length: 120 }, (_, i) => ({
      sender: i % ACCOUNTS,
      target: counter,
      value: 0,
      lowGas: false,
    }));
    const block = buildBlock(specs);
    const state = preState();
    const sequential = executeBlock(chain, state, block, { workers: 1, trustSenders: true });
    for (let seed = 1; seed <= 5; seed++) {
      const parallel = executeBlock(chain, state, block, {
        pool: pools[1],
        trustSenders: true,
        timeoutMs: 20_000,
        maxDelayMicros: 20,
        seed,
      });
      expect(comparableResult(parallel)).toBe(comparableResult(sequential));
      // Whether the chain shows (re-executions, suspensions) depends on the interleaving; when it
      // stops the run, it says so.
      const reason = parallel.parallel?.fallbackReason;
      if (reason !== undefined) expect(reason).toMatch(/^dependent block: .* ran sequentially$/);
    }
  });

  it("resumes sequentially when a lazily credited account gets code (EIP-7702) in the block", () => {
    const prague = singleForkChain(Fork.Prague);
    const authorityKey = new Uint8Array(32).fill(7);
    const authority = addressOf(authorityKey);
    const counter = contracts[Object.keys(CONTRACTS).indexOf("counter")];
    // Plain transfers to the authority (lazily credited: it has no code before the block), then its
    // delegation to the counter contract, then more transfers, which now run its code.
    const specs = Array.from({ length: 48 }, (_, i) => ({
      sender: i % ACCOUNTS,
      target: 0,
      value: 1,
      lowGas: false,
    }));
    const block = buildBlock(specs);
    block.transactions = block.transactions.map((tx, i) => {
      if (i !== 20) return { ...tx, to: authority, value: BigInt(i + 1) };
      const authorization = signAuthorization({ chainId: 1n, address: counter, nonce: 0n }, authorityKey);
      return { ...tx, type: 4, to: authority, value: 0n, authorizationList: [authorization] };
    });
    const state = preState();
    // Prague's request contracts (EIP-7002, EIP-7251), here returning no requests.
    for (const predeploy of [
      "0x00000961ef480eb55e80d19ad83579a64c007002",
      "0x0000bbddc7ce488642fb579f8b00f3a590007251",
    ]) {
      state.setAccount(hexToBytes(predeploy), { code: Uint8Array.of(0x00) });
    }
    const sequential = executeBlock(prague, state, block, { workers: 1, trustSenders: true });
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    for (let seed = 1; seed <= 3; seed++) {
      const parallel = executeBlock(prague, state, block, {
        pool: pools[1],
        trustSenders: true,
        force: true,
        timeoutMs: 20_000,
        maxDelayMicros: 10,
        seed,
      });
      expect(parallel.parallel?.fallbackReason).toMatch(
        /lazily credited account received code.*ran sequentially/,
      );
      expect(comparableResult(parallel)).toBe(comparableResult(sequential));
    }
  });

  it("reports the fallback reason for a small block instead of running it in parallel", () => {
    const block = buildBlock([{ sender: 0, target: 0, value: 0, lowGas: false }]);
    const result = executeBlock(chain, preState(), block, { pool: pools[1], trustSenders: true });
    expect(result.parallel?.fallbackReason).toMatch(/small block/);
  });
});
