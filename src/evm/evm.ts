import type { JournaledState } from "../state/journaledState.js";
import { blobBaseFee } from "./blobGas.js";
import type { BlockEnv } from "./blockEnv.js";
import type { Fork } from "./fork.js";
import { type GasSchedule, gasScheduleFor } from "./gasSchedule.js";
import type { Log } from "./log.js";
import { Memory } from "./memory.js";
import { type OpcodeTable, opcodeTableFor } from "./opcodeTable.js";

/** Transaction-wide values opcodes read (ORIGIN, GASPRICE, BLOBHASH). */
export interface TxContext {
  origin: Uint8Array;
  gasPrice: bigint;
  blobHashes: Uint8Array[];
}

const STACK_WORDS = 1024;

// Stack and memory buffers per call depth, shared by every transaction this thread runs: execution is
// synchronous and never re-entrant, and allocating a 32 KiB stack per transaction showed up as GC time.
const stacks: Uint32Array[] = [];
const memories: Memory[] = [];

/**
 * Observes one instruction before it runs: depth, pc, opcode, gas left and the stack (sp items).
 * `gas` is the frame's double counter: a frame holding over 2^53 - 1 gas has more (see gasReserve.ts).
 */
export type StepTracer = (
  depth: number,
  pc: number,
  op: number,
  gas: number,
  stack: Uint32Array,
  sp: number,
) => void;

/**
 * Everything a running transaction's frames share: state, block and tx context, the fork's rules,
 * and per-depth stack/memory buffers reused across calls and transactions so a CALL allocates nothing.
 */
export class Evm {
  readonly state: JournaledState;
  readonly env: BlockEnv;
  readonly fork: Fork;
  readonly tx: TxContext;
  readonly schedule: GasSchedule;
  readonly table: OpcodeTable;
  readonly blobBaseFee: bigint;
  /** Logs emitted so far; frames truncate it back when they revert. */
  readonly logs: Log[] = [];
  /** Called before each instruction when set (debugging, `pevm trace`); unset on the hot path. */
  tracer: StepTracer | undefined = undefined;

  constructor(state: JournaledState, env: BlockEnv, fork: Fork, tx: TxContext) {
    this.state = state;
    this.env = env;
    this.fork = fork;
    this.tx = tx;
    this.schedule = gasScheduleFor(fork);
    this.table = opcodeTableFor(this.schedule);
    this.blobBaseFee = env.blobBaseFee ?? blobBaseFee(env.excessBlobGas, fork);
  }

  /** The stack buffer for frames at `depth` (1024 words of 8 limbs). */
  stackAt(depth: number): Uint32Array {
    let stack = stacks[depth];
    if (stack === undefined) {
      stack = new Uint32Array(STACK_WORDS * 8);
      stacks[depth] = stack;
    }
    return stack;
  }

  /** A cleared memory for a frame at `depth`. */
  memoryAt(depth: number): Memory {
    let memory = memories[depth];
    if (memory === undefined) {
      memory = new Memory();
      memories[depth] = memory;
    } else {
      memory.reset();
    }
    return memory;
  }
}
