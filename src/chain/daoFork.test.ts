import { describe, expect, it } from "vitest";
import { BlockState } from "../state/blockState.js";
import { MemoryState } from "../state/memoryState.js";
import { applyDaoFork, DAO_ACCOUNTS, DAO_REFUND_CONTRACT } from "./daoFork.js";

describe("DAO fork", () => {
  it("lists the 116 drained accounts", () => {
    expect(DAO_ACCOUNTS).toHaveLength(116);
    expect(new Set(DAO_ACCOUNTS.map((a) => Buffer.from(a).toString("hex"))).size).toBe(116);
  });

  it("moves every DAO account's balance to the refund contract", () => {
    const state = new MemoryState();
    state.setAccount(DAO_ACCOUNTS[0], { balance: 100n });
    state.setAccount(DAO_ACCOUNTS[115], { balance: 23n, code: Uint8Array.of(0x00) });
    state.setAccount(DAO_REFUND_CONTRACT, { balance: 1n });
    const block = new BlockState(state);
    block.apply(applyDaoFork(block));
    expect(block.account(DAO_REFUND_CONTRACT)?.balance).toBe(124n);
    expect(block.account(DAO_ACCOUNTS[0])?.balance).toBe(0n);
    expect(block.account(DAO_ACCOUNTS[115])?.balance).toBe(0n);
  });
});
