import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { blockContext } from "../chain/blockContext.js";
import { parseBlockFixture, parseBlockJson } from "../chain/blockFixture.js";
import { MAINNET } from "../chain/mainnetChain.js";
import { InvalidInputError } from "../primitives/errors.js";
import { hexToBytes } from "../primitives/hex.js";
import type { PreStateAccount, Workload } from "./workload.js";

/**
 * A block fixture file (the ../shared/fixtures/mainnet format, `.json` or `.json.gz`) as a
 * workload on the mainnet schedule: its own block, pre-state and block hashes, with the declared
 * senders (`from`) as the known senders. Named after the file (`13287210.json.gz` → `13287210`).
 */
export function fixtureWorkload(path: string): Workload {
  let contents: Uint8Array;
  try {
    contents = readFileSync(path);
  } catch (error) {
    throw new InvalidInputError(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const json = parseBlockJson(contents, path) as { blockHashes?: Record<string, string> };
  const fixture = parseBlockFixture(json);
  const { block } = fixture;
  const senders = block.senders;
  if (senders === undefined) throw new InvalidInputError(`${path}: every transaction needs a "from"`);
  const ctx = blockContext(MAINNET, block.header);
  const preState: PreStateAccount[] = [];
  for (const [address, account] of fixture.preState.entries()) {
    preState.push({
      address,
      nonce: account.nonce,
      balance: account.balance,
      code: account.code,
      storage: account.storage,
    });
  }
  const blockHashes = new Map<bigint, Uint8Array>();
  for (const [number, hash] of Object.entries(json.blockHashes ?? {}))
    blockHashes.set(BigInt(number), hexToBytes(hash));
  return {
    name: basename(path).replace(/\.json(\.gz)?$/, ""),
    fork: ctx.fork,
    env: ctx.env,
    preState,
    txs: block.transactions.map((tx, i) => ({ tx, sender: senders[i] })),
    blockHashes,
    block,
    hardfork: fixture.hardfork,
    preStateComplete: fixture.preState.complete,
  };
}
