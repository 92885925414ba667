import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { InvalidInputError } from "../primitives/errors.js";
import { MemoryState, type MemoryStateOptions } from "../state/memoryState.js";
import type { Block } from "./block.js";
import { BlockInputError } from "./blockErrors.js";
import { type AllocAccount, parseAccountAlloc, setAllocAccount } from "./parseAccountAlloc.js";
import { parseRpcBlock } from "./parseRpcBlock.js";
import { asObject, FieldReader } from "./rpcFields.js";

/** A self-contained block to replay: the block plus the state and block hashes it reads. */
export interface BlockFixture {
  block: Block;
  /**
   * Every account and slot the block reads, with code; BLOCKHASH answers come from `blockHashes`.
   * Complete (MemoryState.complete: the block's state root can be computed and checked) only when the
   * fixture says `"preStateComplete": true` (a dumped generated workload); mainnet fixtures hold only
   * what their block touches.
   */
  preState: MemoryState;
  /** The ethereumjs hardfork name the fixture was validated under, when given. */
  hardfork: string | undefined;
}

/**
 * Builds the pre-state of a fixture: `preState` `{address: {balance, nonce, code, storage}}` and
 * `blockHashes` `{"<decimal number>": hash}`. Zero-valued slots are dropped (absent and zero are the
 * same in Ethereum storage, and EIP-7610's "has storage" must not see them).
 */
export function parsePreState(
  preState: unknown,
  blockHashes: unknown,
  blockNumber?: bigint,
  options: MemoryStateOptions = {},
): MemoryState {
  const state = new MemoryState(options);
  let accounts: AllocAccount[];
  try {
    accounts = parseAccountAlloc(preState ?? {}, "preState");
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new BlockInputError({ blockNumber, field: "preState" }, error.shortMessage, { cause: error });
  }
  for (const account of accounts) setAllocAccount(state, account);
  for (const [number, hash] of Object.entries(
    asObject(blockHashes ?? {}, { blockNumber, field: "blockHashes" }),
  )) {
    const fields = new FieldReader({ number, hash }, { blockNumber }, `blockHashes[${number}]`);
    state.setBlockHash(fields.quantity("number", 64), fields.bytes("hash", 32));
  }
  return state;
}

/** Parses a block fixture object (see ../shared/fixtures/mainnet/README.md for the format). */
export function parseBlockFixture(json: unknown): BlockFixture {
  const top = asObject(json, { blockNumber: undefined, field: "fixture" });
  const block = parseRpcBlock(top);
  return {
    block,
    preState: parsePreState(top.preState, top.blockHashes, block.header.number, {
      complete: top.preStateComplete === true,
    }),
    hardfork: typeof top.hardfork === "string" ? top.hardfork : undefined,
  };
}

/** Parses JSON text (or gzip-compressed JSON) into a value, as a BlockInputError when it is not JSON. */
export function parseBlockJson(contents: Uint8Array, source: string): unknown {
  const isGzip = contents.length >= 2 && contents[0] === 0x1f && contents[1] === 0x8b;
  let text: string;
  try {
    const raw = isGzip ? gunzipSync(contents) : contents;
    text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  } catch (error) {
    throw new BlockInputError({ blockNumber: undefined }, `${source} is not valid gzip`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BlockInputError(
      { blockNumber: undefined },
      `${source} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** Reads a `.json` or `.json.gz` block fixture file. */
export function readBlockFixture(path: string): BlockFixture {
  let contents: Uint8Array;
  try {
    contents = readFileSync(path);
  } catch (error) {
    throw new InvalidInputError(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseBlockFixture(parseBlockJson(contents, path));
}
