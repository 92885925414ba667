import { GAS_PER_BLOB } from "../evm/blobGas.js";
import type { BlockEnv } from "../evm/blockEnv.js";
import { createAddress } from "../evm/contractAddress.js";
import { delegatedAddress } from "../evm/delegation.js";
import { Evm, type StepTracer } from "../evm/evm.js";
import { Fork } from "../evm/fork.js";
import { counterPart } from "../evm/gasReserve.js";
import { EMPTY_BYTES, type FrameResult, FrameStatus, haltResult } from "../evm/message.js";
import { createCollides, executeCall, executeCreate } from "../evm/messageCall.js";
import { getPrecompile, precompileKeys } from "../evm/precompiles/registry.js";
import { equalBytes } from "../primitives/hex.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { JournaledState } from "../state/journaledState.js";
import type { StateReader } from "../state/stateReader.js";
import { applyAuthorizations } from "./applyAuthorizations.js";
import type { TransactionOutcome } from "./applyTransaction.js";
import { InvalidTransactionError } from "./invalidTransactionError.js";
import type { Transaction } from "./transaction.js";
import { checkIntrinsicGas, checkStatelessRules } from "./transactionValidity.js";

/** A transaction's outcome plus its write set, not yet folded into any state. */
export interface ExecutedTransaction {
  outcome: TransactionOutcome;
  writes: AccountWrite[];
  /**
   * Priority fee owed to the coinbase; already in `writes` unless `deferCoinbaseFee` was set (then 0
   * when the transaction destroyed the coinbase, which takes the fee with it).
   */
  coinbaseFee: bigint;
  /** A value transfer left to the caller (ExecuteOptions.lazyCredit): credit `amount` to `address`. */
  credit: LazyCredit | undefined;
}

/** A recipient credit the caller applies after the transaction's writes. */
export interface LazyCredit {
  address: Uint8Array;
  amount: bigint;
}

/** Optional instrumentation for one transaction. */
export interface ExecuteOptions {
  tracer?: StepTracer;
  /**
   * Leave the coinbase fee out of the write set (the caller folds it in order). The parallel executor uses
   * this so that transactions do not all read-modify-write the coinbase balance (a lazy update).
   */
  deferCoinbaseFee?: boolean;
  /**
   * For a plain value transfer (no data, non-zero value, Spurious Dragon on) to `to`: return true when
   * `to` is known to have no code, and the executor skips the call and returns the credit instead of
   * reading and writing the recipient (a lazy update; the caller must apply it in order).
   */
  lazyCredit?: (to: Uint8Array) => boolean;
}

const MAX_NONCE = 2n ** 64n - 1n;

function reject(reason: ConstructorParameters<typeof InvalidTransactionError>[0], message: string): never {
  throw new InvalidTransactionError(reason, message);
}

/**
 * Validates and executes one transaction against `reader` without side effects outside the returned
 * write set: buys gas, runs the call or creation, refunds (capped per fork), applies the EIP-7623 floor,
 * pays the coinbase its priority fee and deletes self-destructed and (EIP-161) touched-empty accounts.
 * Throws InvalidTransactionError when the transaction cannot be included.
 */
