import type { DependencyDag } from "./dependencyDag.js";

/** The exported DAG (`pevm analyze --dag`), meant to be fed to Block-STM as scheduling hints. */
export interface DagJson {
  format: "pevm-dag/1";
  txCount: number;
  totalGas: number;
  criticalPathGas: number;
  /** Transaction indices of one heaviest dependency chain. */
  criticalPath: number[];
  /**
   * Per transaction: gas used, the earlier transactions it read from, and whether it waits for
   * every earlier one (it read the coinbase, whose fees are folded lazily).
   */
  txs: { gas: number; deps: number[]; afterAll?: true }[];
}

/** The DAG in its JSON export format. */
export function dagToJson(dag: DependencyDag): DagJson {
  return {
    format: "pevm-dag/1",
    txCount: dag.gas.length,
    totalGas: dag.totalGas,
    criticalPathGas: dag.criticalPathGas,
    criticalPath: dag.criticalPath,
    txs: dag.gas.map((gas, i) => ({
      gas,
      deps: dag.dependencies[i],
      ...(dag.dependsOnAllEarlier[i] ? { afterAll: true as const } : {}),
    })),
  };
}
