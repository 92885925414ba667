import { describe, expect, it } from "vitest";
import { BlockInputError } from "../../src/chain/blockErrors.js";
import { parseBlockFixture, parseBlockJson } from "../../src/chain/blockFixture.js";
import { encodeHeader, headerHash } from "../../src/chain/blockHeader.js";
import { decodeBlock, decodeHeader } from "../../src/chain/decodeBlock.js";
import { parseRpcBlock } from "../../src/chain/parseRpcBlock.js";
import { encodeTransaction, transactionHash } from "../../src/chain/transactionEncode.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { decodeRlp, encodeRlp, type RlpItem } from "../../src/primitives/rlp.js";
import { ALICE, ALICE_KEY, feeMarketHeader, transfer } from "./syntheticBlock.js";

/** Runs `fn` and returns the BlockInputError it throws. */
function inputError(fn: () => unknown): BlockInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BlockInputError) return error;
    throw error;
  }
  throw new Error("expected a BlockInputError");
}

const hex = (value: bigint) => `0x${value.toString(16)}`;

/** An RPC block with one signed transfer, the shape eth_getBlockByNumber(n, true) returns. */
function rpcBlock(): Record<string, unknown> {
  const tx = transfer(ALICE_KEY, 0n, 5n);
  const header = feeMarketHeader({ number: 100n });
  return {
    number: hex(header.number),
    hash: bytesToHex(headerHash(header)),
    parentHash: bytesToHex(header.parentHash),
    sha3Uncles: bytesToHex(header.ommersHash),
    miner: bytesToHex(header.coinbase),
    stateRoot: bytesToHex(header.stateRoot),
    transactionsRoot: bytesToHex(header.transactionsRoot),
    receiptsRoot: bytesToHex(header.receiptsRoot),
    logsBloom: bytesToHex(header.logsBloom),
    difficulty: hex(header.difficulty),
    gasLimit: hex(header.gasLimit),
    gasUsed: "0x0",
    timestamp: hex(header.timestamp),
    extraData: "0x",
    mixHash: bytesToHex(header.mixHash),
    nonce: bytesToHex(header.nonce),
    baseFeePerGas: hex(header.baseFeePerGas!),
    uncles: [],
    transactions: [
      {
        type: "0x2",
        chainId: "0x1",
        from: bytesToHex(ALICE),
        hash: bytesToHex(transactionHash(tx)),
        nonce: "0x0",
        gas: hex(tx.gasLimit),
        maxFeePerGas: hex(tx.maxFeePerGas),
        maxPriorityFeePerGas: hex(tx.maxPriorityFeePerGas),
        to: bytesToHex(tx.to!),
        value: hex(tx.value),
        input: "0x",
        accessList: [],
        v: hex(tx.v),
        yParity: hex(tx.v),
        r: hex(tx.r),
        s: hex(tx.s),
      },
    ],
  };
}

describe("RPC JSON blocks", () => {
  it("parses a well-formed block, verifying header and transaction hashes", () => {
    const block = parseRpcBlock(rpcBlock());
    expect(block.header.number).toBe(100n);
    expect(block.transactions).toHaveLength(1);
    expect(bytesToHex(block.senders![0])).toBe(bytesToHex(ALICE));
  });

  it("reports JSON that does not parse", () => {
    const error = inputError(() => parseBlockJson(new TextEncoder().encode('{"header": '), "block.json"));
    expect(error.message).toMatch(/block\.json is not valid JSON/);
  });

  it("names the block, transaction and field of a malformed transaction", () => {
    const json = rpcBlock();
    (json.transactions as Record<string, unknown>[])[0].nonce = "0xzz";
    const error = inputError(() => parseRpcBlock(json));
    expect([error.blockNumber, error.txIndex, error.field]).toEqual([100n, 0, "nonce"]);
    expect(error.message).toContain("block 100 tx 0 (nonce)");
  });

  it("names a missing header field", () => {
    const json = rpcBlock();
    delete json.miner;
    const error = inputError(() => parseRpcBlock(json));
    expect([error.blockNumber, error.field]).toEqual([100n, "header.miner"]);
  });

  it("catches a header that does not hash to the declared hash", () => {
    const json = rpcBlock();
    json.gasUsed = "0x1";
    expect(inputError(() => parseRpcBlock(json)).field).toBe("hash");
    expect(parseRpcBlock(json, { verifyHashes: false }).header.gasUsed).toBe(1n);
  });

  it("catches a transaction that does not encode to its declared hash", () => {
    const json = rpcBlock();
    (json.transactions as Record<string, unknown>[])[0].value = "0x6";
    const error = inputError(() => parseRpcBlock(json));
    expect([error.txIndex, error.field]).toEqual([0, "hash"]);
  });

  it("rejects transaction hashes in place of transaction objects", () => {
    const json = { ...rpcBlock(), transactions: ["0x12"] };
    expect(inputError(() => parseRpcBlock(json)).txIndex).toBe(0);
  });

  it("parses a fixture's pre-state, dropping zero-valued slots", () => {
    const fixture = parseBlockFixture({
      ...rpcBlock(),
      preState: {
        [bytesToHex(ALICE)]: {
          balance: "0x10",
          nonce: "0x0",
          code: "0x",
          storage: { "0x1": "0x0", "0x2": "0x5" },
        },
      },
      blockHashes: { "99": `0x${"ab".repeat(32)}` },
    });
    const account = fixture.preState.getAccount(ALICE)!;
    expect([...account.storage]).toEqual([[2n, 5n]]);
    expect(fixture.preState.account(ALICE)?.hasStorage).toBe(true);
    expect(bytesToHex(fixture.preState.blockHash(99n))).toBe(`0x${"ab".repeat(32)}`);
  });
});

describe("RLP blocks", () => {
  const header = feeMarketHeader({ number: 7n });
  const tx = transfer(ALICE_KEY, 0n, 5n);
  const body = (headerItem: RlpItem, txs: RlpItem[] = [encodeTransaction(tx)]) =>
    encodeRlp([headerItem, txs, []]);

  it("decodes a block and round-trips its header", () => {
    const decoded = decodeBlock(body(decodeRlp(encodeHeader(header))));
    expect(bytesToHex(encodeHeader(decoded.block.header))).toBe(bytesToHex(encodeHeader(header)));
    expect(decoded.block.transactions[0].value).toBe(5n);
  });

  it("rejects bytes that are not RLP", () => {
    expect(inputError(() => decodeBlock(Uint8Array.of(0xf9, 0x01)))).toBeInstanceOf(BlockInputError);
  });

  it("names the field of a 64-bit header integer that overflows", () => {
    const fields = decodeRlp(encodeHeader(header)) as Uint8Array[];
    fields[9] = new Uint8Array(9).fill(1); // gasLimit
    const error = inputError(() => decodeBlock(body(fields)));
    expect([error.blockNumber, error.field, error.reason]).toEqual([
      7n,
      "header.gasLimit",
      "RLP_INVALID_FIELD_OVERFLOW_64",
    ]);
  });

  it("names the transaction that does not decode", () => {
    const error = inputError(() =>
      decodeBlock(body(decodeRlp(encodeHeader(header)), [encodeTransaction(tx), Uint8Array.of(0x02, 0xc0)])),
    );
    expect([error.blockNumber, error.txIndex]).toEqual([7n, 1]);
  });

  it("rejects a header with too few fields", () => {
    expect(inputError(() => decodeHeader([new Uint8Array(32)])).reason).toBe("INCORRECT_BLOCK_FORMAT");
  });
});
