import type { Log } from "../evm/log.js";
import { sha256Digest } from "../evm/precompiles/sha256.js";
import { bytesToBigInt, concatBytes, equalBytes, hexToBytes } from "../primitives/hex.js";
import { InvalidBlockError } from "./blockErrors.js";

/** EIP-7685 request types. */
export const DEPOSIT_REQUEST_TYPE = 0x00;
export const WITHDRAWAL_REQUEST_TYPE = 0x01;
export const CONSOLIDATION_REQUEST_TYPE = 0x02;

/** keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)"). */
const DEPOSIT_EVENT_TOPIC = hexToBytes("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");
const DEPOSIT_EVENT_LENGTH = 576;
/** ABI layout of the DepositEvent data: [offset, size] of pubkey, withdrawal credentials, amount, signature, index. */
const DEPOSIT_FIELDS: readonly [offset: number, size: number, name: string][] = [
  [160, 48, "pubkey"],
  [256, 32, "withdrawal credentials"],
  [320, 8, "amount"],
  [384, 96, "signature"],
  [512, 8, "index"],
];

function word(data: Uint8Array, at: number): bigint {
  return bytesToBigInt(data.subarray(at, at + 32));
}

/**
 * EIP-6110: the deposit request bytes of one DepositEvent (pubkey ‖ credentials ‖ amount ‖ signature
 * ‖ index), checking the ABI layout exactly. A malformed event invalidates the block.
 */
export function depositRequestData(data: Uint8Array, blockNumber: bigint): Uint8Array {
  const invalid = (what: string): never => {
    throw new InvalidBlockError("INVALID_DEPOSIT_EVENT_LAYOUT", { blockNumber }, `deposit event ${what}`);
  };
  if (data.length !== DEPOSIT_EVENT_LENGTH)
    invalid(`is ${data.length} bytes, expected ${DEPOSIT_EVENT_LENGTH}`);
  const parts: Uint8Array[] = [];
  DEPOSIT_FIELDS.forEach(([offset, size, name], i) => {
    if (word(data, i * 32) !== BigInt(offset)) invalid(`has a wrong ${name} offset`);
    if (word(data, offset) !== BigInt(size)) invalid(`has a wrong ${name} size`);
    parts.push(data.subarray(offset + 32, offset + 32 + size));
  });
  return concatBytes(...parts);
}

/** All deposit requests in the block's logs, in log order (concatenated, without the type byte). */
export function depositRequests(
  logs: Iterable<Log>,
  depositContract: Uint8Array,
  blockNumber: bigint,
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const log of logs) {
    if (!equalBytes(log.address, depositContract)) continue;
    if (log.topics.length === 0 || !equalBytes(log.topics[0], DEPOSIT_EVENT_TOPIC)) continue;
    parts.push(depositRequestData(log.data, blockNumber));
  }
  return concatBytes(...parts);
}

/** EIP-7685 commitment: sha256(sha256(request_0) ‖ sha256(request_1) ‖ …) over non-empty typed requests. */
export function requestsHash(requests: readonly Uint8Array[]): Uint8Array {
  return sha256Digest(concatBytes(...requests.map((request) => sha256Digest(request))));
}
