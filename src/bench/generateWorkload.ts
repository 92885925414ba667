import { bytesToHex } from "../primitives/hex.js";
import { encodeFunctionCall } from "./abiEncode.js";
import { benchAddress } from "./benchAccount.js";
import { BenchContracts, tokenBalanceSlot } from "./benchContracts.js";
import type { Workload } from "./workload.js";
import { type GenerateOptions, WorkloadBuilder } from "./workloadBuilder.js";

/** The generated workloads, in the order `--workload all` runs them. */
export const WORKLOAD_NAMES = ["raw", "raw-hot", "erc20", "erc20-hot", "amm", "amm-hot", "mixed"] as const;
/** One of WORKLOAD_NAMES. */
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];
/** One gigagas: the default size of a generated block. */
export const DEFAULT_BLOCK_GAS = 1_000_000_000n;

/** True when `name` is a generated workload's name. */
export function isWorkloadName(name: string): name is WorkloadName {
  return (WORKLOAD_NAMES as readonly string[]).includes(name);
}

// Gas each kind of transaction uses (measured with our executor; Prague, all accesses cold). The
// block is sized by these, so its real gas lands within a fraction of a percent of the target.
const RAW_TRANSFER_GAS = 21_000n;
const ERC20_TO_NEW_HOLDER_GAS = 51_348n;
const ERC20_TO_HOLDER_GAS = 34_250n;
const SWAP_GAS = 94_500n;
const ERC20_GAS_LIMIT = 100_000n;
const SWAP_GAS_LIMIT = 200_000n;
const TOKEN_SUPPLY_PER_SENDER = 10n ** 24n;
/** Tokens the independent erc20 and mixed blocks spread over. */
const TOKEN_COUNT = 8;

const TRANSFER = "transfer(address,uint256)";
const SWAP = "swapExactIn(address,uint256,uint256,address)";

/**
 * Generates the named block, deterministic in (`name`, `options.seed`, `options.gas`); a larger gas
 * for the same seed yields the smaller block's transactions as a prefix. Kinds:
 * - `raw`: ETH transfers, each from a fresh sender to a fresh recipient (fully independent).
 * - `raw-hot`: every transfer pays one exchange address (independent only with lazy balance updates).
 * - `erc20`: token transfers over 8 tokens to fresh recipients (independent).
 * - `erc20-hot`: transfers on 2 tokens to 4 recipients each: 8 serial clusters.
 * - `amm`: swaps, each on its own pool (independent).
 * - `amm-hot`: every swap on one pool, in both directions (a serial chain through its reserves).
 * - `mixed`: 20% raw, 10% raw to the exchange, 25% erc20 to new holders, 15% erc20 to 8 hot
 *   holders, 30% swaps over 16 shared pools.
 * Every transaction pays the coinbase a priority fee of 1 wei per gas.
 */
export function generateWorkload(name: WorkloadName, options: GenerateOptions): Workload {
  const builder = new WorkloadBuilder(name, options);
  const contracts = new BenchContracts(builder);
  const kind = generators[name];
  for (let i = 0; !builder.full; i++) kind(builder, contracts, i);
  return builder.build();
}

type TxGenerator = (builder: WorkloadBuilder, contracts: BenchContracts, index: number) => void;

const generators: Record<WorkloadName, TxGenerator> = {
  raw: (b, _c, i) => rawTransfer(b, benchAddress(`raw-recipient-${b.seed}`, i)),
  "raw-hot": (b) => rawTransfer(b, exchange(b)),
  erc20: (b, c, i) => erc20Transfer(b, c, b.random.below(TOKEN_COUNT), freshHolder(b, i)),
  "erc20-hot": (b, c) => erc20Transfer(b, c, b.random.below(2), hotHolder(b, b.random.below(4))),
  amm: (b, c, i) => swap(b, c, i, b.random.below(TOKEN_COUNT)),
  "amm-hot": (b, c) => swap(b, c, 0, 0),
  mixed: (b, c, i) => {
    const roll = b.random.below(100);
    if (roll < 20) rawTransfer(b, benchAddress(`raw-recipient-${b.seed}`, i));
    else if (roll < 30) rawTransfer(b, exchange(b));
    else if (roll < 55) erc20Transfer(b, c, b.random.below(TOKEN_COUNT), freshHolder(b, i));
    else if (roll < 70) erc20Transfer(b, c, b.random.below(TOKEN_COUNT), hotHolder(b, b.random.below(8)));
    else {
      const pool = b.random.below(16);
      swap(b, c, pool, pool % TOKEN_COUNT);
    }
  },
};

