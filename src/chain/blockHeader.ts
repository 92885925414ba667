import { bigIntToBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp, type RlpItem } from "../primitives/rlp.js";

/**
 * A block header through Prague. Optional fields exist from the fork that introduced them:
 * `baseFeePerGas` London, `withdrawalsRoot` Shanghai, `blobGasUsed`/`excessBlobGas`/
 * `parentBeaconBlockRoot` Cancun, `requestsHash` Prague. Hashes are 32 bytes, `logsBloom` 256.
 */
export interface BlockHeader {
  parentHash: Uint8Array;
  /** keccak256(rlp(uncle headers)); `sha3Uncles` in RPC. */
  ommersHash: Uint8Array;
  /** The fee recipient; `miner` in RPC. */
  coinbase: Uint8Array;
  stateRoot: Uint8Array;
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  logsBloom: Uint8Array;
  difficulty: bigint;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  extraData: Uint8Array;
  /** PoW mix hash, or PREVRANDAO from Paris on. */
  mixHash: Uint8Array;
  /** The 8-byte PoW nonce (zero from Paris on). */
  nonce: Uint8Array;
  baseFeePerGas?: bigint;
  withdrawalsRoot?: Uint8Array;
  blobGasUsed?: bigint;
  excessBlobGas?: bigint;
  parentBeaconBlockRoot?: Uint8Array;
  requestsHash?: Uint8Array;
}

/** The header as an RLP list, optional fields appended in fork order while present. */
export function headerRlpItem(header: BlockHeader): RlpItem {
  const fields: RlpItem[] = [
    header.parentHash,
    header.ommersHash,
    header.coinbase,
    header.stateRoot,
    header.transactionsRoot,
    header.receiptsRoot,
    header.logsBloom,
    bigIntToBytes(header.difficulty),
    bigIntToBytes(header.number),
    bigIntToBytes(header.gasLimit),
    bigIntToBytes(header.gasUsed),
    bigIntToBytes(header.timestamp),
    header.extraData,
    header.mixHash,
    header.nonce,
  ];
  if (header.baseFeePerGas !== undefined) fields.push(bigIntToBytes(header.baseFeePerGas));
  if (header.withdrawalsRoot !== undefined) fields.push(header.withdrawalsRoot);
  if (header.blobGasUsed !== undefined) fields.push(bigIntToBytes(header.blobGasUsed));
  if (header.excessBlobGas !== undefined) fields.push(bigIntToBytes(header.excessBlobGas));
  if (header.parentBeaconBlockRoot !== undefined) fields.push(header.parentBeaconBlockRoot);
  if (header.requestsHash !== undefined) fields.push(header.requestsHash);
  return fields;
}

/** RLP encoding of a header. */
export function encodeHeader(header: BlockHeader): Uint8Array {
  return encodeRlp(headerRlpItem(header));
}

/** The block hash: keccak256(rlp(header)). */
export function headerHash(header: BlockHeader): Uint8Array {
  return keccak256(encodeHeader(header));
}
