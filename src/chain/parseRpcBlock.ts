import { bytesToHex, equalBytes, parseQuantity } from "../primitives/hex.js";
import type { Block, Withdrawal } from "./block.js";
import { BlockInputError, type BlockLocation } from "./blockErrors.js";
import { type BlockHeader, headerHash } from "./blockHeader.js";
import { parseRpcTransaction } from "./parseRpcTransaction.js";
import { asArray, asObject, FieldReader } from "./rpcFields.js";
import { transactionHash } from "./transactionEncode.js";

/** How strictly to read an RPC block. */
export interface ParseRpcBlockOptions {
  /**
   * Check the declared block hash against keccak256(rlp(header)) and each transaction's declared hash
   * against its encoding. Default true: a mismatch means a field was misread.
   */
  verifyHashes?: boolean;
}

/**
 * Parses an RPC header (field names as `eth_getBlockByNumber` returns them: `sha3Uncles`, `miner`,
 * `logsBloom`...). Fork-specific fields are read when present.
 */
export function parseRpcHeader(json: unknown, blockNumber?: bigint): BlockHeader {
  const location: BlockLocation = { blockNumber };
  const fields = new FieldReader(asObject(json, { ...location, field: "header" }), location, "header.");
  return {
    parentHash: fields.bytes("parentHash", 32),
    ommersHash: fields.bytes("sha3Uncles", 32),
    coinbase: fields.bytes("miner", 20),
    stateRoot: fields.bytes("stateRoot", 32),
    transactionsRoot: fields.bytes("transactionsRoot", 32),
    receiptsRoot: fields.bytes("receiptsRoot", 32),
    logsBloom: fields.bytes("logsBloom", 256),
    difficulty: fields.quantity("difficulty"),
    number: fields.quantity("number", 64),
    gasLimit: fields.quantity("gasLimit", 64),
    gasUsed: fields.quantity("gasUsed", 64),
    timestamp: fields.quantity("timestamp", 64),
    extraData: fields.bytes("extraData"),
    mixHash: fields.bytes("mixHash", 32),
    nonce: fields.bytes("nonce", 8),
    baseFeePerGas: fields.optionalQuantity("baseFeePerGas"),
    withdrawalsRoot: fields.optionalBytes("withdrawalsRoot", 32),
    blobGasUsed: fields.optionalQuantity("blobGasUsed", 64),
    excessBlobGas: fields.optionalQuantity("excessBlobGas", 64),
    parentBeaconBlockRoot: fields.optionalBytes("parentBeaconBlockRoot", 32),
    requestsHash: fields.optionalBytes("requestsHash", 32),
  };
}

function parseWithdrawal(json: unknown, blockNumber: bigint, i: number): Withdrawal {
  const location: BlockLocation = { blockNumber, field: `withdrawals[${i}]` };
  const fields = new FieldReader(asObject(json, location), { blockNumber }, `withdrawals[${i}].`);
  return {
    index: fields.quantity("index", 64),
    validatorIndex: fields.quantity("validatorIndex", 64),
    address: fields.bytes("address", 20),
    amount: fields.quantity("amount", 64),
  };
}

/** Best-effort block number for error messages, before the header is parsed. */
function peekNumber(json: Record<string, unknown>): bigint | undefined {
  const header = json.header as Record<string, unknown> | undefined;
  const raw = json.number ?? header?.number;
  try {
    return raw === undefined ? undefined : parseQuantity(raw as string);
  } catch {
    return undefined;
  }
}

/**
 * Parses an RPC-style JSON block: either `eth_getBlockByNumber(n, true)` output (header fields at the
 * top level) or the fixture shape with a separate `header` object. `transactions` must be full objects;
 * `uncles` are hashes; `withdrawals` (Shanghai on) are `{index, validatorIndex, address, amount}` in gwei.
 * Declared senders (`from`) are kept on the block but only used when the executor trusts them. viem's
 * formatted `Block` (from `getBlock({ includeTransactions: true })` or `formatBlock`) parses to the same
 * block: the field names are the RPC ones and quantities may be bigint or number. Throws
 * BlockInputError naming the block, transaction index and field.
 */
export function parseRpcBlock(json: unknown, options: ParseRpcBlockOptions = {}): Block {
  const top = asObject(json, { blockNumber: undefined, field: "block" });
  const blockNumber = peekNumber(top);
  const header = parseRpcHeader(top.header ?? top, blockNumber);
  const number = header.number;
  const verify = options.verifyHashes ?? true;

  const declaredHash = top.hash ?? (top.header as Record<string, unknown> | undefined)?.hash;
  if (verify && typeof declaredHash === "string") {
    const hash = bytesToHex(headerHash(header));
    if (hash !== declaredHash.toLowerCase()) {
      throw new BlockInputError(
        { blockNumber: number, field: "hash" },
        `header hashes to ${hash}, but the block says ${declaredHash}`,
      );
    }
  }

  const transactions = asArray(top.transactions ?? [], { blockNumber: number, field: "transactions" });
  const parsed = transactions.map((tx, i) => {
    if (typeof tx === "string") {
      throw new BlockInputError(
        { blockNumber: number, txIndex: i },
        "transactions must be full objects, not hashes",
      );
    }
    const rpc = parseRpcTransaction(tx, number, i);
    if (verify && rpc.hash !== undefined && !equalBytes(transactionHash(rpc.tx), rpc.hash)) {
      throw new BlockInputError(
        { blockNumber: number, txIndex: i, field: "hash" },
        `transaction encodes to ${bytesToHex(transactionHash(rpc.tx))}, but the block says ${bytesToHex(rpc.hash)}`,
      );
    }
    return rpc;
  });
  const senders = parsed.every((rpc) => rpc.from !== undefined) ? parsed.map((rpc) => rpc.from!) : undefined;

  const uncleHashes = asArray(top.uncles ?? [], { blockNumber: number, field: "uncles" }).map((hash, i) =>
    new FieldReader({ hash }, { blockNumber: number }, `uncles[${i}]`).bytes("hash", 32),
  );
  const withdrawals =
    top.withdrawals === undefined || top.withdrawals === null
      ? undefined
      : asArray(top.withdrawals, { blockNumber: number, field: "withdrawals" }).map((w, i) =>
          parseWithdrawal(w, number, i),
        );
  return {
    header,
    transactions: parsed.map((rpc) => rpc.tx),
    ...(senders ? { senders } : {}),
    uncles: [],
    uncleHashes,
    ...(withdrawals ? { withdrawals } : {}),
  };
}
