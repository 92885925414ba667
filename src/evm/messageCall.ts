import type { AccountRecord } from "../state/journaledState.js";
import type { Evm } from "./evm.js";
import { Fork } from "./fork.js";
import { counterPart } from "./gasReserve.js";
import { runFrame } from "./interpreter.js";
import { EMPTY_BYTES, type FrameResult, FrameStatus, haltResult, type Message } from "./message.js";
import { getPrecompile } from "./precompiles/registry.js";

const CODE_DEPOSIT_GAS = 200;

/** Moves `value` wei (the caller checked the balance) and touches the recipient (EIP-161). */
export function transferValue(evm: Evm, from: AccountRecord, to: AccountRecord, value: bigint): void {
  const state = evm.state;
  if (value !== 0n) {
    state.setBalance(from, from.balance - value);
    state.setBalance(to, to.balance + value);
  }
  state.touch(to);
}

/**
 * Runs a message call frame: checkpoint, touch the target, move value (when `transfer`), run the
 * precompile or code, and roll back on revert or halt.
 */
export function executeCall(
  evm: Evm,
  msg: Message,
  transfer: boolean,
  allowPrecompile: boolean,
): FrameResult {
  const state = evm.state;
  const checkpoint = state.checkpoint();
  const logCount = evm.logs.length;
  const target = state.account(msg.address);
  if (transfer) transferValue(evm, state.account(msg.caller), target, msg.value);
  else state.touch(target);

  let result: FrameResult;
  const precompile = allowPrecompile ? getPrecompile(msg.codeAddress, evm.fork) : undefined;
  if (precompile !== undefined) {
    // A precompile sees at most 2^53 - 1 gas (msg.gas); what it does not use goes back with the reserve.
    const out = precompile(msg.data, msg.gas, evm.fork);
    result =
      out.ok && out.gasUsed <= msg.gas
        ? {
            status: FrameStatus.Success,
            gasLeft: msg.gas - out.gasUsed,
            gasReserve: msg.gasReserve ?? 0n,
            output: out.output,
          }
        : haltResult();
  } else if (msg.code.length === 0) {
    result = {
      status: FrameStatus.Success,
      gasLeft: msg.gas,
      gasReserve: msg.gasReserve ?? 0n,
      output: EMPTY_BYTES,
    };
  } else {
    result = runFrame(evm, msg);
  }
  if (result.status !== FrameStatus.Success) {
    state.revert(checkpoint);
    evm.logs.length = logCount;
  }
  return result;
}

/** True when a CREATE to this account collides (EIP-684 nonce/code, EIP-7610 storage). */
export function createCollides(evm: Evm, record: AccountRecord): boolean {
  return (
    record.nonce !== 0n ||
    evm.state.code(record).length !== 0 ||
    (record.hadStorage && !record.storageCleared)
  );
}

/**
 * Runs init code at `msg.address` (collision already checked, caller nonce already bumped):
 * fresh storage, nonce 1 from Spurious Dragon, value moved, code deposited with its size, prefix and gas rules.
 */
export function executeCreate(evm: Evm, msg: Message): FrameResult {
  const state = evm.state;
  const checkpoint = state.checkpoint();
  const logCount = evm.logs.length;
  const target = state.account(msg.address);
  state.markCreated(target);
  if (evm.fork >= Fork.SpuriousDragon) state.setNonce(target, 1n);
  transferValue(evm, state.account(msg.caller), target, msg.value);

  let result = runFrame(evm, msg);
  if (result.status === FrameStatus.Success) {
    const code = result.output;
    const depositGas = code.length * CODE_DEPOSIT_GAS;
    const reserve = result.gasReserve;
    const cannotPay =
      reserve === 0n ? depositGas > result.gasLeft : BigInt(depositGas) > BigInt(result.gasLeft) + reserve;
    if (
      (evm.fork >= Fork.London && code.length > 0 && code[0] === 0xef) ||
      code.length > evm.schedule.maxCodeSize ||
      (cannotPay && evm.fork >= Fork.Homestead)
    ) {
      result = haltResult();
    } else if (cannotPay) {
      // Frontier: a creation that cannot pay for its code succeeds with empty code.
      result = {
        status: FrameStatus.Success,
        gasLeft: result.gasLeft,
        gasReserve: reserve,
        output: EMPTY_BYTES,
      };
    } else {
      state.setCode(target, code);
      let gasLeft = result.gasLeft - depositGas;
      let gasReserve = 0n;
      if (reserve !== 0n) {
        const total = BigInt(gasLeft) + reserve;
        gasLeft = counterPart(total);
        gasReserve = total - BigInt(gasLeft);
      }
      result = { status: FrameStatus.Success, gasLeft, gasReserve, output: EMPTY_BYTES };
    }
  }
  if (result.status !== FrameStatus.Success) {
    state.revert(checkpoint);
    evm.logs.length = logCount;
  }
  return result;
}
