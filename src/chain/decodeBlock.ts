import { PevmError } from "../primitives/errors.js";
import { bytesToBigInt, bytesToHex } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { decodeRlp, encodeRlp, type RlpItem } from "../primitives/rlp.js";
import type { Block, Withdrawal } from "./block.js";
import { BlockInputError, type BlockLocation } from "./blockErrors.js";
import type { BlockHeader } from "./blockHeader.js";
import type { Transaction } from "./transaction.js";
import { decodeTransaction } from "./transactionDecode.js";

/** Header fields through Prague: 15 base fields, then baseFee, withdrawalsRoot, blob gas (2), beacon root, requests hash. */
const MIN_HEADER_FIELDS = 15;
const MAX_HEADER_FIELDS = 21;

class Fields {
  constructor(
    private readonly items: RlpItem[],
    private readonly location: BlockLocation,
    private readonly prefix: string,
    /** Fields from this index on are fork-optional: a misfit there means the field set is wrong. */
    private readonly firstOptional = Number.POSITIVE_INFINITY,
  ) {}

  private current = 0;

  private fail(name: string, message: string, reason = "RLP_STRUCTURES_ENCODING"): never {
    // A header missing one optional field shifts the later ones into the wrong slots (a 32-byte root
    // where a canonical integer belongs): that is the wrong format for its fork, not bad RLP.
    const misplaced = this.current >= this.firstOptional;
    throw new BlockInputError({ ...this.location, field: `${this.prefix}${name}` }, message, {
      reason: misplaced ? "INCORRECT_BLOCK_FORMAT" : reason,
    });
  }

  bytes(i: number, name: string, length?: number): Uint8Array {
    this.current = i;
    const item = this.items[i];
    if (!(item instanceof Uint8Array)) return this.fail(name, "is a list, expected a byte string");
    if (length !== undefined && item.length !== length) {
      return this.fail(
        name,
        `must be ${length} bytes, got ${item.length}`,
        length === 20 ? "RLP_INVALID_ADDRESS" : "RLP_STRUCTURES_ENCODING",
      );
    }
    return item.slice();
  }

  /** A canonical unsigned integer of at most `bits` bits. */
  uint(i: number, name: string, bits: 64 | 256): bigint {
    const bytes = this.bytes(i, name);
    if (bytes.length > 0 && bytes[0] === 0) this.fail(name, `has leading zero bytes (${bytesToHex(bytes)})`);
    if (bytes.length > bits / 8) {
      this.fail(
        name,
        `does not fit in ${bits} bits`,
        bits === 64 ? "RLP_INVALID_FIELD_OVERFLOW_64" : "RLP_STRUCTURES_ENCODING",
      );
    }
    return bytesToBigInt(bytes);
  }
}

function asList(item: RlpItem, location: BlockLocation, what: string): RlpItem[] {
  if (item instanceof Uint8Array)
    throw new BlockInputError({ ...location, field: what }, "is a byte string, expected a list");
  return item;
}

/** Block number of a header item, best effort, for error messages. */
function peekNumber(item: RlpItem): bigint | undefined {
  if (item instanceof Uint8Array || !(item[8] instanceof Uint8Array) || item[8].length > 8) return undefined;
  return bytesToBigInt(item[8]);
}

/**
 * Decodes an RLP header (the list, as found in a block or uncle list). Optional fields are taken in
 * fork order as far as present; whether their presence suits the block's fork is header validation's
 * business (INCORRECT_BLOCK_FORMAT). Throws BlockInputError.
 */
export function decodeHeader(
  item: RlpItem,
  location: BlockLocation = { blockNumber: undefined },
  prefix = "header.",
): BlockHeader {
  const at = { ...location, blockNumber: location.blockNumber ?? peekNumber(item) };
  const items = asList(item, at, prefix.slice(0, -1));
  if (items.length < MIN_HEADER_FIELDS || items.length > MAX_HEADER_FIELDS) {
    throw new BlockInputError(
      at,
      `header has ${items.length} fields, expected ${MIN_HEADER_FIELDS} to ${MAX_HEADER_FIELDS}`,
      {
        reason: "INCORRECT_BLOCK_FORMAT",
      },
    );
  }
  const f = new Fields(items, at, prefix, MIN_HEADER_FIELDS);
  const n = items.length;
  return {
    parentHash: f.bytes(0, "parentHash", 32),
    ommersHash: f.bytes(1, "ommersHash", 32),
    coinbase: f.bytes(2, "coinbase", 20),
    stateRoot: f.bytes(3, "stateRoot", 32),
    transactionsRoot: f.bytes(4, "transactionsRoot", 32),
    receiptsRoot: f.bytes(5, "receiptsRoot", 32),
    logsBloom: f.bytes(6, "logsBloom", 256),
    difficulty: f.uint(7, "difficulty", 256),
    number: f.uint(8, "number", 64),
    gasLimit: f.uint(9, "gasLimit", 64),
    gasUsed: f.uint(10, "gasUsed", 64),
    timestamp: f.uint(11, "timestamp", 64),
    extraData: f.bytes(12, "extraData"),
    mixHash: f.bytes(13, "mixHash", 32),
    nonce: f.bytes(14, "nonce", 8),
    ...(n > 15 ? { baseFeePerGas: f.uint(15, "baseFeePerGas", 256) } : {}),
    ...(n > 16 ? { withdrawalsRoot: f.bytes(16, "withdrawalsRoot", 32) } : {}),
    ...(n > 17 ? { blobGasUsed: f.uint(17, "blobGasUsed", 64) } : {}),
    ...(n > 18 ? { excessBlobGas: f.uint(18, "excessBlobGas", 64) } : {}),
    ...(n > 19 ? { parentBeaconBlockRoot: f.bytes(19, "parentBeaconBlockRoot", 32) } : {}),
    ...(n > 20 ? { requestsHash: f.bytes(20, "requestsHash", 32) } : {}),
  };
}

