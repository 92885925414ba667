import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import type { BlockHeader } from "../chain/blockHeader.js";
import { rpcBlockJson } from "../chain/rpcBlockJson.js";
import { encodeTransaction } from "../chain/transactionEncode.js";
import { forkName } from "../evm/fork.js";
import { bytesToHex } from "../primitives/hex.js";
import { orderedTrieRoot } from "../primitives/orderedTrie.js";
import { memoryStateFrom, type Workload } from "./workload.js";
import { workloadBlock } from "./workloadBlock.js";

const quantity = (value: bigint): string => `0x${value.toString(16)}`;

/**
 * Writes `workload` to `<dir>/<name>.json` in the block-fixture format of
 * ../shared/fixtures/mainnet (see its README), with the header's transactionsRoot computed and its
 * gasUsed, receiptsRoot, logsBloom (and requestsHash) taken from our sequential run, so any client
 * can replay exactly the block we measured and check it. A workload whose pre-state is complete
 * (generated blocks) also gets the header's stateRoot, from the pre-state's trie and the run's state
 * diff, and `"preStateComplete": true` so `pevm run` checks it; otherwise the state root stays zero.
 * Returns the path.
 */
export function dumpFixture(dir: string, workload: Workload, sequential: BlockExecutionResult): string {
  const block = workloadBlock(workload);
  const complete = workload.preStateComplete === true;
  const header: BlockHeader = {
    ...block.header,
    ...(complete ? { stateRoot: postStateRoot(workload, sequential) } : {}),
    transactionsRoot: orderedTrieRoot(block.transactions.map(encodeTransaction)),
    gasUsed: sequential.gasUsed,
    logsBloom: sequential.logsBloom,
    receiptsRoot: sequential.receiptsRoot ?? block.header.receiptsRoot,
    ...(sequential.requestsHash !== undefined ? { requestsHash: sequential.requestsHash } : {}),
  };
  const fixture = {
    ...rpcBlockJson(
      { ...block, header },
      workload.txs.map((tx) => tx.sender),
    ),
    hardfork: workload.hardfork ?? forkName(workload.fork).toLowerCase(),
    ...(complete ? { preStateComplete: true } : {}),
    preState: Object.fromEntries(
      workload.preState.map((account) => [
        bytesToHex(account.address),
        {
          balance: quantity(account.balance),
          nonce: quantity(account.nonce),
          code: bytesToHex(account.code),
          storage: Object.fromEntries(
            [...account.storage].map(([slot, value]) => [quantity(slot), quantity(value)]),
          ),
        },
      ]),
    ),
    blockHashes: Object.fromEntries(
      [...(workload.blockHashes ?? new Map())].map(([number, h]) => [number.toString(), bytesToHex(h)]),
    ),
  };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${workload.name}.json`);
  writeFileSync(path, JSON.stringify(fixture));
  return path;
}

/** The root of the state after `sequential` (computed by it unless the run skipped the root). */
function postStateRoot(workload: Workload, sequential: BlockExecutionResult): Uint8Array {
  if (sequential.stateRoot !== undefined) return sequential.stateRoot;
  const pre = memoryStateFrom(workload.preState, workload.blockHashes, { complete: true });
  return pre.worldStateTrie()!.apply(sequential.stateDiff).rootHash();
}
