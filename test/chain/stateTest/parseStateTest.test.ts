import { describe, expect, it } from "vitest";
import {
  parsePostCase,
  parseStateTest,
  readCaseIndexes,
} from "../../../src/chain/stateTest/parseStateTest.js";
import { bytesToHex } from "../../../src/primitives/hex.js";
import {
  PRE_STATE_ROOT,
  postEntry,
  SENDER,
  SENDER_BALANCE,
  singleAccountStateRoot,
  syntheticStateTest,
} from "./syntheticStateTest.js";

function withTransaction(fields: Record<string, unknown>) {
  const base = syntheticStateTest({});
  return { ...base, transaction: { ...base.transaction, ...fields } };
}

describe("parseStateTest", () => {
  it("decodes env, pre-state and the transaction template", () => {
    const test = parseStateTest("t", syntheticStateTest({}));
    expect(test.env.number).toBe(1n);
    expect(test.env.baseFee).toBe(10n);
    expect(bytesToHex(test.env.random!)).toBe(`0x${"0".repeat(58)}020000`);
    expect(test.pre.map((a) => [bytesToHex(a.address), a.balance, a.nonce])).toEqual([
      [SENDER, SENDER_BALANCE, 0n],
    ]);
    expect(test.transaction.data.map(bytesToHex)).toEqual(["0x", "0x1234"]);
    expect(test.transaction.gasLimit).toEqual([21000n, 400000n]);
    expect(test.chainId).toBe(1n);
  });

  it("keeps a 0x:bigint value at full width so the runner can reject it", () => {
    expect(parseStateTest("t", syntheticStateTest({})).transaction.value[2]).toBe((1n << 256n) + 1n);
  });

  it("leaves optional env fields undefined when absent", () => {
    const json = syntheticStateTest({});
    const { currentBaseFee: _b, currentRandom: _r, currentExcessBlobGas: _x, ...env } = json.env;
    const test = parseStateTest("t", { ...json, env });
    expect([test.env.baseFee, test.env.random, test.env.excessBlobGas]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("derives the sender from secretKey when sender is absent", () => {
    const { sender: _s, ...transaction } = syntheticStateTest({}).transaction;
    const test = parseStateTest("t", { ...syntheticStateTest({}), transaction });
    expect(bytesToHex(test.transaction.sender)).toBe(SENDER);
  });

  it("reads config.chainid", () => {
    const test = parseStateTest(
      "t",
      syntheticStateTest({}, { config: { chainid: "0x0a", blobSchedule: {} } }),
    );
    expect(test.chainId).toBe(10n);
  });

  it("treats to: '' as contract creation", () => {
    expect(parseStateTest("t", withTransaction({ to: "" })).transaction.to).toBeUndefined();
  });

  it("keeps null access-list entries (legacy for that data index) apart from empty lists", () => {
    const lists = [null, [{ address: SENDER, storageKeys: [`0x${"0".repeat(63)}1`] }]];
    const test = parseStateTest("t", withTransaction({ accessLists: lists }));
    expect(test.transaction.accessLists![0]).toBeNull();
    expect(test.transaction.accessLists![1]![0].storageKeys[0][31]).toBe(1);
  });

  it("reads EIP-7702 authorizations with yParity (or v)", () => {
    const auth = { chainId: "0x01", address: SENDER, nonce: "0x02", v: "0x01", r: "0x05", s: "0x06" };
    const test = parseStateTest("t", withTransaction({ authorizationList: [auth], maxFeePerGas: "0x0a" }));
    expect(test.transaction.authorizationList![0]).toMatchObject({
      chainId: 1n,
      nonce: 2n,
      yParity: 1n,
      r: 5n,
      s: 6n,
    });
  });

  it("drops zero storage values from the pre-state", () => {
    const json = syntheticStateTest({});
    json.pre[SENDER].storage = { "0x01": "0x00", "0x02": "0x07" } as never;
    expect([...parseStateTest("t", json).pre[0].storage]).toEqual([[2n, 7n]]);
  });

  it("names a missing field", () => {
    const { nonce: _n, ...transaction } = syntheticStateTest({}).transaction;
    expect(() => parseStateTest("t", { ...syntheticStateTest({}), transaction })).toThrow(
      "Missing field transaction.nonce",
    );
  });

  it("names the field holding bad hex", () => {
    const json = syntheticStateTest({});
    json.pre[SENDER].balance = "0xzz";
    expect(() => parseStateTest("t", json)).toThrow(`pre[${SENDER}].balance`);
  });

  it("names a wrongly sized address", () => {
    expect(() => parseStateTest("t", withTransaction({ to: "0x1234" }))).toThrow("transaction.to");
  });
});

describe("parsePostCase", () => {
  it("decodes indexes, hash, logs and expectException", () => {
    const entry = postEntry({
      data: 1,
      gas: 0,
      value: 2,
      expectException: "TransactionException.NONCE_IS_MAX",
    });
    const post = parsePostCase(entry, "post.Cancun[0]");
    expect(post.indexes).toEqual({ data: 1, gas: 0, value: 2 });
    expect(bytesToHex(post.hash)).toBe(PRE_STATE_ROOT);
    expect(post.expectException).toBe("TransactionException.NONCE_IS_MAX");
  });

  it("names the entry and field that is missing", () => {
    const { hash: _h, ...entry } = postEntry({});
    expect(() => parsePostCase(entry, "post.Cancun[3]")).toThrow("Missing field post.Cancun[3].hash");
  });

  it("rejects a negative index", () => {
    expect(() => parsePostCase(postEntry({ data: -1 }), "post.Cancun[0]")).toThrow(
      "post.Cancun[0].indexes.data",
    );
  });
});

describe("readCaseIndexes", () => {
  it("reads the indexes of an otherwise broken entry", () => {
    expect(readCaseIndexes({ indexes: { data: 1, gas: 2, value: 3 } })).toEqual({
      data: 1,
      gas: 2,
      value: 3,
    });
  });

  it("returns null when the indexes are unreadable", () => {
    expect(readCaseIndexes({ indexes: { data: "x" } })).toBeNull();
    expect(readCaseIndexes(7)).toBeNull();
  });
});

describe("singleAccountStateRoot (test helper)", () => {
  it("reproduces one-account roots filled in ethereum/tests (blob_type_tx_pre_fork, rejected txs)", () => {
    // Both cases expect the transaction rejected, so their post root is the root of the lone sender.
    expect(singleAccountStateRoot(SENDER, 0n, 0x023e39n)).toBe(
      "0x51f41d6ab2123b8c2bef303127d48c31e5b8ccee1bfde9f853f443fe9711c3fa",
    );
    expect(singleAccountStateRoot(SENDER, 0n, 0x043e39n)).toBe(
      "0x60801982e5816ed2f91320cea42769e76120d71d863d48bf8ec4d905455ae9cd",
    );
  });
});
