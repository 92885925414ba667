import { describe, expect, it } from "vitest";
import { buildTransaction } from "../../../src/chain/stateTest/buildTransaction.js";
import { parseStateTest } from "../../../src/chain/stateTest/parseStateTest.js";
import type { TransactionTemplate } from "../../../src/chain/stateTest/stateTestModel.js";
import { bytesToHex } from "../../../src/primitives/hex.js";
import { RECIPIENT, syntheticStateTest } from "./syntheticStateTest.js";

const HASH = `0x01${"0".repeat(62)}`;

function template(fields: Record<string, unknown> = {}): TransactionTemplate {
  const base = syntheticStateTest({});
  return parseStateTest("t", { ...base, transaction: { ...base.transaction, ...fields } }).transaction;
}

function built(t: TransactionTemplate, indexes = { data: 0, gas: 0, value: 0 }) {
  const result = buildTransaction(t, indexes, 1n);
  if (result.kind !== "transaction") throw new Error(`expected a transaction, got ${result.message}`);
  return result.tx;
}

describe("buildTransaction", () => {
  it("picks data, gas limit and value by the case's indexes", () => {
    const tx = built(template(), { data: 1, gas: 1, value: 1 });
    expect([bytesToHex(tx.data), tx.gasLimit, tx.value]).toEqual(["0x1234", 400000n, 1n]);
    expect(bytesToHex(tx.to!)).toBe(RECIPIENT);
  });

  it("builds a legacy transaction whose fee caps equal gasPrice", () => {
    const tx = built(template());
    expect([tx.type, tx.gasPrice, tx.maxFeePerGas, tx.maxPriorityFeePerGas, tx.chainId]).toEqual([
      0,
      10n,
      10n,
      10n,
      1n,
    ]);
  });

  it("is type 1 only for the data indexes whose access list is not null", () => {
    const t = template({ data: ["0x", "0x"], accessLists: [null, []] });
    expect(built(t, { data: 0, gas: 0, value: 0 }).type).toBe(0);
    expect(built(t, { data: 1, gas: 0, value: 0 }).type).toBe(1);
  });

  it("is type 2 with maxFeePerGas, using the cap as gasPrice", () => {
    const tx = built(template({ gasPrice: undefined, maxFeePerGas: "0x20", maxPriorityFeePerGas: "0x02" }));
    expect([tx.type, tx.maxFeePerGas, tx.maxPriorityFeePerGas, tx.gasPrice]).toEqual([2, 32n, 2n, 32n]);
  });

  it("is type 3 with blobVersionedHashes, even an empty list", () => {
    const fees = {
      gasPrice: undefined,
      maxFeePerGas: "0x20",
      maxPriorityFeePerGas: "0x02",
      maxFeePerBlobGas: "0x03",
    };
    const tx = built(template({ ...fees, blobVersionedHashes: [HASH] }));
    expect([tx.type, tx.maxFeePerBlobGas, tx.blobVersionedHashes.length]).toEqual([3, 3n, 1]);
    expect(built(template({ ...fees, blobVersionedHashes: [] })).type).toBe(3);
  });

  it("is type 4 with an authorization list, even an empty one", () => {
    const fees = { gasPrice: undefined, maxFeePerGas: "0x20", maxPriorityFeePerGas: "0x02" };
    expect(built(template({ ...fees, authorizationList: [] })).type).toBe(4);
  });

  it("reports a value over 2^256-1 as undecodable (RLP_INVALID_VALUE) instead of building it", () => {
    const result = buildTransaction(template(), { data: 0, gas: 0, value: 2 }, 1n);
    expect(result).toMatchObject({ kind: "undecodable", reason: "RLP_INVALID_VALUE" });
  });

  it("accepts a nonce of 2^64-1 (NONCE_IS_MAX is the executor's call) but not 2^64", () => {
    expect(built(template({ nonce: "0xffffffffffffffff" })).nonce).toBe(2n ** 64n - 1n);
    expect(
      buildTransaction(template({ nonce: "0x010000000000000000" }), { data: 0, gas: 0, value: 0 }, 1n).kind,
    ).toBe("undecodable");
  });

  it("names an index that is out of range", () => {
    expect(() => buildTransaction(template(), { data: 5, gas: 0, value: 0 }, 1n)).toThrow(
      "data index 5 is out of range (transaction.data has 2 entries)",
    );
  });

  it("names a fee field the type needs but the fixture lacks", () => {
    expect(() => built(template({ gasPrice: undefined }))).toThrow("Missing field transaction.gasPrice");
    expect(() => built(template({ gasPrice: undefined, maxFeePerGas: "0x20" }))).toThrow(
      "Missing field transaction.maxPriorityFeePerGas",
    );
  });
});
