import type { BlockHeader } from "../blockHeader.js";
import type { ChainConfig } from "../chainConfig.js";

/** One entry of a blockchain test's `blocks`: the RLP to import and whether it must be rejected. */
export interface TestBlock {
  rlp: Uint8Array;
  /** `|`-separated `BlockException.*` / `TransactionException.*` names when the block must be rejected. */
  expectException: string | undefined;
}

/** A decoded blockchain test (ethereum/tests BlockchainTests or execution-spec-tests blockchain_tests). */
export interface BlockchainTest {
  name: string;
  network: string;
  chain: ChainConfig;
  genesis: BlockHeader;
  /** The raw `pre` section (accounts at genesis). */
  pre: unknown;
  blocks: TestBlock[];
  lastBlockHash: Uint8Array;
  /** The expected state at `lastBlockHash` (`postState`), when given in full. */
  postState: unknown;
  /** Its root, when only that is given (`postStateHash`). */
  postStateHash: Uint8Array | undefined;
}
