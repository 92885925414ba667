import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import { bytesToHex } from "../../src/primitives/hex.js";

/** Everything two executions of a block must agree on, as comparable JSON. */
export function comparableResult(result: BlockExecutionResult): string {
  return JSON.stringify(
    {
      receipts: result.receipts,
      receiptsRoot: result.receiptsRoot,
      gasUsed: result.gasUsed,
      bloom: result.logsBloom,
      diff: result.stateDiff,
      stateRoot: result.stateRoot,
      senders: result.senders,
    },
    (_key, value) =>
      typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? bytesToHex(value) : value,
  );
}
