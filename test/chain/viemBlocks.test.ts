import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  formatBlock,
  formatTransaction,
  type RpcBlock,
  type RpcTransaction as ViemRpcTransaction,
} from "viem";
import { describe, expect, it } from "vitest";
import { parsePreState } from "../../src/chain/blockFixture.js";
import { checkAgainstHeader } from "../../src/chain/checkAgainstHeader.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { parseRpcBlock } from "../../src/chain/parseRpcBlock.js";
import { parseRpcTransaction } from "../../src/chain/parseRpcTransaction.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { fixturesDir, readFixture } from "../fixtures/fixturesDir.js";

/**
 * viem's `Block` and `Transaction` objects (bigint and number quantities, named transaction types) parse
 * to exactly the block the raw JSON-RPC objects parse to. The viem objects come from viem's own
 * formatters applied to real RPC JSON: the mainnet fixtures, whose header fields flattened to the top
 * level are `eth_getBlockByNumber(n, true)` output.
 */
interface MainnetFixture {
  header: Record<string, unknown>;
  hash: string;
  transactions: ViemRpcTransaction[];
  uncles: string[];
  withdrawals?: unknown[];
  preState: unknown;
  blockHashes: unknown;
}

/** A block as text, bigints and byte arrays in hex: compares 81 blocks far faster than a deep toEqual. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? bytesToHex(v) : v,
  );
}

function rpcBlockOf(fixture: MainnetFixture): RpcBlock {
  const { header, hash, transactions, uncles, withdrawals } = fixture;
  return {
    ...header,
    hash,
    transactions,
    uncles,
    ...(withdrawals ? { withdrawals } : {}),
  } as unknown as RpcBlock;
}

/** Blocks executed from their viem form: Frontier, Byzantium, Paris, Cancun with and without blobs. */
const EXECUTED = ["46147", "4370000", "17034869", "19426587", "19933122"];

const root = fixturesDir();
const dir = root === undefined ? undefined : join(root, "mainnet");
const files = dir === undefined ? [] : readdirSync(dir).filter((name) => name.endsWith(".json.gz"));

describe("viem objects as block input", () => {
  it("a type-4 transaction with an authorization list (none on mainnet in the fixtures)", () => {
    const rpc = {
      type: "0x4",
      chainId: "0x1",
      nonce: "0x2a",
      gas: "0x186a0",
      gasPrice: "0x3b9aca00",
      maxFeePerGas: "0x3b9aca00",
      maxPriorityFeePerGas: "0x1",
      to: "0x1000000000000000000000000000000000000001",
      value: "0x0",
      input: "0x",
      accessList: [
        { address: "0x1000000000000000000000000000000000000002", storageKeys: [`0x${"00".repeat(31)}01`] },
      ],
      authorizationList: [
        {
          chainId: "0x1",
          address: "0x1000000000000000000000000000000000000003",
          nonce: "0x0",
          yParity: "0x1",
          r: "0x5",
          s: "0x6",
        },
      ],
      v: "0x1",
      yParity: "0x1",
      r: "0x1",
      s: "0x2",
    } as unknown as ViemRpcTransaction;
    const viem = formatTransaction(rpc);
    expect(viem.type).toBe("eip7702");
    expect(typeof viem.gas).toBe("bigint");
    expect(parseRpcTransaction(viem, 1n, 0)).toEqual(parseRpcTransaction(rpc, 1n, 0));
  });

  if (files.length === 0) {
    it.skip("mainnet block fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures/mainnet", () => {});
    return;
  }

  it(`formatBlock of each of the ${files.length} mainnet blocks parses to the block its RPC JSON parses to`, () => {
    for (const name of files) {
      const rpc = rpcBlockOf(readFixture<MainnetFixture>(join(dir!, name)));
      const viem = formatBlock(rpc);
      expect(typeof viem.number, name).toBe("bigint");
      expect(canonical(parseRpcBlock(viem)), name).toBe(
        canonical(parseRpcBlock(rpc, { verifyHashes: false })),
      );
    }
  });

  for (const number of EXECUTED) {
    it(`block ${number} from viem's Block executes to the header-matching result of its RPC JSON`, () => {
      const fixture = readFixture<MainnetFixture>(join(dir!, `${number}.json.gz`));
      const rpc = rpcBlockOf(fixture);
      const state = parsePreState(fixture.preState, fixture.blockHashes);
      const fromViem = executeBlock(MAINNET, state, parseRpcBlock(formatBlock(rpc)));
      const fromRpc = executeBlock(MAINNET, state, parseRpcBlock(rpc));
      expect(checkAgainstHeader(fromViem, parseRpcBlock(rpc).header).passed).toBe(true);
      const { timings: _a, ...viemResult } = fromViem;
      const { timings: _b, ...rpcResult } = fromRpc;
      expect(viemResult).toEqual(rpcResult);
    });
  }
});
