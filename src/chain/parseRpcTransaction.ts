import type { BlockLocation } from "./blockErrors.js";
import { BlockInputError } from "./blockErrors.js";
import { asArray, asObject, FieldReader } from "./rpcFields.js";
import type { AccessListEntry, Authorization, Transaction, TransactionType } from "./transaction.js";

/** A transaction parsed from RPC JSON, with what the node claimed about it. */
export interface RpcTransaction {
  tx: Transaction;
  /** `from`, when present. */
  from: Uint8Array | undefined;
  /** `hash`, when present. */
  hash: Uint8Array | undefined;
}

function parseAccessList(value: unknown, location: BlockLocation): AccessListEntry[] {
  return asArray(value, { ...location, field: "accessList" }).map((entry, i) => {
    const prefix = `accessList[${i}].`;
    const fields = new FieldReader(
      asObject(entry, { ...location, field: `accessList[${i}]` }),
      location,
      prefix,
    );
    return {
      address: fields.bytes("address", 20),
      storageKeys: asArray(fields.raw("storageKeys") ?? [], {
        ...location,
        field: `${prefix}storageKeys`,
      }).map((key, j) => new FieldReader({ key }, location, `${prefix}storageKeys[${j}]`).bytes("key", 32)),
    };
  });
}

function parseAuthorizationList(value: unknown, location: BlockLocation): Authorization[] {
  return asArray(value, { ...location, field: "authorizationList" }).map((entry, i) => {
    const fields = new FieldReader(
      asObject(entry, { ...location, field: `authorizationList[${i}]` }),
      location,
      `authorizationList[${i}].`,
    );
    return {
      chainId: fields.quantity("chainId"),
      address: fields.bytes("address", 20),
      nonce: fields.quantity("nonce", 64),
      yParity: fields.has("yParity") ? fields.quantity("yParity", 8) : fields.quantity("v", 8),
      r: fields.quantity("r"),
      s: fields.quantity("s"),
    };
  });
}

/** viem's formatted `Transaction.type` names (it keeps the RPC type as `typeHex`). */
const VIEM_TYPE_NAMES: Readonly<Record<string, bigint>> = {
  legacy: 0n,
  eip2930: 1n,
  eip1559: 2n,
  eip4844: 3n,
  eip7702: 4n,
};

/** `type` as RPC hex (`"0x2"`) or a viem name (`"eip1559"`); absent means legacy. */
function transactionTypeNumber(fields: FieldReader): bigint {
  const name = fields.raw("type");
  if (typeof name === "string" && Object.hasOwn(VIEM_TYPE_NAMES, name)) return VIEM_TYPE_NAMES[name];
  return fields.has("type") ? fields.quantity("type") : 0n;
}

/**
 * Parses one transaction of an RPC block (`eth_getBlockByNumber(n, true)` shape: `type`, `nonce`,
 * `gas`, `gasPrice`/`maxFeePerGas`/`maxPriorityFeePerGas`, `to` (null for a creation), `value`,
 * `input`, `accessList`, `maxFeePerBlobGas`, `blobVersionedHashes`, `authorizationList`, `v`/`yParity`,
 * `r`, `s`). A legacy transaction's chain id comes from its `v` (EIP-155), as on the wire. viem's
 * formatted `Transaction` reads the same: its field names are the RPC ones, quantities are bigint or
 * number instead of hex, and `type` is a name (`"eip1559"`). Throws BlockInputError naming the block,
 * the transaction index and the field.
 */
export function parseRpcTransaction(
  json: unknown,
  blockNumber: bigint | undefined,
  index: number,
): RpcTransaction {
  const location: BlockLocation = { blockNumber, txIndex: index };
  const fields = new FieldReader(asObject(json, location), location, "");
  const typeNumber = transactionTypeNumber(fields);
  if (typeNumber > 4n)
    throw new BlockInputError({ ...location, field: "type" }, `unsupported transaction type ${typeNumber}`);
  const type = Number(typeNumber) as TransactionType;
  const to = fields.has("to") ? fields.bytes("to", 20) : undefined;
  const v =
    type === 0
      ? fields.quantity("v")
      : fields.has("yParity")
        ? fields.quantity("yParity")
        : fields.quantity("v");
  let gasPrice: bigint;
  let maxFeePerGas: bigint;
  let maxPriorityFeePerGas: bigint;
  if (type <= 1) {
    gasPrice = maxFeePerGas = maxPriorityFeePerGas = fields.quantity("gasPrice");
  } else {
    maxFeePerGas = fields.quantity("maxFeePerGas");
    maxPriorityFeePerGas = fields.quantity("maxPriorityFeePerGas");
    gasPrice = maxFeePerGas;
  }
  const tx: Transaction = {
    type,
    chainId: type === 0 ? (v >= 35n ? (v - 35n) >> 1n : undefined) : fields.quantity("chainId"),
    nonce: fields.quantity("nonce", 64),
    gasPrice,
    maxPriorityFeePerGas,
    maxFeePerGas,
    gasLimit: fields.quantity("gas", 64),
    to,
    value: fields.quantity("value"),
    data: fields.bytes("input"),
    accessList:
      type >= 1 && fields.has("accessList") ? parseAccessList(fields.raw("accessList"), location) : [],
    maxFeePerBlobGas: type === 3 ? fields.quantity("maxFeePerBlobGas") : 0n,
    blobVersionedHashes:
      type === 3
        ? asArray(fields.raw("blobVersionedHashes") ?? [], { ...location, field: "blobVersionedHashes" }).map(
            (hash, j) => new FieldReader({ hash }, location, `blobVersionedHashes[${j}]`).bytes("hash", 32),
          )
        : [],
    authorizationList:
      type === 4 ? parseAuthorizationList(fields.raw("authorizationList") ?? [], location) : [],
    v,
    r: fields.quantity("r"),
    s: fields.quantity("s"),
  };
  if ((type === 3 || type === 4) && to === undefined) {
    throw new BlockInputError(
      { ...location, field: "to" },
      `a type ${type} transaction must have a recipient`,
    );
  }
  return { tx, from: fields.optionalBytes("from", 20), hash: fields.optionalBytes("hash", 32) };
}
