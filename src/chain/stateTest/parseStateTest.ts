import { parseAddress } from "../../primitives/address.js";
import { InvalidInputError } from "../../primitives/errors.js";
import { hexToBytes, parseQuantity } from "../../primitives/hex.js";
import type { AccessListEntry, Authorization } from "../transaction.js";
import { senderFromSecretKey } from "./senderFromSecretKey.js";
import type {
  CaseIndexes,
  PostCase,
  PreAccount,
  StateTest,
  StateTestEnv,
  TransactionTemplate,
} from "./stateTestModel.js";

// Every helper takes the JSON path of the value it reads so a malformed fixture is reported as
// "Invalid transaction.gasLimit[2]: ..." rather than a bare "not hex".

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, path: string): JsonObject {
  if (!isObject(value))
    throw new InvalidInputError(`Invalid ${path}: expected an object, got ${describe(value)}`);
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new InvalidInputError(`Invalid ${path}: expected an array, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (missing field)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function required(obj: JsonObject, key: string, path: string): unknown {
  const value = obj[key];
  if (value === undefined) throw new InvalidInputError(`Missing field ${path}.${key}`);
  return value;
}

/**
 * A quantity. retesteth writes values that do not fit 256 bits as `0x:bigint 0x...` (used to test
 * that such a transaction is rejected), so the label is stripped and the full value kept.
 */
function quantity(value: unknown, path: string): bigint {
  if (typeof value === "string" && value.startsWith("0x:bigint ")) value = value.slice("0x:bigint ".length);
  return parseQuantity(value as string, path);
}

function bytes(value: unknown, path: string): Uint8Array {
  return hexToBytes(value as string, path);
}

function hash32(value: unknown, path: string): Uint8Array {
  const out = bytes(value, path);
  if (out.length !== 32)
    throw new InvalidInputError(`Invalid ${path}: ${JSON.stringify(value)} is not 32 bytes`);
  return out;
}

function address(value: unknown, path: string): Uint8Array {
  if (typeof value !== "string") throw new InvalidInputError(`Invalid ${path}: expected a hex string`);
  return parseAddress(value, path);
}

function optional<T>(
  obj: JsonObject,
  key: string,
  path: string,
  parse: (v: unknown, p: string) => T,
): T | undefined {
  const value = obj[key];
  return value === undefined || value === null ? undefined : parse(value, `${path}.${key}`);
}

function parseEnv(json: unknown): StateTestEnv {
  const env = object(json, "env");
  return {
    coinbase: address(required(env, "currentCoinbase", "env"), "env.currentCoinbase"),
    gasLimit: quantity(required(env, "currentGasLimit", "env"), "env.currentGasLimit"),
    number: quantity(required(env, "currentNumber", "env"), "env.currentNumber"),
    timestamp: quantity(required(env, "currentTimestamp", "env"), "env.currentTimestamp"),
    difficulty: optional(env, "currentDifficulty", "env", quantity) ?? 0n,
    random: optional(env, "currentRandom", "env", hash32),
    baseFee: optional(env, "currentBaseFee", "env", quantity),
    excessBlobGas: optional(env, "currentExcessBlobGas", "env", quantity),
  };
}

function parsePre(json: unknown): PreAccount[] {
  const pre = object(json, "pre");
  const accounts: PreAccount[] = [];
  for (const [addressHex, accountJson] of Object.entries(pre)) {
    const path = `pre[${addressHex}]`;
    const account = object(accountJson, path);
    const storage = new Map<bigint, bigint>();
    const storageJson = account.storage === undefined ? {} : object(account.storage, `${path}.storage`);
    for (const [slotHex, valueHex] of Object.entries(storageJson)) {
      const slot = quantity(slotHex, `${path}.storage key ${slotHex}`);
      const value = quantity(valueHex, `${path}.storage[${slotHex}]`);
      if (value !== 0n) storage.set(slot, value);
    }
    accounts.push({
      address: address(addressHex, `pre address ${addressHex}`),
      nonce: quantity(required(account, "nonce", path), `${path}.nonce`),
      balance: quantity(required(account, "balance", path), `${path}.balance`),
      code: bytes(required(account, "code", path), `${path}.code`),
      storage,
    });
  }
  return accounts;
}

function parseAccessList(json: unknown, path: string): AccessListEntry[] {
  return array(json, path).map((entryJson, i) => {
    const entry = object(entryJson, `${path}[${i}]`);
    return {
      address: address(required(entry, "address", `${path}[${i}]`), `${path}[${i}].address`),
      storageKeys: array(required(entry, "storageKeys", `${path}[${i}]`), `${path}[${i}].storageKeys`).map(
        (key, k) => hash32(key, `${path}[${i}].storageKeys[${k}]`),
      ),
    };
  });
}

function parseAuthorization(json: unknown, path: string): Authorization {
  const auth = object(json, path);
  // EEST writes both `v` and `yParity` (equal); older drafts only one of them.
  const parity = auth.yParity ?? auth.v;
  if (parity === undefined) throw new InvalidInputError(`Missing field ${path}.yParity`);
  return {
    chainId: quantity(required(auth, "chainId", path), `${path}.chainId`),
    address: address(required(auth, "address", path), `${path}.address`),
    nonce: quantity(required(auth, "nonce", path), `${path}.nonce`),
    yParity: quantity(parity, `${path}.yParity`),
    r: quantity(required(auth, "r", path), `${path}.r`),
    s: quantity(required(auth, "s", path), `${path}.s`),
  };
}

function parseTransaction(json: unknown): TransactionTemplate {
  const tx = object(json, "transaction");
  const p = "transaction";
  const to = required(tx, "to", p);
  const accessLists = tx.accessLists === undefined || tx.accessLists === null ? undefined : tx.accessLists;
  let sender: Uint8Array;
  if (tx.sender !== undefined) sender = address(tx.sender, `${p}.sender`);
  else sender = senderFromSecretKey(hash32(required(tx, "secretKey", p), `${p}.secretKey`));
  return {
    nonce: quantity(required(tx, "nonce", p), `${p}.nonce`),
    to: to === "" ? undefined : address(to, `${p}.to`),
    gasPrice: optional(tx, "gasPrice", p, quantity),
    maxFeePerGas: optional(tx, "maxFeePerGas", p, quantity),
    maxPriorityFeePerGas: optional(tx, "maxPriorityFeePerGas", p, quantity),
    maxFeePerBlobGas: optional(tx, "maxFeePerBlobGas", p, quantity),
    blobVersionedHashes: optional(tx, "blobVersionedHashes", p, (v, path) =>
      array(v, path).map((h, i) => hash32(h, `${path}[${i}]`)),
    ),
    authorizationList: optional(tx, "authorizationList", p, (v, path) =>
      array(v, path).map((a, i) => parseAuthorization(a, `${path}[${i}]`)),
    ),
    data: array(required(tx, "data", p), `${p}.data`).map((d, i) => bytes(d, `${p}.data[${i}]`)),
    gasLimit: array(required(tx, "gasLimit", p), `${p}.gasLimit`).map((g, i) =>
      quantity(g, `${p}.gasLimit[${i}]`),
    ),
    value: array(required(tx, "value", p), `${p}.value`).map((v, i) => quantity(v, `${p}.value[${i}]`)),
    accessLists:
      accessLists === undefined
        ? undefined
        : array(accessLists, `${p}.accessLists`).map((list, i) =>
            list === null ? null : parseAccessList(list, `${p}.accessLists[${i}]`),
          ),
    sender,
  };
}

/**
 * Decodes everything of a state test except `post`: env, pre-state, transaction template and chain
 * id. Throws InvalidInputError naming the JSON field that is missing or malformed.
 */
export function parseStateTest(name: string, json: unknown): StateTest {
  const test = object(json, "test");
  const config = test.config === undefined ? undefined : object(test.config, "config");
  return {
    name,
    env: parseEnv(required(test, "env", "test")),
    pre: parsePre(required(test, "pre", "test")),
    transaction: parseTransaction(required(test, "transaction", "test")),
    chainId: (config && optional(config, "chainid", "config", quantity)) ?? 1n,
  };
}

function index(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(
      `Invalid ${path}: expected a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Reads `indexes` of a post entry, or null when they are unreadable (the entry then fails as a whole). */
export function readCaseIndexes(entry: unknown): CaseIndexes | null {
  try {
    const indexes = object(object(entry, "post entry").indexes, "indexes");
    return {
      data: index(indexes.data, "indexes.data"),
      gas: index(indexes.gas, "indexes.gas"),
      value: index(indexes.value, "indexes.value"),
    };
  } catch {
    return null;
  }
}

/** Decodes one entry of `post[fork]` (`path` names it in errors, e.g. `post.Cancun[3]`). */
export function parsePostCase(json: unknown, path: string): PostCase {
  const entry = object(json, path);
  const indexesJson = object(required(entry, "indexes", path), `${path}.indexes`);
  const expectException = entry.expectException;
  if (expectException !== undefined && typeof expectException !== "string") {
    throw new InvalidInputError(`Invalid ${path}.expectException: expected a string`);
  }
  return {
    indexes: {
      data: index(required(indexesJson, "data", `${path}.indexes`), `${path}.indexes.data`),
      gas: index(required(indexesJson, "gas", `${path}.indexes`), `${path}.indexes.gas`),
      value: index(required(indexesJson, "value", `${path}.indexes`), `${path}.indexes.value`),
    },
    hash: hash32(required(entry, "hash", path), `${path}.hash`),
    logs: hash32(required(entry, "logs", path), `${path}.logs`),
    expectException: expectException === "" ? undefined : expectException,
    expectedState: entry.state,
  };
}
