import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithFixtures } from "../../test/fixtures/describeWithFixtures.js";
import { ethereumTestsDir, listFixtureFiles, readFixture } from "../../test/fixtures/fixturesDir.js";
import { parseAddress } from "../primitives/address.js";
import { bytesToHex, hexToBytes } from "../primitives/hex.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";
import { trieRoot } from "../primitives/trie.js";
import { MemoryState } from "./memoryState.js";
import { stateRoot, storageRoot } from "./stateRoot.js";

interface FixtureAccount {
  balance: string;
  nonce: string;
  code: string;
  storage: Record<string, string>;
}
interface BlockchainTest {
  pre: Record<string, FixtureAccount>;
  postState?: Record<string, FixtureAccount>;
  genesisBlockHeader: { stateRoot: string };
  blocks: Array<{ blockHeader?: { hash: string; stateRoot: string } }>;
  lastblockhash: string;
}

function loadState(accounts: Record<string, FixtureAccount>): MemoryState {
  const state = new MemoryState();
  for (const [address, a] of Object.entries(accounts)) {
    const storage = new Map<bigint, bigint>();
    for (const [slot, value] of Object.entries(a.storage)) storage.set(BigInt(slot), BigInt(value));
    state.setAccount(parseAddress(address), {
      nonce: BigInt(a.nonce),
      balance: BigInt(a.balance),
      code: hexToBytes(a.code),
      storage,
    });
  }
  return state;
}

describe("stateRoot", () => {
  it("of an empty state is the empty trie root", () => {
    expect(stateRoot(new MemoryState())).toEqual(EMPTY_TRIE_ROOT);
  });

  it("leaves zero-valued slots out of the storage trie", () => {
    expect(storageRoot(new Map([[1n, 0n]]))).toEqual(EMPTY_TRIE_ROOT);
    const slot1 = new Uint8Array(32);
    slot1[31] = 1;
    const expected = trieRoot([[keccak256(slot1), encodeRlp(Uint8Array.of(0x2a))]]);
    expect(
      storageRoot(
        new Map([
          [1n, 42n],
          [2n, 0n],
        ]),
      ),
    ).toEqual(expected);
  });
});

const dir = ethereumTestsDir("BlockchainTests");

/** BlockchainTests/ValidBlocks: genesis `pre` must hash to the genesis header's stateRoot, `postState` to the head's. */
describeWithFixtures("stateRoot against BlockchainTests/ValidBlocks", "BlockchainTests", dir, (dir) => {
  const files = listFixtureFiles(join(dir, "ValidBlocks"));
  it(`matches genesis and head state roots in ${files.length} files`, () => {
    let checked = 0;
    for (const file of files) {
      for (const [name, test] of Object.entries(readFixture<Record<string, BlockchainTest>>(file))) {
        expect(bytesToHex(stateRoot(loadState(test.pre))), `${name} genesis`).toBe(
          test.genesisBlockHeader.stateRoot,
        );
        checked++;
        if (!test.postState) continue;
        const head = test.blocks.find((b) => b.blockHeader?.hash === test.lastblockhash)?.blockHeader;
        if (!head) continue; // the head is the genesis block
        expect(bytesToHex(stateRoot(loadState(test.postState))), `${name} post`).toBe(head.stateRoot);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(800);
  });
});
