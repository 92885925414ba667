import {
  setWordFromBytes,
  setWordNumber,
  setWordZero,
  wordToBigInt,
  wordToNumber,
  writeWordBytes,
} from "../primitives/u256.js";
import { create2Address, createAddress } from "./contractAddress.js";
import { delegatedAddress } from "./delegation.js";
import { accountAccessCost, addressFromWord } from "./environment.js";
import { Fork } from "./fork.js";
import { chargeCallGas, chargeCreateGas, counterPart, creditGas } from "./gasReserve.js";
import { type Frame, memoryAccessCost } from "./interpreter.js";
import { EMPTY_BYTES, FrameStatus, type Message } from "./message.js";
import { createCollides, executeCall, executeCreate, transferValue } from "./messageCall.js";

const MAX_DEPTH = 1024;
const CALL_VALUE_GAS = 9000;
const CALL_STIPEND = 2300;
const NEW_ACCOUNT_GAS = 25000;
const MAX_NONCE = 2n ** 64n - 1n;

/** EIP-150: all but one 64th of the gas left. */
function allButOne64th(gas: number): number {
  return gas - Math.floor(gas / 64);
}

/**
 * CALL (0xf1), CALLCODE (0xf2), DELEGATECALL (0xf4), STATICCALL (0xfa).
 * Returns false on an exceptional halt of the calling frame.
 */
export function callOp(frame: Frame, op: number): boolean {
  const { evm, msg, stack, memory } = frame;
  const state = evm.state;
  const fork = evm.fork;
  const hasValue = op === 0xf1 || op === 0xf2;
  const requestedGasSlot = (frame.sp - 1) << 3;
  let p = requestedGasSlot;
  const requestedGas = wordToNumber(stack, p);
  const to = addressFromWord(stack, p - 8);
  p -= 16;
  const value = hasValue ? wordToBigInt(stack, p) : 0n;
  if (hasValue) p -= 8;
  const inOffset = wordToNumber(stack, p);
  const inLength = wordToNumber(stack, p - 8);
  const outOffset = wordToNumber(stack, p - 16);
  const outLength = wordToNumber(stack, p - 24);
  frame.sp -= hasValue ? 6 : 5;
  const resultSlot = (frame.sp - 1) << 3;

  const inCost = memoryAccessCost(memory, inOffset, inLength);
  const memoryCost = Math.max(inCost, memoryAccessCost(memory, outOffset, outLength));
  if (Number.isNaN(memoryCost) || Number.isNaN(inCost)) return false;

  const target = state.account(to);
  let extraGas = accountAccessCost(evm, target);
  let codeSource = target;
  let delegated = false;
  if (fork >= Fork.Prague) {
    const delegate = delegatedAddress(state.code(target));
    if (delegate !== undefined) {
      codeSource = state.account(delegate);
      extraGas += accountAccessCost(evm, codeSource);
      delegated = true;
    }
  }
  if (value !== 0n) extraGas += CALL_VALUE_GAS;
  if (op === 0xf1) {
    const needsNewAccount =
      fork >= Fork.SpuriousDragon ? value !== 0n && state.isDead(target) : !target.exists;
    if (needsNewAccount) extraGas += NEW_ACCOUNT_GAS;
  }

  // The child's gas: callGas, plus callReserve when it exceeds 2^53 - 1 (see gasReserve.ts).
  let callGas: number;
  let callReserve = 0n;
  if (frame.reserve === 0n) {
    // Every value here is below 2^53, so double arithmetic is exact (a requested gas of 2^53 or more
    // reads as Infinity and loses every min).
    if (evm.schedule.allButOne64th) {
      const available = frame.gas - memoryCost - extraGas;
      if (available < 0) return false;
      callGas = Math.min(requestedGas, allButOne64th(available));
    } else {
      callGas = requestedGas;
    }
    frame.gas -= memoryCost + extraGas + callGas;
    if (frame.gas < 0 || callGas === Number.POSITIVE_INFINITY) return false;
    if (value !== 0n) callGas += CALL_STIPEND;
  } else {
    const requested = wordToBigInt(stack, requestedGasSlot);
    let forwarded = chargeCallGas(frame, requested, memoryCost + extraGas, evm.schedule.allButOne64th);
    if (forwarded < 0n) return false;
    if (value !== 0n) forwarded += BigInt(CALL_STIPEND);
    callGas = counterPart(forwarded);
    callReserve = forwarded - BigInt(callGas);
  }
  if (op === 0xf1 && msg.isStatic && value !== 0n) return false;
  memory.grow(inOffset, inLength);
  memory.grow(outOffset, outLength);

  frame.returnData = EMPTY_BYTES;
  const caller = state.account(msg.address);
  if (msg.depth + 1 > MAX_DEPTH || (hasValue && caller.balance < value)) {
    creditGas(frame, callGas, callReserve);
    setWordZero(stack, resultSlot);
    return true;
  }

  const child: Message = {
    caller: op === 0xf4 ? msg.caller : msg.address,
    address: op === 0xf1 || op === 0xfa ? to : msg.address,
    codeAddress: delegated ? codeSource.address : to,
    code: state.code(codeSource),
    value: op === 0xf4 ? msg.value : value,
    data: memory.read(inOffset, inLength),
    gas: callGas,
    gasReserve: callReserve,
    depth: msg.depth + 1,
    isStatic: msg.isStatic || op === 0xfa,
  };
  const result = executeCall(evm, child, op === 0xf1 || op === 0xf2, !delegated);
  creditGas(frame, result.gasLeft, result.gasReserve);
  frame.returnData = result.output;
  const copyLength = Math.min(outLength, result.output.length);
  if (copyLength > 0) memory.bytes.set(result.output.subarray(0, copyLength), outOffset);
  setWordNumber(stack, resultSlot, result.status === FrameStatus.Success ? 1 : 0);
  return true;
}

