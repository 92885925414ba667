import { describe, expect, it } from "vitest";
import { hexToBytes } from "../../primitives/hex.js";
import { MemoryState } from "../../state/memoryState.js";
import { describeStateDiff } from "./describeStateDiff.js";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";

function stateWith(storage: Map<bigint, bigint>): MemoryState {
  const state = new MemoryState();
  state.setAccount(hexToBytes(A), { nonce: 1n, balance: 5n, storage });
  return state;
}

describe("describeStateDiff", () => {
  it("lists storage differences, a missing account and an extra one", () => {
    const state = stateWith(new Map([[1n, 2n]]));
    state.setAccount(hexToBytes(B), { balance: 1n });
    const expected = {
      [A]: { nonce: "0x01", balance: "0x05", code: "0x", storage: { "0x01": "0x03", "0x02": "0x04" } },
      "0x00000000000000000000000000000000000000cc": {
        nonce: "0x00",
        balance: "0x00",
        code: "0x",
        storage: {},
      },
    };
    expect(describeStateDiff(state, expected)).toBe(
      `${A} storage[0x1] 0x2, expected 0x3; ${A} storage[0x2] 0x0, expected 0x4; ` +
        "0x00000000000000000000000000000000000000cc missing; " +
        `${B} should not exist (nonce 0x0, balance 0x1)`,
    );
  });

  it("cuts the list at the limit and counts the rest", () => {
    const state = stateWith(new Map());
    const expected = { [A]: { nonce: "0x02", balance: "0x06", code: "0x00", storage: {} } };
    expect(describeStateDiff(state, expected, 1)).toBe(`${A} nonce 0x1, expected 0x2; and 2 more`);
  });

  it("says so when the accounts match (the root computation is what differs)", () => {
    const expected = { [A]: { nonce: "0x01", balance: "0x05", code: "0x", storage: {} } };
    expect(describeStateDiff(stateWith(new Map()), expected)).toMatch(/^accounts match/);
  });

  it("gives nothing without an expected state (ethereum/tests) or with an unreadable one", () => {
    expect(describeStateDiff(stateWith(new Map()), undefined)).toBeUndefined();
    expect(describeStateDiff(stateWith(new Map()), { [A]: { nonce: "zz" } })).toBeUndefined();
  });
});
