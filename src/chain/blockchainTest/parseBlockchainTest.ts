import { InvalidInputError } from "../../primitives/errors.js";
import { hexToBytes, parseQuantity } from "../../primitives/hex.js";
import { decodeBlock } from "../decodeBlock.js";
import type { BlockchainTest, TestBlock } from "./blockchainTestModel.js";
import { networkChain, parseBlobSchedule } from "./networkChain.js";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field<T>(
  test: Record<string, unknown>,
  name: string,
  check: (value: unknown) => value is T,
  what: string,
): T {
  const value = test[name];
  if (!check(value)) throw new InvalidInputError(`missing or invalid field ${name} (expected ${what})`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === "string";

/**
 * Decodes one test of a blockchain-test fixture. Only what the runner needs: network and chain config,
 * the genesis header (from `genesisRLP`), `pre`, each block's `rlp` and `expectException`,
 * `lastblockhash` and `postState`/`postStateHash`. Throws InvalidInputError naming the field.
 */
export function parseBlockchainTest(name: string, json: unknown): BlockchainTest {
  if (!isObject(json)) throw new InvalidInputError("test is not an object");
  const network = field(json, "network", isString, "a string");
  const config = isObject(json.config) ? json.config : {};
  const chainId =
    config.chainid === undefined ? 1n : parseQuantity(config.chainid as string, "config.chainid");
  const chain = networkChain(network, chainId, parseBlobSchedule(config.blobSchedule));
  const genesis = decodeBlock(hexToBytes(field(json, "genesisRLP", isString, "hex"), "genesisRLP")).block
    .header;
  const blocks = field(json, "blocks", Array.isArray, "an array").map((block, i): TestBlock => {
    if (!isObject(block) || typeof block.rlp !== "string")
      throw new InvalidInputError(`blocks[${i}].rlp missing`);
    return {
      rlp: hexToBytes(block.rlp, `blocks[${i}].rlp`),
      expectException: typeof block.expectException === "string" ? block.expectException : undefined,
    };
  });
  return {
    name,
    network,
    chain,
    genesis,
    pre: json.pre,
    blocks,
    lastBlockHash: hexToBytes(field(json, "lastblockhash", isString, "hex"), "lastblockhash"),
    postState: json.postState,
    postStateHash:
      typeof json.postStateHash === "string" ? hexToBytes(json.postStateHash, "postStateHash") : undefined,
  };
}
