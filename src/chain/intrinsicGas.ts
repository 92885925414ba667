import { Fork } from "../evm/fork.js";
import type { Transaction } from "./transaction.js";

/** Base cost of every transaction. */
const TX_BASE = 21000n;
/** Extra base cost of a contract-creating transaction from Homestead (EIP-2). */
const TX_CREATE = 32000n;
const TX_DATA_ZERO = 4n;
/** Per non-zero calldata byte: 68 until Istanbul, 16 after (EIP-2028). */
const TX_DATA_NONZERO_FRONTIER = 68n;
const TX_DATA_NONZERO_ISTANBUL = 16n;
/** EIP-2930 access-list costs. */
const ACCESS_LIST_ADDRESS = 2400n;
const ACCESS_LIST_STORAGE_KEY = 1900n;
/** EIP-3860: per 32-byte word of initcode in a creation transaction (Shanghai). */
const INITCODE_WORD = 2n;
/** EIP-7702 PER_EMPTY_ACCOUNT_COST, charged up front for every authorization (Prague). */
const PER_AUTHORIZATION = 25000n;
/** EIP-7623 floor: cost per calldata token (a zero byte is 1 token, a non-zero byte 4). */
const TOTAL_COST_FLOOR_PER_TOKEN = 10n;

function countZeroBytes(data: Uint8Array): number {
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  return zeros;
}

/**
 * Gas charged before execution starts: the base cost (21000, plus 32000 for creation from
 * Homestead), calldata (4 per zero byte, 68 per non-zero byte, 16 from Istanbul), the access list
 * (2400 per address, 1900 per storage key, Berlin), initcode words (2 each for creation, Shanghai)
 * and authorizations (25000 each, Prague).
 */
export function intrinsicGas(tx: Transaction, fork: Fork): bigint {
  const zeros = countZeroBytes(tx.data);
  const nonZeros = tx.data.length - zeros;
  const perNonZero = fork >= Fork.Istanbul ? TX_DATA_NONZERO_ISTANBUL : TX_DATA_NONZERO_FRONTIER;
  let gas = TX_BASE + BigInt(zeros) * TX_DATA_ZERO + BigInt(nonZeros) * perNonZero;
  if (tx.to === undefined) {
    if (fork >= Fork.Homestead) gas += TX_CREATE;
    if (fork >= Fork.Shanghai) gas += INITCODE_WORD * BigInt(Math.ceil(tx.data.length / 32));
  }
  if (fork >= Fork.Berlin) {
    for (const entry of tx.accessList) {
      gas += ACCESS_LIST_ADDRESS + ACCESS_LIST_STORAGE_KEY * BigInt(entry.storageKeys.length);
    }
  }
  if (fork >= Fork.Prague) gas += PER_AUTHORIZATION * BigInt(tx.authorizationList.length);
  return gas;
}

/**
 * EIP-7623 floor on the gas a transaction is charged (Prague): 21000 + 10 per calldata token,
 * where a zero byte is one token and a non-zero byte four. 0 before Prague.
 */
export function floorDataGas(tx: Transaction, fork: Fork): bigint {
  if (fork < Fork.Prague) return 0n;
  const zeros = countZeroBytes(tx.data);
  const tokens = BigInt(zeros + 4 * (tx.data.length - zeros));
  return TX_BASE + TOTAL_COST_FLOOR_PER_TOKEN * tokens;
}
