import { Fork } from "./fork.js";

/** Gas costs that change between forks, resolved once per transaction (never per opcode). */
export interface GasSchedule {
  fork: Fork;
  /** BALANCE, EXTCODESIZE/COPY/HASH base cost before EIP-2929 (which makes them warm/cold). */
  balance: number;
  extcodesize: number;
  extcodecopy: number;
  extcodehash: number;
  sload: number;
  /** CALL family base cost before EIP-2929. */
  call: number;
  selfdestruct: number;
  /** EXP cost per byte of exponent. */
  expByte: number;
  /** EIP-2929 costs (0 when the fork predates Berlin). */
  coldAccountAccess: number;
  coldSload: number;
  warmStorageRead: number;
  /** Refund granted when a slot is cleared (15000 → 4800 with EIP-3529). */
  sstoreClearsRefund: number;
  /** Divisor of gasUsed capping refunds (2 → 5 with EIP-3529). */
  maxRefundQuotient: number;
  selfdestructRefund: number;
  /** EIP-150: calls forward at most all but 1/64 of remaining gas. */
  allButOne64th: boolean;
  maxCodeSize: number;
  maxInitcodeSize: number;
}

/** Builds the schedule for `fork`. */
export function gasScheduleFor(fork: Fork): GasSchedule {
  const tangerine = fork >= Fork.TangerineWhistle;
  const istanbul = fork >= Fork.Istanbul;
  const berlin = fork >= Fork.Berlin;
  const london = fork >= Fork.London;
  return {
    fork,
    balance: berlin ? 0 : istanbul ? 700 : tangerine ? 400 : 20,
    extcodesize: berlin ? 0 : tangerine ? 700 : 20,
    extcodecopy: berlin ? 0 : tangerine ? 700 : 20,
    extcodehash: berlin ? 0 : istanbul ? 700 : 400,
    sload: berlin ? 0 : istanbul ? 800 : tangerine ? 200 : 50,
    call: berlin ? 0 : tangerine ? 700 : 40,
    selfdestruct: tangerine ? 5000 : 0,
    expByte: fork >= Fork.SpuriousDragon ? 50 : 10,
    coldAccountAccess: berlin ? 2600 : 0,
    coldSload: berlin ? 2100 : 0,
    warmStorageRead: berlin ? 100 : 0,
    sstoreClearsRefund: london ? 4800 : 15000,
    maxRefundQuotient: london ? 5 : 2,
    selfdestructRefund: london ? 0 : 24000,
    allButOne64th: tangerine,
    maxCodeSize: fork >= Fork.SpuriousDragon ? 24576 : Number.POSITIVE_INFINITY,
    maxInitcodeSize: fork >= Fork.Shanghai ? 49152 : Number.POSITIVE_INFINITY,
  };
}
