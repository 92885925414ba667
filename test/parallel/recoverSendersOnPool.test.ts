import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidTransactionError } from "../../src/chain/invalidTransactionError.js";
import { recoverSenders } from "../../src/chain/recoverSenders.js";
import { Fork } from "../../src/evm/fork.js";
import { recoverSendersOnPool } from "../../src/parallel/recoverSendersOnPool.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { ALICE, ALICE_KEY, BOB, BOB_KEY, feeMarketBlock, transfer } from "../chain/syntheticBlock.js";

describe("sender recovery on the worker pool", () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = WorkerPool.start(2);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("returns what sequential recovery returns, errors included", () => {
    const transactions = Array.from({ length: 40 }, (_, i) =>
      transfer(i % 2 ? BOB_KEY : ALICE_KEY, BigInt(i >> 1), 1n),
    );
    // Two signatures that do not recover: s above n/2 (EIP-2) and r = 0.
    transactions[7] = { ...transactions[7], s: 2n ** 255n };
    transactions[30] = { ...transactions[30], r: 0n };
    const block = feeMarketBlock(transactions);
    const parallel = recoverSendersOnPool(pool, block, Fork.London, 20_000);
    const sequential = recoverSenders(block, Fork.London);
    expect(parallel).toHaveLength(40);
    parallel.forEach((sender, i) => {
      if (i === 7 || i === 30) {
        expect(sender).toBeInstanceOf(InvalidTransactionError);
        expect((sender as InvalidTransactionError).message).toBe(
          (sequential[i] as InvalidTransactionError).message,
        );
      } else {
        expect(sender).toEqual(i % 2 ? BOB : ALICE);
      }
    });
  });
});