function rawTransfer(b: WorkloadBuilder, to: Uint8Array): void {
  const value = b.random.bigintBetween(1n, 1_000_000);
  b.call(b.sender(), to, new Uint8Array(0), RAW_TRANSFER_GAS, RAW_TRANSFER_GAS, value);
}

/** The single address raw-hot pays (think: an exchange's deposit address). */
function exchange(b: WorkloadBuilder): Uint8Array {
  const address = benchAddress(`raw-exchange-${b.seed}`, 0);
  b.nameAddress(address, "exchange");
  return address;
}

interface Holder {
  address: Uint8Array;
  /** True when the recipient may already hold the token (its balance slot costs less to write). */
  hot: boolean;
}

function freshHolder(b: WorkloadBuilder, index: number): Holder {
  return { address: benchAddress(`erc20-recipient-${b.seed}`, index), hot: false };
}

/** One of a few popular recipients. */
function hotHolder(b: WorkloadBuilder, index: number): Holder {
  const address = benchAddress(`erc20-hot-recipient-${b.seed}`, index);
  b.nameAddress(address, `hot holder ${index}`);
  return { address, hot: true };
}

function erc20Transfer(b: WorkloadBuilder, c: BenchContracts, tokenIndex: number, to: Holder): void {
  const sender = b.sender();
  const token = c.token(tokenIndex);
  c.credit(token, sender.address, TOKEN_SUPPLY_PER_SENDER);
  const holds = to.hot && (b.account(token).storage.get(tokenBalanceSlot(to.address)) ?? 0n) > 0n;
  const amount = b.random.bigintBetween(1_000n, 1_000_000);
  // A hot holder is credited in the pre-state once, so every transfer to it updates a non-zero slot.
  if (to.hot && !holds) {
    c.credit(token, to.address, 1n);
    b.nameSlot(
      token,
      tokenBalanceSlot(to.address),
      `balanceOf[${b.names.addresses.get(bytesToHex(to.address))}]`,
    );
  }
  const gas = to.hot ? ERC20_TO_HOLDER_GAS : ERC20_TO_NEW_HOLDER_GAS;
  b.call(sender, token, encodeFunctionCall(TRANSFER, [to.address, amount]), ERC20_GAS_LIMIT, gas);
}

/**
 * A swapExactIn on pool `poolIndex` (over tokens tokenIndex and tokenIndex + 1) in a random
 * direction, paid out to the sender, who holds twice the input and a max allowance for the pool.
 */
function swap(b: WorkloadBuilder, c: BenchContracts, poolIndex: number, tokenIndex: number): void {
  const token0 = c.token(tokenIndex);
  const token1 = c.token((tokenIndex + 1) % TOKEN_COUNT);
  const reserve = 10n ** 27n;
  const pair = c.pool(poolIndex, token0, token1, reserve, 2n * reserve);
  const tokenIn = b.random.chance(0.5) ? token0 : token1;
  const amountIn = 10n ** 18n + b.random.bigintBetween(0n, 1_000_000) * 10n ** 12n;
  const sender = b.sender();
  c.credit(tokenIn, sender.address, 2n * amountIn);
  c.approveMax(tokenIn, sender.address, pair);
  const data = encodeFunctionCall(SWAP, [tokenIn, amountIn, 1n, sender.address]);
  b.call(sender, pair, data, SWAP_GAS_LIMIT, SWAP_GAS);
}
