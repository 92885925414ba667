import { hexToBytes } from "../primitives/hex.js";
import { encodeFunctionCall } from "./abiEncode.js";
import { benchAccount, benchAddress } from "./benchAccount.js";
import { AMM_PAIR_ARTIFACT, ERC20_ARTIFACT, storageSlotOf } from "./contractArtifact.js";
import { mappingSlot } from "./storageSlot.js";
import {
  BENCH_FORK,
  benchBlockEnv,
  fundedAccount,
  type PreStateAccount,
  signedCall,
  type Workload,
} from "./workload.js";

/** An AMM workload plus what a check of its result needs. */
export interface AmmWorkload extends Workload {
  pair: Uint8Array;
  token0: Uint8Array;
  token1: Uint8Array;
  reserve0: bigint;
  reserve1: bigint;
  /** token0 each swap sells, by transaction index. */
  amountsIn: bigint[];
}

const MAX_UINT256 = (1n << 256n) - 1n;
/** A swapExactIn costs about 90,000 gas (two token calls, transferFrom, reserves update). */
const SWAP_GAS_LIMIT = 200_000n;

/**
 * `count` swaps of token0 for token1 through one AmmPair via `swapExactIn`, each from a distinct
 * sender holding token0 and an infinite allowance for the pair. Every swap reads and writes the
 * pair's reserves: a fully serial dependency chain, the worst case for a parallel executor.
 * Tokens, balances, allowances and reserves are written straight into storage.
 */
export function buildAmmWorkload(count: number): AmmWorkload {
  const token0 = benchAddress("amm-token0", 0);
  const token1 = benchAddress("amm-token1", 0);
  const pair = benchAddress("amm-pair", 0);
  const reserve0 = 10n ** 27n;
  const reserve1 = 2n * 10n ** 27n;
  const balanceOf = storageSlotOf(ERC20_ARTIFACT, "balanceOf");
  const allowance = storageSlotOf(ERC20_ARTIFACT, "allowance");
  const totalSupply = storageSlotOf(ERC20_ARTIFACT, "totalSupply");
  const senderBalance = 10n ** 24n;

  const token0Storage = new Map<bigint, bigint>([[mappingSlot(pair, balanceOf), reserve0]]);
  const token1Storage = new Map<bigint, bigint>([[mappingSlot(pair, balanceOf), reserve1]]);
  const preState: PreStateAccount[] = [];
  const txs = [];
  const amountsIn: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const sender = benchAccount(i);
    preState.push(fundedAccount(sender.address));
    token0Storage.set(mappingSlot(sender.address, balanceOf), senderBalance);
    token0Storage.set(mappingSlot(pair, mappingSlot(sender.address, allowance)), MAX_UINT256);
    const amountIn = 10n ** 18n + BigInt(i) * 10n ** 15n;
    amountsIn.push(amountIn);
    const data = encodeFunctionCall("swapExactIn(address,uint256,uint256,address)", [
      token0,
      amountIn,
      1n,
      sender.address,
    ]);
    txs.push(signedCall(sender, 0n, pair, data, SWAP_GAS_LIMIT));
  }
  token0Storage.set(totalSupply, reserve0 + senderBalance * BigInt(count));
  token1Storage.set(totalSupply, reserve1);

  const tokenCode = hexToBytes(ERC20_ARTIFACT.deployedBytecode);
  const pairStorage = new Map<bigint, bigint>([
    [storageSlotOf(AMM_PAIR_ARTIFACT, "token0"), addressToBigInt(token0)],
    [storageSlotOf(AMM_PAIR_ARTIFACT, "token1"), addressToBigInt(token1)],
    // reserve0 | reserve1 << 112 | blockTimestampLast << 224, all packed in one slot.
    [storageSlotOf(AMM_PAIR_ARTIFACT, "reserve0"), reserve0 | (reserve1 << 112n)],
    [storageSlotOf(AMM_PAIR_ARTIFACT, "unlocked"), 1n],
  ]);
  preState.push(
    { address: token0, nonce: 1n, balance: 0n, code: tokenCode, storage: token0Storage },
    { address: token1, nonce: 1n, balance: 0n, code: tokenCode, storage: token1Storage },
    {
      address: pair,
      nonce: 1n,
      balance: 0n,
      code: hexToBytes(AMM_PAIR_ARTIFACT.deployedBytecode),
      storage: pairStorage,
    },
  );
  return {
    name: "amm",
    fork: BENCH_FORK,
    env: benchBlockEnv(),
    preState,
    txs,
    pair,
    token0,
    token1,
    reserve0,
    reserve1,
    amountsIn,
  };
}

/** AmmPair.getAmountOut: output for `amountIn` after the 0.3% fee. */
export function ammAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const amountInWithFee = amountIn * 997n;
  return (amountInWithFee * reserveOut) / (reserveIn * 1000n + amountInWithFee);
}

function addressToBigInt(address: Uint8Array): bigint {
  let value = 0n;
  for (const byte of address) value = (value << 8n) | BigInt(byte);
  return value;
}
