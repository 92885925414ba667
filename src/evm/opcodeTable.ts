import { Fork } from "./fork.js";
import type { GasSchedule } from "./gasSchedule.js";

/**
 * Per-fork static facts about each opcode, checked once per instruction before dispatch:
 * whether it exists, stack items it needs, net items it adds, and its constant gas.
 */
export interface OpcodeTable {
  valid: Uint8Array;
  stackIn: Uint8Array;
  /** stackOut - stackIn + 1024 headroom check uses this as "items added" (may be 0). */
  stackGrowth: Int8Array;
  staticGas: Uint16Array;
}

interface OpcodeSpec {
  op: number;
  stackIn: number;
  stackOut: number;
  gas: number | ((s: GasSchedule) => number);
  since?: Fork;
}

function spec(
  op: number,
  stackIn: number,
  stackOut: number,
  gas: OpcodeSpec["gas"],
  since?: Fork,
): OpcodeSpec {
  return { op, stackIn, stackOut, gas, since };
}

const SPECS: OpcodeSpec[] = [
  spec(0x00, 0, 0, 0),
  spec(0x01, 2, 1, 3),
  spec(0x02, 2, 1, 5),
  spec(0x03, 2, 1, 3),
  spec(0x04, 2, 1, 5),
  spec(0x05, 2, 1, 5),
  spec(0x06, 2, 1, 5),
  spec(0x07, 2, 1, 5),
  spec(0x08, 3, 1, 8),
  spec(0x09, 3, 1, 8),
  spec(0x0a, 2, 1, 10),
  spec(0x0b, 2, 1, 5),
  spec(0x10, 2, 1, 3),
  spec(0x11, 2, 1, 3),
  spec(0x12, 2, 1, 3),
  spec(0x13, 2, 1, 3),
  spec(0x14, 2, 1, 3),
  spec(0x15, 1, 1, 3),
  spec(0x16, 2, 1, 3),
  spec(0x17, 2, 1, 3),
  spec(0x18, 2, 1, 3),
  spec(0x19, 1, 1, 3),
  spec(0x1a, 2, 1, 3),
  spec(0x1b, 2, 1, 3, Fork.Constantinople),
  spec(0x1c, 2, 1, 3, Fork.Constantinople),
  spec(0x1d, 2, 1, 3, Fork.Constantinople),
  spec(0x1e, 1, 1, 5, Fork.Osaka),
  spec(0x20, 2, 1, 30),
  spec(0x30, 0, 1, 2),
  spec(0x31, 1, 1, (s) => s.balance),
  spec(0x32, 0, 1, 2),
  spec(0x33, 0, 1, 2),
  spec(0x34, 0, 1, 2),
  spec(0x35, 1, 1, 3),
  spec(0x36, 0, 1, 2),
  spec(0x37, 3, 0, 3),
  spec(0x38, 0, 1, 2),
  spec(0x39, 3, 0, 3),
  spec(0x3a, 0, 1, 2),
  spec(0x3b, 1, 1, (s) => s.extcodesize),
  spec(0x3c, 4, 0, (s) => s.extcodecopy),
  spec(0x3d, 0, 1, 2, Fork.Byzantium),
  spec(0x3e, 3, 0, 3, Fork.Byzantium),
  spec(0x3f, 1, 1, (s) => s.extcodehash, Fork.Constantinople),
  spec(0x40, 1, 1, 20),
  spec(0x41, 0, 1, 2),
  spec(0x42, 0, 1, 2),
  spec(0x43, 0, 1, 2),
  spec(0x44, 0, 1, 2),
  spec(0x45, 0, 1, 2),
  spec(0x46, 0, 1, 2, Fork.Istanbul),
  spec(0x47, 0, 1, 5, Fork.Istanbul),
  spec(0x48, 0, 1, 2, Fork.London),
  spec(0x49, 1, 1, 3, Fork.Cancun),
  spec(0x4a, 0, 1, 2, Fork.Cancun),
  spec(0x50, 1, 0, 2),
  spec(0x51, 1, 1, 3),
  spec(0x52, 2, 0, 3),
  spec(0x53, 2, 0, 3),
  spec(0x54, 1, 1, (s) => s.sload),
  spec(0x55, 2, 0, 0),
  spec(0x56, 1, 0, 8),
  spec(0x57, 2, 0, 10),
  spec(0x58, 0, 1, 2),
  spec(0x59, 0, 1, 2),
  spec(0x5a, 0, 1, 2),
  spec(0x5b, 0, 0, 1),
  spec(0x5c, 1, 1, 100, Fork.Cancun),
  spec(0x5d, 2, 0, 100, Fork.Cancun),
  spec(0x5e, 3, 0, 3, Fork.Cancun),
  spec(0x5f, 0, 1, 2, Fork.Shanghai),
  spec(0xf0, 3, 1, 32000),
  spec(0xf1, 7, 1, (s) => s.call),
  spec(0xf2, 7, 1, (s) => s.call),
  spec(0xf3, 2, 0, 0),
  spec(0xf4, 6, 1, (s) => s.call, Fork.Homestead),
  spec(0xf5, 4, 1, 32000, Fork.Constantinople),
  spec(0xfa, 6, 1, (s) => s.call, Fork.Byzantium),
  spec(0xfd, 2, 0, 0, Fork.Byzantium),
  spec(0xff, 1, 0, (s) => s.selfdestruct),
];
for (let i = 0; i < 32; i++) SPECS.push(spec(0x60 + i, 0, 1, 3));
for (let i = 0; i < 16; i++) SPECS.push(spec(0x80 + i, i + 1, i + 2, 3));
for (let i = 0; i < 16; i++) SPECS.push(spec(0x90 + i, i + 2, i + 2, 3));
for (let i = 0; i <= 4; i++) SPECS.push(spec(0xa0 + i, 2 + i, 0, 375 + 375 * i));

const cache = new Map<Fork, OpcodeTable>();

/** The opcode table for the schedule's fork (built once per fork). */
export function opcodeTableFor(schedule: GasSchedule): OpcodeTable {
  let table = cache.get(schedule.fork);
  if (table) return table;
  table = {
    valid: new Uint8Array(256),
    stackIn: new Uint8Array(256),
    stackGrowth: new Int8Array(256),
    staticGas: new Uint16Array(256),
  };
  for (const s of SPECS) {
    if (s.since !== undefined && schedule.fork < s.since) continue;
    table.valid[s.op] = 1;
    table.stackIn[s.op] = s.stackIn;
    table.stackGrowth[s.op] = s.stackOut - s.stackIn;
    table.staticGas[s.op] = typeof s.gas === "number" ? s.gas : s.gas(schedule);
  }
  cache.set(schedule.fork, table);
  return table;
}
