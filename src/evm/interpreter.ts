import { keccak256 } from "../primitives/keccak.js";
import {
  addWords,
  compareSignedWords,
  compareWords,
  fitsUint32,
  isZeroWord,
  mulWords,
  readWordBytes,
  setWordBigInt,
  setWordFromBytes,
  setWordNumber,
  setWordZero,
  shlWords,
  shrWords,
  subWords,
  wordToBigInt,
  wordToNumber,
  writeWordBytes,
} from "../primitives/u256.js";
import { arithmeticOp } from "./arithmetic.js";
import { callOp, createOp, selfDestructOp } from "./calls.js";
import { environmentOp } from "./environment.js";
import type { Evm } from "./evm.js";
import { jumpdestMap } from "./jumpdests.js";
import type { Memory } from "./memory.js";
import { EMPTY_BYTES, type FrameResult, FrameStatus, type Message } from "./message.js";
import { sloadOp, sstoreOp } from "./storageOps.js";

/**
 * Mutable state of one executing frame, shared with the out-of-line opcode handlers
 * (calls, storage, environment) so they can read the stack and charge gas without closures.
 */
export interface Frame {
  evm: Evm;
  msg: Message;
  stack: Uint32Array;
  /** Number of items on the stack. */
  sp: number;
  /** Gas left, up to 2^53 - 1; negative when the frame ran out. */
  gas: number;
  /** Gas beyond `gas` (see gasReserve.ts): 0n unless the frame holds more than 2^53 - 1. */
  reserve: bigint;
  memory: Memory;
  /** Return data of the last call made from this frame. */
  returnData: Uint8Array;
  /** Set by handlers that end the frame (SELFDESTRUCT). */
  stopped: boolean;
}

const LOG_TOPIC_BYTES = 32;

/**
 * Runs `msg.code` to completion. Synchronous, allocation-light: the stack is a Uint32Array of limbs reused
 * per call depth, and control flow (revert, out-of-gas) is a status code, never an exception.
 */