/** CREATE (0xf0) and CREATE2 (0xf5). Returns false on an exceptional halt of the creating frame. */
export function createOp(frame: Frame, op: number): boolean {
  const { evm, msg, stack, memory } = frame;
  const state = evm.state;
  const p = (frame.sp - 1) << 3;
  const value = wordToBigInt(stack, p);
  const offset = wordToNumber(stack, p - 8);
  const length = wordToNumber(stack, p - 16);
  let salt: Uint8Array | undefined;
  if (op === 0xf5) {
    salt = new Uint8Array(32);
    writeWordBytes(stack, p - 24, salt, 0);
  }
  frame.sp -= op === 0xf5 ? 3 : 2;
  const resultSlot = (frame.sp - 1) << 3;

  const words = Math.ceil(length / 32);
  let cost = memoryAccessCost(memory, offset, length);
  if (evm.fork >= Fork.Shanghai) cost += 2 * words;
  if (op === 0xf5) cost += 6 * words;
  frame.gas -= cost;
  if (Number.isNaN(cost) || frame.gas < 0) return false;
  if (length > evm.schedule.maxInitcodeSize) return false;
  if (msg.isStatic) return false;
  memory.grow(offset, length);
  const initcode = memory.read(offset, length);

  let childGas: number;
  let childReserve = 0n;
  if (frame.reserve === 0n) {
    childGas = evm.schedule.allButOne64th ? allButOne64th(frame.gas) : frame.gas;
    frame.gas -= childGas;
  } else {
    const forwarded = chargeCreateGas(frame, evm.schedule.allButOne64th);
    childGas = counterPart(forwarded);
    childReserve = forwarded - BigInt(childGas);
  }
  frame.returnData = EMPTY_BYTES;
  const creator = state.account(msg.address);
  if (creator.balance < value || creator.nonce === MAX_NONCE || msg.depth + 1 > MAX_DEPTH) {
    creditGas(frame, childGas, childReserve);
    setWordZero(stack, resultSlot);
    return true;
  }
  const address =
    salt === undefined
      ? createAddress(msg.address, creator.nonce)
      : create2Address(msg.address, salt, initcode);
  const target = state.account(address);
  if (evm.fork >= Fork.Berlin) state.warmAccount(target);
  state.setNonce(creator, creator.nonce + 1n);
  if (createCollides(evm, target)) {
    setWordZero(stack, resultSlot);
    return true;
  }
  const result = executeCreate(evm, {
    caller: msg.address,
    address,
    codeAddress: address,
    code: initcode,
    value,
    data: EMPTY_BYTES,
    gas: childGas,
    gasReserve: childReserve,
    depth: msg.depth + 1,
    isStatic: false,
  });
  creditGas(frame, result.gasLeft, result.gasReserve);
  if (result.status === FrameStatus.Success) {
    setWordFromBytes(stack, resultSlot, address, 0, 20);
  } else {
    frame.returnData = result.output;
    setWordZero(stack, resultSlot);
  }
  return true;
}

/** SELFDESTRUCT (0xff), with EIP-6780 semantics from Cancun. Returns false on an exceptional halt. */
export function selfDestructOp(frame: Frame): boolean {
  const { evm, msg, stack } = frame;
  const state = evm.state;
  const fork = evm.fork;
  const beneficiary = state.account(addressFromWord(stack, (frame.sp - 1) << 3));
  frame.sp--;
  const self = state.account(msg.address);
  // Unlike other account accesses, SELFDESTRUCT adds only the cold surcharge (no warm 100).
  let cost = fork >= Fork.Berlin && !state.warmAccount(beneficiary) ? evm.schedule.coldAccountAccess : 0;
  if (fork >= Fork.SpuriousDragon) {
    if (state.isDead(beneficiary) && self.balance !== 0n) cost += NEW_ACCOUNT_GAS;
  } else if (fork >= Fork.TangerineWhistle && !beneficiary.exists) {
    cost += NEW_ACCOUNT_GAS;
  }
  if (fork < Fork.London && !self.selfDestructed) state.refund += evm.schedule.selfdestructRefund;
  frame.gas -= cost;
  if (frame.gas < 0) return false;

  const balance = self.balance;
  if (fork >= Fork.Cancun) {
    transferValue(evm, self, beneficiary, balance);
    if (self.createdInTx) {
      state.setBalance(self, 0n);
      state.markSelfDestructed(self);
    }
  } else {
    state.setBalance(beneficiary, beneficiary.balance + balance);
    state.touch(beneficiary);
    state.setBalance(self, 0n);
    state.markSelfDestructed(self);
  }
  return true;
}
