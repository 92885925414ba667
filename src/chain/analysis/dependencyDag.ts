import { addressFromKey } from "../../primitives/address.js";

/** A piece of state a transaction can read or write, at the granularity Block-STM tracks. */
export type StateLocation =
  | { kind: "account"; address: Uint8Array }
  | { kind: "storage"; address: Uint8Array; slot: bigint };

/**
 * What one transaction read and wrote, keyed by addressKey. `accounts*` are the account fields
 * (nonce, balance, code hash, existence) as one location; a write here means one of them changed.
 */
export interface TxAccessSet {
  gasUsed: number;
  accountsRead: ReadonlySet<string>;
  slotsRead: ReadonlyMap<string, ReadonlySet<bigint>>;
  accountsWritten: readonly string[];
  slotsWritten: ReadonlyMap<string, readonly bigint[]>;
  /** Accounts whose whole storage this transaction replaced (destroyed or re-created). */
  storageCleared: readonly string[];
  /**
   * The transaction read the coinbase account itself (BALANCE, a transfer to it...): with fees
   * folded lazily it needs every earlier transaction's fee, so it depends on all of them.
   */
  readsCoinbase: boolean;
}

/** How contended one location was inside the block. */
export interface LocationConflict {
  location: StateLocation;
  /** Transactions that wrote it. */
  writers: number;
  /** Reads that saw a value written earlier in the block: the dependency edges through it. */
  dependentReads: number;
}

/**
 * The read-from dependency DAG of a block: tx j depends on tx i < j when j read a location whose
 * latest write before j was i's (the version Block-STM would hand j). Anti- and output
 * dependencies are left out: multi-version memory removes them.
 */
export interface DependencyDag {
  gas: number[];
  /** Per transaction, the earlier transactions it read from, ascending. */
  dependencies: number[][];
  /** Per transaction, whether it also waits for every earlier one (see TxAccessSet.readsCoinbase). */
  dependsOnAllEarlier: boolean[];
  totalGas: number;
  /** Gas of the heaviest chain of dependent transactions: no schedule can finish faster. */
  criticalPathGas: number;
  /** The transactions of one heaviest chain, in block order. */
  criticalPath: number[];
  /** Locations with at least one dependent read, most contended first. */
  conflicts: LocationConflict[];
}

/** Ideal speedup of a block: min(workers, total gas / critical-path gas); 1 for an empty block. */
export function speedupBound(
  dag: Pick<DependencyDag, "totalGas" | "criticalPathGas">,
  workers = Infinity,
): number {
  if (dag.criticalPathGas === 0) return 1;
  return Math.min(workers, dag.totalGas / dag.criticalPathGas);
}

interface ConflictTally {
  location: StateLocation;
  writers: number;
  dependentReads: number;
}

/** Builds the dependency DAG, critical path and conflict tallies from per-transaction access sets. */
export function buildDependencyDag(accesses: readonly TxAccessSet[]): DependencyDag {
  const n = accesses.length;
  const lastAccountWriter = new Map<string, number>();
  const lastSlotWriter = new Map<string, Map<bigint, number>>();
  const lastStorageClear = new Map<string, number>();
  const tallies = new Map<string, ConflictTally>();
  const tally = (key: string, make: () => StateLocation): ConflictTally => {
    let t = tallies.get(key);
    if (t === undefined) {
      t = { location: make(), writers: 0, dependentReads: 0 };
      tallies.set(key, t);
    }
    return t;
  };

  const gas = accesses.map((a) => a.gasUsed);
  const dependencies: number[][] = new Array(n);
  const dependsOnAllEarlier = accesses.map((a) => a.readsCoinbase);
  for (let j = 0; j < n; j++) {
    const access = accesses[j];
    const deps = new Set<number>();
    for (const account of access.accountsRead) {
      const writer = lastAccountWriter.get(account);
      if (writer === undefined) continue;
      deps.add(writer);
      tally(`a${account}`, () => ({ kind: "account", address: addressFromKey(account) })).dependentReads++;
    }
    for (const [account, slots] of access.slotsRead) {
      const writers = lastSlotWriter.get(account);
      const cleared = lastStorageClear.get(account) ?? -1;
      for (const slot of slots) {
        const writer = Math.max(writers?.get(slot) ?? -1, cleared);
        if (writer < 0) continue;
        deps.add(writer);
        tally(`s${account}${slot}`, () => ({ kind: "storage", address: addressFromKey(account), slot }))
          .dependentReads++;
      }
    }
    dependencies[j] = [...deps].sort((a, b) => a - b);

    for (const account of access.accountsWritten) {
      lastAccountWriter.set(account, j);
      tally(`a${account}`, () => ({ kind: "account", address: addressFromKey(account) })).writers++;
    }
    for (const account of access.storageCleared) lastStorageClear.set(account, j);
    for (const [account, slots] of access.slotsWritten) {
      let writers = lastSlotWriter.get(account);
      if (writers === undefined) {
        writers = new Map();
        lastSlotWriter.set(account, writers);
      }
      for (const slot of slots) {
        writers.set(slot, j);
        tally(`s${account}${slot}`, () => ({ kind: "storage", address: addressFromKey(account), slot }))
          .writers++;
      }
    }
  }

  // Longest gas-weighted path; a tx that waits for all earlier ones starts after the prefix maximum.
  const finish = new Array<number>(n);
  const via = new Array<number>(n);
  let prefixMax = 0;
  let prefixArg = -1;
  for (let j = 0; j < n; j++) {
    let start = 0;
    let from = -1;
    if (dependsOnAllEarlier[j]) {
      start = prefixMax;
      from = prefixArg;
    }
    for (const i of dependencies[j]) {
      if (finish[i] > start) {
        start = finish[i];
        from = i;
      }
    }
    finish[j] = start + gas[j];
    via[j] = from;
    if (finish[j] > prefixMax) {
      prefixMax = finish[j];
      prefixArg = j;
    }
  }
  const criticalPath: number[] = [];
  for (let j = prefixArg; j >= 0; j = via[j]) criticalPath.push(j);
  criticalPath.reverse();

  const conflicts = [...tallies.values()]
    .filter((t) => t.dependentReads > 0)
    .sort((a, b) => b.dependentReads - a.dependentReads || b.writers - a.writers);
  return {
    gas,
    dependencies,
    dependsOnAllEarlier,
    totalGas: gas.reduce((sum, g) => sum + g, 0),
    criticalPathGas: prefixMax,
    criticalPath,
    conflicts,
  };
}
