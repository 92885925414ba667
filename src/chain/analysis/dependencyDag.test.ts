import { describe, expect, it } from "vitest";
import { addressKey } from "../../primitives/address.js";
import { buildDependencyDag, speedupBound, type TxAccessSet } from "./dependencyDag.js";

const A = addressKey(new Uint8Array(20).fill(0xaa));
const B = addressKey(new Uint8Array(20).fill(0xbb));

function access(partial: Partial<TxAccessSet>): TxAccessSet {
  return {
    gasUsed: 100,
    accountsRead: new Set(),
    slotsRead: new Map(),
    accountsWritten: [],
    slotsWritten: new Map(),
    storageCleared: [],
    readsCoinbase: false,
    ...partial,
  };
}

describe("buildDependencyDag", () => {
  it("links a read to the latest earlier write only (read-from edges)", () => {
    const dag = buildDependencyDag([
      access({ slotsWritten: new Map([[A, [1n]]]) }),
      access({ slotsWritten: new Map([[A, [1n]]]) }),
      access({ slotsRead: new Map([[A, new Set([1n])]]) }),
    ]);
    expect(dag.dependencies).toEqual([[], [], [1]]);
    expect(dag.criticalPathGas).toBe(200);
    expect(dag.criticalPath).toEqual([1, 2]);
  });

  it("makes a storage read depend on an earlier clear of the account's storage", () => {
    const dag = buildDependencyDag([
      access({ storageCleared: [B] }),
      access({ slotsRead: new Map([[B, new Set([9n])]]) }),
    ]);
    expect(dag.dependencies[1]).toEqual([0]);
  });

  it("puts a coinbase reader after every earlier transaction", () => {
    const dag = buildDependencyDag([
      access({ gasUsed: 300 }),
      access({ gasUsed: 50 }),
      access({ gasUsed: 10, readsCoinbase: true }),
    ]);
    expect(dag.criticalPathGas).toBe(310);
    expect(dag.criticalPath).toEqual([0, 2]);
    expect(speedupBound(dag)).toBeCloseTo(360 / 310);
    expect(speedupBound(dag, 1)).toBe(1);
  });

  it("tallies contended locations by dependent reads", () => {
    const dag = buildDependencyDag([
      access({ accountsWritten: [A] }),
      access({ accountsRead: new Set([A]), accountsWritten: [A] }),
      access({ accountsRead: new Set([A]) }),
    ]);
    expect(dag.conflicts).toHaveLength(1);
    expect(dag.conflicts[0]).toMatchObject({ location: { kind: "account" }, writers: 2, dependentReads: 2 });
  });
});