export function executeTransaction(
  reader: StateReader,
  env: BlockEnv,
  tx: Transaction,
  sender: Uint8Array,
  fork: Fork,
  options: ExecuteOptions = {},
): ExecutedTransaction {
  checkStatelessRules(tx, fork, env.chainId);
  const state = new JournaledState(reader);
  const senderAccount = state.account(sender);

  if (tx.gasLimit > env.gasLimit) {
    reject("GAS_ALLOWANCE_EXCEEDED", `Gas limit ${tx.gasLimit} exceeds the block gas limit ${env.gasLimit}`);
  }
  if (senderAccount.nonce >= MAX_NONCE)
    reject("NONCE_IS_MAX", `Sender nonce ${senderAccount.nonce} is at the maximum`);
  if (tx.nonce < senderAccount.nonce) {
    reject("NONCE_MISMATCH_TOO_LOW", `Nonce too low: account has ${senderAccount.nonce}, tx has ${tx.nonce}`);
  }
  if (tx.nonce > senderAccount.nonce) {
    reject(
      "NONCE_MISMATCH_TOO_HIGH",
      `Nonce too high: account has ${senderAccount.nonce}, tx has ${tx.nonce}`,
    );
  }
  // EIP-3607: only externally owned accounts (or 7702-delegated ones) send transactions.
  const senderCode = state.code(senderAccount);
  if (senderCode.length > 0 && !(fork >= Fork.Prague && delegatedAddress(senderCode) !== undefined)) {
    reject("SENDER_NOT_EOA", "Sender has deployed code");
  }
  if (fork >= Fork.London && tx.maxFeePerGas < env.baseFee) {
    reject(
      "INSUFFICIENT_MAX_FEE_PER_GAS",
      `maxFeePerGas ${tx.maxFeePerGas} is below the base fee ${env.baseFee}`,
    );
  }
  const gasPrice =
    fork >= Fork.London ? minBigInt(tx.maxFeePerGas, env.baseFee + tx.maxPriorityFeePerGas) : tx.gasPrice;

  const evm = new Evm(state, env, fork, { origin: sender, gasPrice, blobHashes: tx.blobVersionedHashes });
  evm.tracer = options.tracer;
  let blobGas = 0n;
  if (tx.type === 3) {
    if (tx.maxFeePerBlobGas < evm.blobBaseFee) {
      reject(
        "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS",
        `maxFeePerBlobGas ${tx.maxFeePerBlobGas} is below the blob base fee ${evm.blobBaseFee}`,
      );
    }
    blobGas = GAS_PER_BLOB * BigInt(tx.blobVersionedHashes.length);
  }
  const maxCost = tx.gasLimit * tx.maxFeePerGas + tx.value + blobGas * tx.maxFeePerBlobGas;
  if (senderAccount.balance < maxCost) {
    reject(
      "INSUFFICIENT_ACCOUNT_FUNDS",
      `Sender balance ${senderAccount.balance} is below the maximum cost ${maxCost}`,
    );
  }
  // Intrinsic gas and the EIP-7623 floor come after the state checks, as in geth's state transition
  // (preCheck: nonce, EIP-3607, fee vs base fee, blob fee, balance; then intrinsic gas, then floor).
  // The ethereum/tests blockchain fixtures were filled by geth and name its first failing check;
  // EEST fixtures accept either order where both apply.
  const gasFigures = checkIntrinsicGas(tx, fork);

  // Buy gas, bump the nonce, warm what the transaction names (EIP-2929/2930/3651).
  state.setBalance(senderAccount, senderAccount.balance - tx.gasLimit * gasPrice - blobGas * evm.blobBaseFee);
  state.setNonce(senderAccount, senderAccount.nonce + 1n);
  if (fork >= Fork.Berlin) {
    // Pre-warming does not load the accounts: a read would make every transaction depend on, say,
    // the coinbase balance in the parallel executor.
    state.warmAccount(senderAccount);
    if (tx.to !== undefined) state.prewarm(tx.to, undefined);
    state.prewarmAll(precompileKeys(fork));
    for (const entry of tx.accessList) {
      state.prewarm(entry.address, undefined);
      for (const key of entry.storageKeys) state.prewarm(entry.address, bytes32ToBigInt(key));
    }
    if (fork >= Fork.Shanghai) state.prewarm(env.coinbase, undefined);
  }
  if (tx.type === 4) applyAuthorizations(state, tx, env.chainId);

  // Frames count gas in doubles; gas above 2^53 - 1 (only synthetic tests get there) travels as the
  // frame's BigInt reserve (src/evm/gasReserve.ts).
  const available = tx.gasLimit - gasFigures.intrinsicGas;
  const gas = counterPart(available);
  const gasReserve = available - BigInt(gas);
  let result: FrameResult;
  let credit: LazyCredit | undefined;
  let createdAddress: Uint8Array | undefined;
  if (tx.to === undefined) {
    createdAddress = createAddress(sender, tx.nonce);
    const target = state.account(createdAddress);
    if (fork >= Fork.Berlin) state.warmAccount(target);
    result = createCollides(evm, target)
      ? haltResult()
      : executeCreate(evm, {
          caller: sender,
          address: createdAddress,
          codeAddress: createdAddress,
          code: tx.data,
          value: tx.value,
          data: EMPTY_BYTES,
          gas,
          gasReserve,
          depth: 0,
          isStatic: false,
        });
  } else if (isLazyCredit(tx, sender, env, fork, options)) {
    // A plain transfer to a code-less account: the recipient is credited by the caller, in order, so the
    // transaction never reads it (many senders paying one address do not conflict).
    state.setBalance(senderAccount, senderAccount.balance - tx.value);
    credit = { address: tx.to, amount: tx.value };
    result = { status: FrameStatus.Success, gasLeft: gas, gasReserve, output: EMPTY_BYTES };
  } else {
    const target = state.account(tx.to);
    let code = state.code(target);
    let codeAddress = tx.to;
    const delegate = fork >= Fork.Prague ? delegatedAddress(code) : undefined;
    if (delegate !== undefined) {
      const delegateAccount = state.account(delegate);
      state.warmAccount(delegateAccount);
      code = state.code(delegateAccount);
      codeAddress = delegate;
    }
    result = executeCall(
      evm,
      {
        caller: sender,
        address: tx.to,
        codeAddress,
        code,
        value: tx.value,
        data: tx.data,
        gas,
        gasReserve,
        depth: 0,
        isStatic: false,
      },
      true,
      delegate === undefined,
    );
  }

  // Refund (capped at gasUsed / 2, or / 5 from London), then the EIP-7623 floor.
  let gasUsed = tx.gasLimit - BigInt(result.gasLeft) - result.gasReserve;
  const refund = BigInt(Math.max(state.refund, 0));
  const maxRefund = gasUsed / BigInt(evm.schedule.maxRefundQuotient);
  gasUsed -= refund < maxRefund ? refund : maxRefund;
  if (gasUsed < gasFigures.floorDataGas) gasUsed = gasFigures.floorDataGas;

  state.setBalance(senderAccount, senderAccount.balance + (tx.gasLimit - gasUsed) * gasPrice);
  const priorityFee = fork >= Fork.London ? gasPrice - env.baseFee : gasPrice;
  let coinbaseFee = gasUsed * priorityFee;
  if (!options.deferCoinbaseFee) payCoinbase(state, env.coinbase, coinbaseFee);
  // Paid now, the fee would go to a coinbase this transaction destroyed and vanish with it at finalize;
  // deferred, there is nothing left to pay.
  else if (state.isSelfDestructed(env.coinbase)) coinbaseFee = 0n;

  const success = result.status === FrameStatus.Success;
  const writes = state.finalize(fork >= Fork.SpuriousDragon);
  return {
    outcome: {
      status: success ? 1 : 0,
      gasUsed,
      logs: success ? evm.logs : [],
      createdAddress: success ? createdAddress : undefined,
      output: result.output,
    },
    writes,
    coinbaseFee,
    credit,
  };
}

/** Whether `tx` may leave its recipient's credit to the caller (see ExecuteOptions.lazyCredit). */
function isLazyCredit(
  tx: Transaction,
  sender: Uint8Array,
  env: BlockEnv,
  fork: Fork,
  options: ExecuteOptions,
): boolean {
  const to = tx.to;
  if (options.lazyCredit === undefined || to === undefined) return false;
  // Values below 2^64 keep any block's sum of credits within the 96 bits validation compares.
  if (
    tx.data.length !== 0 ||
    tx.type === 4 ||
    tx.value === 0n ||
    tx.value >= 2n ** 64n ||
    fork < Fork.SpuriousDragon
  ) {
    return false;
  }
  if (equalBytes(to, sender) || equalBytes(to, env.coinbase) || getPrecompile(to, fork) !== undefined)
    return false;
  return options.lazyCredit(to);
}

/** Credits the block's fee recipient and touches it (EIP-161: a zero fee to an empty coinbase deletes it). */
export function payCoinbase(state: JournaledState, coinbase: Uint8Array, amount: bigint): void {
  const record = state.account(coinbase);
  if (amount !== 0n) state.setBalance(record, record.balance + amount);
  state.touch(record);
}

function minBigInt(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function bytes32ToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}
