import { describe, expect, it } from "vitest";
import { buildAmmWorkload } from "./ammWorkload.js";
import { compareOutcomes } from "./compareOutcomes.js";
import { comparePostState } from "./comparePostState.js";
import { buildErc20Workload } from "./erc20Workload.js";
import { buildHashStoreWorkload } from "./hashStoreWorkload.js";
import { prepareEthereumjs, runEthereumjs } from "./runEthereumjs.js";
import { runOurExecutor } from "./runOurExecutor.js";
import type { Workload } from "./workload.js";

// The benchmark's oracle, small: per-transaction status, gasUsed, output and logs, then post-state.
describe("our executor agrees with @ethereumjs/vm on the benchmark workloads", () => {
  const cases: [string, () => Workload][] = [
    ["erc20", () => buildErc20Workload(10)],
    ["hashstore", () => buildHashStoreWorkload(3, 4)],
    ["amm", () => buildAmmWorkload(5)],
  ];
  for (const [name, build] of cases) {
    it(name, async () => {
      const workload = build();
      const ours = runOurExecutor(workload);
      const theirs = await runEthereumjs(prepareEthereumjs(workload, "journal"));
      expect(compareOutcomes(ours.outcomes, theirs.outcomes)).toEqual([]);
      expect(await comparePostState(ours.state, theirs.vm, workload.preState)).toEqual([]);
    });
  }
});
