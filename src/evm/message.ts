/** A message call or contract creation frame's inputs. */
export interface Message {
  /** msg.sender as CALLER sees it. */
  caller: Uint8Array;
  /** The account whose storage and balance the code acts on (ADDRESS). */
  address: Uint8Array;
  /** Where the executing code came from (differs from `address` for DELEGATECALL/CALLCODE and 7702 delegation). */
  codeAddress: Uint8Array;
  code: Uint8Array;
  /** CALLVALUE. */
  value: bigint;
  data: Uint8Array;
  /** Gas for the frame, up to 2^53 - 1. */
  gas: number;
  /** Gas beyond `gas` when the frame's allowance exceeds 2^53 - 1 (see gasReserve.ts); absent means 0n. */
  gasReserve?: bigint;
  depth: number;
  isStatic: boolean;
}

/** How a frame ended: normally (STOP/RETURN/SELFDESTRUCT), by REVERT, or by an exceptional halt. */
export enum FrameStatus {
  Success = 0,
  Revert = 1,
  Halt = 2,
}

export interface FrameResult {
  status: FrameStatus;
  /** Gas left to return to the caller (0 after a halt). */
  gasLeft: number;
  /** Gas left beyond `gasLeft` for a frame that had a reserve (see gasReserve.ts); 0n otherwise. */
  gasReserve: bigint;
  /** RETURN or REVERT data. */
  output: Uint8Array;
}

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

export function haltResult(): FrameResult {
  return { status: FrameStatus.Halt, gasLeft: 0, gasReserve: 0n, output: EMPTY_BYTES };
}