export function runFrame(evm: Evm, msg: Message): FrameResult {
  const code = msg.code;
  const table = evm.table;
  const valid = table.valid;
  const stackIn = table.stackIn;
  const stackGrowth = table.stackGrowth;
  const staticGas = table.staticGas;
  const frame: Frame = {
    evm,
    msg,
    stack: evm.stackAt(msg.depth),
    sp: 0,
    gas: msg.gas,
    reserve: msg.gasReserve ?? 0n,
    memory: evm.memoryAt(msg.depth),
    returnData: EMPTY_BYTES,
    stopped: false,
  };
  const stack = frame.stack;
  const memory = frame.memory;
  let sp = 0;
  let gas = msg.gas;
  let pc = 0;
  let jumpdests: Uint8Array | undefined;
  let output: Uint8Array = EMPTY_BYTES;
  let status = FrameStatus.Success;
  const tracer = evm.tracer;

  loop: while (pc < code.length) {
    const op = code[pc];
    if (tracer !== undefined) tracer(msg.depth, pc, op, gas, stack, sp);
    if (valid[op] === 0) {
      status = FrameStatus.Halt;
      break;
    }
    if (sp < stackIn[op] || sp + stackGrowth[op] > 1024) {
      status = FrameStatus.Halt;
      break;
    }
    gas -= staticGas[op];
    if (gas < 0) {
      status = FrameStatus.Halt;
      break;
    }
    const top = (sp - 1) << 3;
    const second = top - 8;
    switch (op) {
      case 0x00:
        break loop;
      case 0x01:
        addWords(stack, top, stack, second, stack, second);
        sp--;
        break;
      case 0x02:
        mulWords(stack, top, stack, second, stack, second);
        sp--;
        break;
      case 0x03:
        subWords(stack, top, stack, second, stack, second);
        sp--;
        break;
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x09:
      case 0x0b:
        sp = arithmeticOp(op, stack, sp);
        break;
      case 0x0a: {
        // EXP: dynamic gas per byte of exponent.
        const exponent = wordToBigInt(stack, second);
        const byteLength = exponent === 0n ? 0 : Math.ceil(exponent.toString(16).length / 2);
        gas -= evm.schedule.expByte * byteLength;
        if (gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        sp = arithmeticOp(op, stack, sp);
        break;
      }
      case 0x10:
        setWordNumber(stack, second, compareWords(stack, top, stack, second) < 0 ? 1 : 0);
        sp--;
        break;
      case 0x11:
        setWordNumber(stack, second, compareWords(stack, top, stack, second) > 0 ? 1 : 0);
        sp--;
        break;
      case 0x12:
        setWordNumber(stack, second, compareSignedWords(stack, top, stack, second) < 0 ? 1 : 0);
        sp--;
        break;
      case 0x13:
        setWordNumber(stack, second, compareSignedWords(stack, top, stack, second) > 0 ? 1 : 0);
        sp--;
        break;
      case 0x14:
        setWordNumber(stack, second, compareWords(stack, top, stack, second) === 0 ? 1 : 0);
        sp--;
        break;
      case 0x15:
        setWordNumber(stack, top, isZeroWord(stack, top) ? 1 : 0);
        break;
      case 0x16:
        for (let i = 0; i < 8; i++) stack[second + i] &= stack[top + i];
        sp--;
        break;
      case 0x17:
        for (let i = 0; i < 8; i++) stack[second + i] |= stack[top + i];
        sp--;
        break;
      case 0x18:
        for (let i = 0; i < 8; i++) stack[second + i] ^= stack[top + i];
        sp--;
        break;
      case 0x19:
        for (let i = 0; i < 8; i++) stack[top + i] = ~stack[top + i];
        break;
      case 0x1a: {
        // BYTE i x: the i-th byte counting from the most significant.
        let value = 0;
        if (fitsUint32(stack, top) && stack[top] < 32) {
          const k = 31 - stack[top];
          value = (stack[second + (k >>> 2)] >>> ((k & 3) * 8)) & 0xff;
        }
        setWordNumber(stack, second, value);
        sp--;
        break;
      }
      case 0x1b:
      case 0x1c:
      case 0x1d: {
        const big = !fitsUint32(stack, top) || stack[top] >= 256;
        const fill = op === 0x1d && stack[second + 7] >>> 31 === 1 ? 0xffffffff : 0;
        if (big) {
          for (let i = 0; i < 8; i++) stack[second + i] = op === 0x1b ? 0 : fill;
        } else if (op === 0x1b) {
          shlWords(stack, second, stack[top], stack, second);
        } else {
          shrWords(stack, second, stack[top], stack, second, fill);
        }
        sp--;
        break;
      }
      case 0x1e: {
        // CLZ (EIP-7939): leading zero bits, 256 for zero.
        let zeros = 256;
        for (let i = 7; i >= 0; i--) {
          if (stack[top + i] !== 0) {
            zeros = (7 - i) * 32 + Math.clz32(stack[top + i]);
            break;
          }
        }
        setWordNumber(stack, top, zeros);
        break;
      }
      case 0x20: {
        const offset = wordToNumber(stack, top);
        const length = wordToNumber(stack, second);
        const cost = memoryAccessCost(memory, offset, length) + 6 * Math.ceil(length / 32);
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        memory.grow(offset, length);
        const hash = keccak256(length === 0 ? EMPTY_BYTES : memory.bytes.subarray(offset, offset + length));
        readWordBytes(hash, 0, stack, second);
        sp--;
        break;
      }
      case 0x35: {
        const offset = wordToNumber(stack, top);
        setWordFromBytes(stack, top, msg.data, offset > msg.data.length ? msg.data.length : offset, 32);
        break;
      }
      case 0x37:
      case 0x39:
      case 0x3e:
      case 0x5e: {
        // CALLDATACOPY / CODECOPY / RETURNDATACOPY / MCOPY: dest, src, length.
        const dest = wordToNumber(stack, top);
        const src = wordToNumber(stack, second);
        const length = wordToNumber(stack, second - 8);
        sp -= 3;
        if (op === 0x3e && src + length > frame.returnData.length) {
          status = FrameStatus.Halt;
          break loop;
        }
        // MCOPY must cover the larger of its two ranges.
        const touchedOffset = op === 0x5e ? Math.max(dest, src) : dest;
        const cost = memoryAccessCost(memory, touchedOffset, length) + 3 * Math.ceil(length / 32);
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        if (length === 0) break;
        memory.grow(touchedOffset, length);
        if (op === 0x5e) {
          memory.bytes.copyWithin(dest, src, src + length);
        } else {
          const source = op === 0x37 ? msg.data : op === 0x39 ? code : frame.returnData;
          memory.writePadded(dest, source, src, length);
        }
        break;
      }
      case 0x50:
        sp--;
        break;
      case 0x51: {
        const offset = wordToNumber(stack, top);
        const cost = memoryAccessCost(memory, offset, 32);
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        memory.grow(offset, 32);
        readWordBytes(memory.bytes, offset, stack, top);
        break;
      }
      case 0x52:
      case 0x53: {
        const offset = wordToNumber(stack, top);
        const length = op === 0x52 ? 32 : 1;
        const cost = memoryAccessCost(memory, offset, length);
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        memory.grow(offset, length);
        if (op === 0x52) writeWordBytes(stack, second, memory.bytes, offset);
        else memory.bytes[offset] = stack[second] & 0xff;
        sp -= 2;
        break;
      }
      case 0x54:
        frame.gas = gas;
        sloadOp(frame, top);
        gas = frame.gas;
        if (gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        break;
      case 0x55:
        if (msg.isStatic) {
          status = FrameStatus.Halt;
          break loop;
        }
        frame.gas = gas;
        if (!sstoreOp(frame, top)) {
          status = FrameStatus.Halt;
          break loop;
        }
        gas = frame.gas;
        sp -= 2;
        break;
      case 0x56:
      case 0x57: {
        if (op === 0x57) {
          sp -= 2;
          if (isZeroWord(stack, second)) {
            pc++;
            continue;
          }
        } else {
          sp--;
        }
        const dest = wordToNumber(stack, top);
        if (jumpdests === undefined) jumpdests = jumpdestMap(code);
        if (dest >= code.length || jumpdests[dest] !== 1) {
          status = FrameStatus.Halt;
          break loop;
        }
        pc = dest;
        continue;
      }
      case 0x58:
        setWordNumber(stack, top + 8, pc);
        sp++;
        break;
      case 0x59:
        setWordNumber(stack, top + 8, memory.size);
        sp++;
        break;
      case 0x5a:
        if (frame.reserve === 0n) setWordNumber(stack, top + 8, gas);
        else setWordBigInt(stack, top + 8, BigInt(gas) + frame.reserve);
        sp++;
        break;
      case 0x5b:
        break;
      case 0x5c:
      case 0x5d: {
        if (op === 0x5d && msg.isStatic) {
          status = FrameStatus.Halt;
          break loop;
        }
        const state = evm.state;
        const record = state.account(msg.address);
        const slot = wordToBigInt(stack, top);
        if (op === 0x5c) {
          setWordBigInt(stack, top, state.transientStorage(record, slot));
        } else {
          state.setTransientStorage(record, slot, wordToBigInt(stack, second));
          sp -= 2;
        }
        break;
      }
      case 0x5f:
        setWordZero(stack, top + 8);
        sp++;
        break;
      case 0xa0:
      case 0xa1:
      case 0xa2:
      case 0xa3:
      case 0xa4: {
        if (msg.isStatic) {
          status = FrameStatus.Halt;
          break loop;
        }
        const topics = op - 0xa0;
        const offset = wordToNumber(stack, top);
        const length = wordToNumber(stack, second);
        const cost = memoryAccessCost(memory, offset, length) + 8 * length;
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        memory.grow(offset, length);
        const topicList: Uint8Array[] = [];
        for (let t = 0; t < topics; t++) {
          const topic = new Uint8Array(LOG_TOPIC_BYTES);
          writeWordBytes(stack, second - 8 * (t + 1), topic, 0);
          topicList.push(topic);
        }
        evm.logs.push({ address: msg.address, topics: topicList, data: memory.read(offset, length) });
        sp -= 2 + topics;
        break;
      }
      case 0xf0:
      case 0xf5:
      case 0xf1:
      case 0xf2:
      case 0xf4:
      case 0xfa: {
        frame.sp = sp;
        frame.gas = gas;
        const ok = op === 0xf0 || op === 0xf5 ? createOp(frame, op) : callOp(frame, op);
        if (!ok) {
          status = FrameStatus.Halt;
          break loop;
        }
        sp = frame.sp;
        gas = frame.gas;
        break;
      }
      case 0xf3:
      case 0xfd: {
        const offset = wordToNumber(stack, top);
        const length = wordToNumber(stack, second);
        const cost = memoryAccessCost(memory, offset, length);
        gas -= cost;
        if (Number.isNaN(cost) || gas < 0) {
          status = FrameStatus.Halt;
          break loop;
        }
        memory.grow(offset, length);
        output = memory.read(offset, length);
        if (op === 0xfd) status = FrameStatus.Revert;
        break loop;
      }
      case 0xff:
        if (msg.isStatic) {
          status = FrameStatus.Halt;
          break loop;
        }
        frame.sp = sp;
        frame.gas = gas;
        if (!selfDestructOp(frame)) {
          status = FrameStatus.Halt;
          break loop;
        }
        gas = frame.gas;
        break loop;
      default:
        if (op >= 0x60 && op <= 0x7f) {
          const n = op - 0x5f;
          setWordFromBytes(stack, top + 8, code, pc + 1, n);
          sp++;
          pc += n + 1;
          continue;
        }
        if (op >= 0x80 && op <= 0x8f) {
          stack.copyWithin(top + 8, top - ((op - 0x80) << 3), top - ((op - 0x80) << 3) + 8);
          sp++;
          break;
        }
        if (op >= 0x90 && op <= 0x9f) {
          const other = top - ((op - 0x8f) << 3);
          for (let i = 0; i < 8; i++) {
            const t = stack[top + i];
            stack[top + i] = stack[other + i];
            stack[other + i] = t;
          }
          break;
        }
        // Environment and block opcodes (0x30-0x4a) live out of line.
        frame.sp = sp;
        frame.gas = gas;
        if (!environmentOp(frame, op, top)) {
          status = FrameStatus.Halt;
          break loop;
        }
        sp = frame.sp;
        gas = frame.gas;
    }
    pc++;
  }

  if (status === FrameStatus.Halt) return { status, gasLeft: 0, gasReserve: 0n, output: EMPTY_BYTES };
  return { status, gasLeft: gas, gasReserve: frame.reserve, output };
}

/** Memory expansion cost for an access, NaN when the range is unreachable (so `gas -= NaN` fails checks). */
export function memoryAccessCost(memory: Memory, offset: number, length: number): number {
  if (length === 0) return 0;
  if (offset === Number.POSITIVE_INFINITY || length === Number.POSITIVE_INFINITY) return Number.NaN;
  const cost = memory.expansionCost(offset, length);
  return cost < 0 ? Number.NaN : cost;
}
