import { join } from "node:path";
import { expect, it } from "vitest";
import { recoverSender } from "../../src/chain/recoverSender.js";
import { decodeTransaction } from "../../src/chain/transactionDecode.js";
import { encodeTransaction } from "../../src/chain/transactionEncode.js";
import { validateTransaction } from "../../src/chain/transactionValidity.js";
import { parseFork } from "../../src/evm/fork.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/hex.js";
import { orderedTrieRoot } from "../../src/primitives/orderedTrie.js";
import { decodeRlp, encodeRlp, type RlpItem } from "../../src/primitives/rlp.js";
import { describeWithFixtures } from "../fixtures/describeWithFixtures.js";
import { ethereumTestsDir, listFixtureFiles, readFixture } from "../fixtures/fixturesDir.js";

/**
 * Transactions of real (test-chain) blocks: every transaction in BlockchainTests/ValidBlocks must
 * decode, re-encode byte for byte, recover the fixture's sender (where given) and pass stateless validation, and
 * the block's transactions must hash to its header's transactionsTrie.
 */

interface BlockchainTest {
  network: string;
  blocks: Array<{
    rlp: string;
    blockHeader?: { transactionsTrie: string };
    transactions?: Array<{ sender: string }>;
  }>;
}

/** A block body's transaction item as wire bytes: legacy ones are RLP lists, typed ones byte strings. */
function transactionBytes(item: RlpItem): Uint8Array {
  return item instanceof Uint8Array ? item : encodeRlp(item);
}

const dir = ethereumTestsDir("BlockchainTests");

describeWithFixtures("BlockchainTests/ValidBlocks transactions", "BlockchainTests", dir, (dir) => {
  for (const file of listFixtureFiles(join(dir, "ValidBlocks"))) {
    it(file.slice(dir.length + 1), () => {
      for (const [name, test] of Object.entries(readFixture<Record<string, BlockchainTest>>(file))) {
        const fork = parseFork(test.network);
        for (const [b, block] of test.blocks.entries()) {
          if (!block.blockHeader) continue;
          const body = decodeRlp(hexToBytes(block.rlp)) as RlpItem[];
          const encoded = (body[1] as RlpItem[]).map(transactionBytes);
          const where = `${name} block ${b}`;
          expect(bytesToHex(orderedTrieRoot(encoded)), `${where} transactionsTrie`).toBe(
            block.blockHeader.transactionsTrie,
          );
          for (const [i, bytes] of encoded.entries()) {
            const tx = decodeTransaction(bytes);
            expect(bytesToHex(encodeTransaction(tx)), `${where} tx ${i} re-encodes`).toBe(bytesToHex(bytes));
            const sender = bytesToHex(recoverSender(tx, fork));
            // A few fixtures omit `sender`; recovery must still succeed for them.
            const expected = block.transactions?.[i]?.sender;
            if (expected !== undefined) expect(sender, `${where} tx ${i} sender`).toBe(expected);
            validateTransaction(tx, fork, 1n);
          }
        }
      }
    });
  }
});