function decodeBlockTransaction(item: RlpItem, location: BlockLocation): Transaction {
  try {
    // A legacy transaction is an RLP list in the body; a typed one is a byte string holding type ‖ payload.
    if (!(item instanceof Uint8Array)) return decodeTransaction(encodeRlp(item));
    if (item.length > 0 && item[0] >= 0x80) throw new Error("a byte string holding a legacy transaction");
    return decodeTransaction(item);
  } catch (error) {
    const message = error instanceof PevmError ? error.shortMessage : (error as Error).message;
    throw new BlockInputError(location, message, { cause: error });
  }
}

function decodeWithdrawal(item: RlpItem, location: BlockLocation, i: number): Withdrawal {
  const items = asList(item, location, `withdrawals[${i}]`);
  if (items.length !== 4) {
    throw new BlockInputError(
      { ...location, field: `withdrawals[${i}]` },
      `has ${items.length} fields, expected 4`,
    );
  }
  const f = new Fields(items, location, `withdrawals[${i}].`);
  return {
    index: f.uint(0, "index", 64),
    validatorIndex: f.uint(1, "validatorIndex", 64),
    address: f.bytes(2, "address", 20),
    amount: f.uint(3, "amount", 64),
  };
}

/** A decoded block plus the pieces of its encoding that roots are computed from. */
export interface DecodedBlock {
  block: Block;
  /** Each transaction's wire encoding (transactions root, hashes). */
  transactionBytes: Uint8Array[];
  /** keccak256(rlp(uncle list)): compare with header.ommersHash. */
  ommersHash: Uint8Array;
  /** Each withdrawal's RLP encoding (withdrawals root). */
  withdrawalBytes: Uint8Array[] | undefined;
}

/**
 * Decodes an RLP block `[header, transactions, uncles, withdrawals?]` as BlockchainTests and devp2p
 * carry it. Strict: non-canonical RLP, integers with leading zeros or too wide, addresses not 20 bytes,
 * malformed transactions and trailing bytes are BlockInputError naming block, transaction and field
 * (with `reason` the closest BlockException name).
 */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  let item: RlpItem;
  try {
    item = decodeRlp(bytes);
  } catch (error) {
    throw new BlockInputError(
      { blockNumber: undefined },
      (error as PevmError).shortMessage ?? String(error),
      { cause: error },
    );
  }
  const top = asList(item, { blockNumber: undefined }, "block");
  if (top.length < 3 || top.length > 4) {
    throw new BlockInputError(
      { blockNumber: peekNumber(top[0] ?? []) },
      `block has ${top.length} parts, expected 3 or 4`,
      {
        reason: top.length > 4 ? "RLP_STRUCTURES_ENCODING" : "INCORRECT_BLOCK_FORMAT",
      },
    );
  }
  const header = decodeHeader(top[0]);
  const location: BlockLocation = { blockNumber: header.number };
  const txItems = asList(top[1], location, "transactions");
  const transactions = txItems.map((tx, i) => decodeBlockTransaction(tx, { ...location, txIndex: i }));
  const transactionBytes = txItems.map((tx) => (tx instanceof Uint8Array ? tx : encodeRlp(tx)));
  const uncleItems = asList(top[2], location, "uncles");
  const uncles = uncleItems.map((uncle, i) => decodeHeader(uncle, location, `uncles[${i}].`));
  const withdrawalItems = top.length === 4 ? asList(top[3], location, "withdrawals") : undefined;
  const withdrawals = withdrawalItems?.map((w, i) => decodeWithdrawal(w, location, i));
  return {
    block: {
      header,
      transactions,
      uncles,
      uncleHashes: uncleItems.map((uncle) => keccak256(encodeRlp(uncle))),
      ...(withdrawals ? { withdrawals } : {}),
    },
    transactionBytes,
    ommersHash: keccak256(encodeRlp(uncleItems)),
    withdrawalBytes: withdrawalItems?.map((w) => encodeRlp(w)),
  };
}
