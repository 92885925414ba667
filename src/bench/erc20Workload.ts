import { hexToBytes } from "../primitives/hex.js";
import { encodeFunctionCall } from "./abiEncode.js";
import { benchAccount, benchAddress } from "./benchAccount.js";
import { ERC20_ARTIFACT, storageSlotOf } from "./contractArtifact.js";
import { mappingSlot } from "./storageSlot.js";
import {
  BENCH_FORK,
  benchBlockEnv,
  fundedAccount,
  type PreStateAccount,
  signedCall,
  type Workload,
} from "./workload.js";

/** One `transfer` of the workload. */
export interface Erc20Transfer {
  from: Uint8Array;
  to: Uint8Array;
  amount: bigint;
}

/** An ERC20 workload plus what a check of its result needs. */
export interface Erc20Workload extends Workload {
  token: Uint8Array;
  transfers: Erc20Transfer[];
  /** Token balance every sender starts with. */
  initialBalance: bigint;
}

/** Gas limit of each transfer: a cold transfer to a fresh recipient costs about 52,000. */
const TRANSFER_GAS_LIMIT = 100_000n;
const INITIAL_TOKEN_BALANCE = 10n ** 24n;

/**
 * `count` ERC20 `transfer`s, each from a distinct funded sender to a distinct fresh recipient, so no
 * two transactions touch the same balance slot (the independent case a parallel executor should win).
 * The token is placed in the pre-state with its runtime code and the senders' balances written
 * straight into the `balanceOf` mapping slots.
 */
export function buildErc20Workload(count: number): Erc20Workload {
  const token = benchAddress("erc20-token", 0);
  const balanceOfSlot = storageSlotOf(ERC20_ARTIFACT, "balanceOf");
  const tokenStorage = new Map<bigint, bigint>();
  const preState: PreStateAccount[] = [];
  const txs = [];
  const transfers: Erc20Transfer[] = [];
  for (let i = 0; i < count; i++) {
    const sender = benchAccount(i);
    const recipient = benchAddress("erc20-recipient", i);
    const amount = 1_000n + BigInt(i);
    preState.push(fundedAccount(sender.address));
    tokenStorage.set(mappingSlot(sender.address, balanceOfSlot), INITIAL_TOKEN_BALANCE);
    transfers.push({ from: sender.address, to: recipient, amount });
    const data = encodeFunctionCall("transfer(address,uint256)", [recipient, amount]);
    txs.push(signedCall(sender, 0n, token, data, TRANSFER_GAS_LIMIT));
  }
  tokenStorage.set(storageSlotOf(ERC20_ARTIFACT, "totalSupply"), INITIAL_TOKEN_BALANCE * BigInt(count));
  preState.push({
    address: token,
    nonce: 1n,
    balance: 0n,
    code: hexToBytes(ERC20_ARTIFACT.deployedBytecode),
    storage: tokenStorage,
  });
  return {
    name: "erc20",
    fork: BENCH_FORK,
    env: benchBlockEnv(),
    preState,
    txs,
    token,
    transfers,
    initialBalance: INITIAL_TOKEN_BALANCE,
  };
}
