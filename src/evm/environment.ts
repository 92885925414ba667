import {
  fitsUint32,
  setWordBigInt,
  setWordFromBytes,
  setWordNumber,
  setWordZero,
  wordToBigInt,
  wordToNumber,
} from "../primitives/u256.js";
import type { AccountRecord } from "../state/journaledState.js";
import type { Evm } from "./evm.js";
import { Fork } from "./fork.js";
import { type Frame, memoryAccessCost } from "./interpreter.js";

const ADDRESS_BYTES = 20;

/** EIP-2929: 100 for a warm account, 2600 for a cold one (marking it warm); 0 before Berlin. */
export function accountAccessCost(evm: Evm, record: AccountRecord): number {
  if (evm.fork < Fork.Berlin) return 0;
  return evm.state.warmAccount(record) ? evm.schedule.warmStorageRead : evm.schedule.coldAccountAccess;
}

function pushAddress(stack: Uint32Array, o: number, address: Uint8Array): void {
  setWordFromBytes(stack, o, address, 0, ADDRESS_BYTES);
}

function addressFromWord(stack: Uint32Array, o: number): Uint8Array {
  const out = new Uint8Array(ADDRESS_BYTES);
  for (let i = 0; i < ADDRESS_BYTES; i++) {
    const k = 19 - i;
    out[i] = (stack[o + (k >>> 2)] >>> ((k & 3) * 8)) & 0xff;
  }
  return out;
}

/** Address held in the low 20 bytes of a stack word. */
export { addressFromWord };

/**
 * Environment and block opcodes (0x30-0x4a) not handled inline by the interpreter.
 * Returns false on an exceptional halt (out of gas).
 */
export function environmentOp(frame: Frame, op: number, top: number): boolean {
  const { evm, msg, stack } = frame;
  const push = top + 8;
  switch (op) {
    case 0x30:
      pushAddress(stack, push, msg.address);
      frame.sp++;
      return true;
    case 0x31:
    case 0x3b:
    case 0x3f: {
      const record = evm.state.account(addressFromWord(stack, top));
      frame.gas -= accountAccessCost(evm, record);
      if (frame.gas < 0) return false;
      if (op === 0x31) setWordBigInt(stack, top, record.balance);
      else if (op === 0x3b) setWordNumber(stack, top, evm.state.code(record).length);
      else if (evm.state.isDead(record)) setWordZero(stack, top);
      else setWordFromBytes(stack, top, record.codeHash, 0, 32);
      return true;
    }
    case 0x32:
      pushAddress(stack, push, evm.tx.origin);
      frame.sp++;
      return true;
    case 0x33:
      pushAddress(stack, push, msg.caller);
      frame.sp++;
      return true;
    case 0x34:
      setWordBigInt(stack, push, msg.value);
      frame.sp++;
      return true;
    case 0x36:
      setWordNumber(stack, push, msg.data.length);
      frame.sp++;
      return true;
    case 0x38:
      setWordNumber(stack, push, msg.code.length);
      frame.sp++;
      return true;
    case 0x3a:
      setWordBigInt(stack, push, evm.tx.gasPrice);
      frame.sp++;
      return true;
    case 0x3c: {
      const record = evm.state.account(addressFromWord(stack, top));
      const dest = wordToNumber(stack, top - 8);
      const src = wordToNumber(stack, top - 16);
      const length = wordToNumber(stack, top - 24);
      frame.sp -= 4;
      const cost =
        accountAccessCost(evm, record) +
        memoryAccessCost(frame.memory, dest, length) +
        3 * Math.ceil(length / 32);
      frame.gas -= cost;
      if (Number.isNaN(cost) || frame.gas < 0) return false;
      if (length === 0) return true;
      frame.memory.grow(dest, length);
      frame.memory.writePadded(dest, evm.state.code(record), src, length);
      return true;
    }
    case 0x3d:
      setWordNumber(stack, push, frame.returnData.length);
      frame.sp++;
      return true;
    case 0x40: {
      const current = evm.env.number;
      const requested = wordToBigInt(stack, top);
      if (requested < current && requested + 256n >= current) {
        setWordFromBytes(stack, top, evm.state.reader.blockHash(requested), 0, 32);
      } else {
        setWordZero(stack, top);
      }
      return true;
    }
    case 0x41:
      pushAddress(stack, push, evm.env.coinbase);
      frame.sp++;
      return true;
    case 0x42:
      setWordBigInt(stack, push, evm.env.timestamp);
      frame.sp++;
      return true;
    case 0x43:
      setWordBigInt(stack, push, evm.env.number);
      frame.sp++;
      return true;
    case 0x44:
      if (evm.fork >= Fork.Paris) setWordFromBytes(stack, push, evm.env.prevRandao, 0, 32);
      else setWordBigInt(stack, push, evm.env.difficulty);
      frame.sp++;
      return true;
    case 0x45:
      setWordBigInt(stack, push, evm.env.gasLimit);
      frame.sp++;
      return true;
    case 0x46:
      setWordBigInt(stack, push, evm.env.chainId);
      frame.sp++;
      return true;
    case 0x47:
      setWordBigInt(stack, push, evm.state.account(msg.address).balance);
      frame.sp++;
      return true;
    case 0x48:
      setWordBigInt(stack, push, evm.env.baseFee);
      frame.sp++;
      return true;
    case 0x49: {
      const hashes = evm.tx.blobHashes;
      if (fitsUint32(stack, top) && stack[top] < hashes.length)
        setWordFromBytes(stack, top, hashes[stack[top]], 0, 32);
      else setWordZero(stack, top);
      return true;
    }
    case 0x4a:
      setWordBigInt(stack, push, evm.blobBaseFee);
      frame.sp++;
      return true;
  }
  return false;
}
