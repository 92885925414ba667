import type { MemoryState } from "../../state/memoryState.js";
import type { AccountInfo, StateReader } from "../../state/stateReader.js";
import type { StateRootProvider } from "../../state/stateRootProvider.js";
import type { WorldStateTrie } from "../../state/worldStateTrie.js";

const ZERO_HASH = new Uint8Array(32);

/** A block's pre-state with BLOCKHASH answered from that block's own ancestry (forks have different ones). */
export class ChainStateReader implements StateReader, StateRootProvider {
  constructor(
    private readonly state: MemoryState,
    private readonly ancestors: ReadonlyMap<bigint, Uint8Array>,
  ) {}

  account(address: Uint8Array): AccountInfo | undefined {
    return this.state.account(address);
  }

  code(codeHash: Uint8Array): Uint8Array {
    return this.state.code(codeHash);
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    return this.state.storage(address, slot);
  }

  worldStateTrie(): WorldStateTrie | undefined {
    return this.state.worldStateTrie();
  }

  blockHash(number: bigint): Uint8Array {
    return this.ancestors.get(number) ?? ZERO_HASH;
  }
}
