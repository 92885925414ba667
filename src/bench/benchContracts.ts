import { hexToBytes } from "../primitives/hex.js";
import { benchAddress } from "./benchAccount.js";
import { AMM_PAIR_ARTIFACT, ERC20_ARTIFACT, storageSlotOf } from "./contractArtifact.js";
import { mappingSlot } from "./storageSlot.js";
import type { WorkloadBuilder } from "./workloadBuilder.js";

const MAX_UINT256 = (1n << 256n) - 1n;
const BALANCE_OF_SLOT = storageSlotOf(ERC20_ARTIFACT, "balanceOf");
const ALLOWANCE_SLOT = storageSlotOf(ERC20_ARTIFACT, "allowance");
const TOTAL_SUPPLY_SLOT = storageSlotOf(ERC20_ARTIFACT, "totalSupply");
const TOKEN_CODE = hexToBytes(ERC20_ARTIFACT.deployedBytecode);
const PAIR_CODE = hexToBytes(AMM_PAIR_ARTIFACT.deployedBytecode);
const RESERVES_SLOT = storageSlotOf(AMM_PAIR_ARTIFACT, "reserve0");

/** The balanceOf slot of `holder` in any token compiled from contracts/ERC20.sol. */
export function tokenBalanceSlot(holder: Uint8Array): bigint {
  return mappingSlot(holder, BALANCE_OF_SLOT);
}

/**
 * ERC20 tokens and AmmPair pools placed straight into a generated block's pre-state (code plus the
 * storage a deployment and a few mints would leave), created on first use.
 */
export class BenchContracts {
  private readonly builder: WorkloadBuilder;
  private readonly tokens: Uint8Array[] = [];
  private readonly pools: Uint8Array[] = [];

  constructor(builder: WorkloadBuilder) {
    this.builder = builder;
  }

  /** The `index`-th token, deployed into the pre-state on first use. */
  token(index: number): Uint8Array {
    let token = this.tokens[index];
    if (token === undefined) {
      token = benchAddress(`bench-token-${this.builder.seed}`, index);
      this.tokens[index] = token;
      this.builder.contract(token, TOKEN_CODE, `erc20 token ${index}`);
      this.builder.nameSlot(token, TOTAL_SUPPLY_SLOT, "totalSupply");
    }
    return token;
  }

  /** Mints `amount` of `token` to `holder` (balance and totalSupply). */
  credit(token: Uint8Array, holder: Uint8Array, amount: bigint): void {
    const storage = this.builder.account(token).storage;
    const slot = tokenBalanceSlot(holder);
    storage.set(slot, (storage.get(slot) ?? 0n) + amount);
    storage.set(TOTAL_SUPPLY_SLOT, (storage.get(TOTAL_SUPPLY_SLOT) ?? 0n) + amount);
  }

  /** Lets `spender` move any amount of `owner`'s `token`. */
  approveMax(token: Uint8Array, owner: Uint8Array, spender: Uint8Array): void {
    this.builder
      .account(token)
      .storage.set(mappingSlot(spender, mappingSlot(owner, ALLOWANCE_SLOT)), MAX_UINT256);
  }

  /**
   * The `index`-th AmmPair over (`token0`, `token1`), with reserves minted to it and recorded in
   * its packed reserves slot, created on first use.
   */
  pool(
    index: number,
    token0: Uint8Array,
    token1: Uint8Array,
    reserve0: bigint,
    reserve1: bigint,
  ): Uint8Array {
    let pair = this.pools[index];
    if (pair === undefined) {
      pair = benchAddress(`bench-pair-${this.builder.seed}`, index);
      this.pools[index] = pair;
      const account = this.builder.contract(pair, PAIR_CODE, `amm pool ${index}`);
      account.storage.set(storageSlotOf(AMM_PAIR_ARTIFACT, "token0"), addressToBigInt(token0));
      account.storage.set(storageSlotOf(AMM_PAIR_ARTIFACT, "token1"), addressToBigInt(token1));
      // reserve0 | reserve1 << 112 | blockTimestampLast << 224, all packed in one slot.
      account.storage.set(RESERVES_SLOT, reserve0 | (reserve1 << 112n));
      account.storage.set(storageSlotOf(AMM_PAIR_ARTIFACT, "unlocked"), 1n);
      this.builder.nameSlot(pair, RESERVES_SLOT, "reserves");
      this.builder.nameSlot(token0, tokenBalanceSlot(pair), `balanceOf[amm pool ${index}]`);
      this.builder.nameSlot(token1, tokenBalanceSlot(pair), `balanceOf[amm pool ${index}]`);
      this.credit(token0, pair, reserve0);
      this.credit(token1, pair, reserve1);
    }
    return pair;
  }
}

/** A 20-byte address as the uint256 Solidity stores it as. */
export function addressToBigInt(address: Uint8Array): bigint {
  let value = 0n;
  for (const byte of address) value = (value << 8n) | BigInt(byte);
  return value;
}
