import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPreState } from "../../../src/chain/stateTest/buildPreState.js";
import { buildTransaction } from "../../../src/chain/stateTest/buildTransaction.js";
import { parsePostCase, parseStateTest } from "../../../src/chain/stateTest/parseStateTest.js";
import { senderFromSecretKey } from "../../../src/chain/stateTest/senderFromSecretKey.js";
import type { Transaction } from "../../../src/chain/transaction.js";
import { decodeTransaction } from "../../../src/chain/transactionDecode.js";
import { bytesToHex, hexToBytes } from "../../../src/primitives/hex.js";
import { stateRoot } from "../../../src/state/stateRoot.js";
import { fixturesDir, listFixtureFiles, readFixture } from "../../fixtures/fixturesDir.js";

// Checks the fixture model against the fixtures themselves, independently of the EVM: the
// transaction the runner builds from the JSON fields must be the one signed in `txbytes`, and a
// rejected transaction's expected root must be the root of the pre-state the runner builds.

const root = fixturesDir();
const suites = root
  ? [
      join(root, "ethereum-tests", "GeneralStateTests"),
      join(root, "execution-spec-tests", "state_tests"),
    ].filter(existsSync)
  : [];

/** The fields a signed encoding fixes, minus the signature (the runner builds unsigned txs). */
function comparable(tx: Transaction) {
  return {
    type: tx.type,
    // A legacy tx's chain id comes from its `v`; the runner always says 1.
    chainId: tx.type === 0 ? undefined : tx.chainId,
    nonce: tx.nonce,
    gasPrice: tx.gasPrice,
    maxFeePerGas: tx.maxFeePerGas,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    gasLimit: tx.gasLimit,
    to: tx.to && bytesToHex(tx.to),
    value: tx.value,
    data: bytesToHex(tx.data),
    accessList: tx.accessList.map((e) => [bytesToHex(e.address), e.storageKeys.map(bytesToHex)]),
    maxFeePerBlobGas: tx.maxFeePerBlobGas,
    blobVersionedHashes: tx.blobVersionedHashes.map(bytesToHex),
    authorizationList: tx.authorizationList.map((a) => ({ ...a, address: bytesToHex(a.address) })),
  };
}

interface Tally {
  cases: number;
  mismatches: string[];
}

function eachTest(visit: (file: string, name: string, json: Record<string, unknown>) => void): void {
  for (const suite of suites) {
    for (const file of listFixtureFiles(suite)) {
      for (const [name, json] of Object.entries(readFixture<Record<string, Record<string, unknown>>>(file))) {
        visit(file, name, json);
      }
    }
  }
}

describe.skipIf(suites.length === 0)("state-test fixtures (GeneralStateTests, EEST state_tests)", () => {
  it("the transaction built from the JSON fields is the one in txbytes, for every case", () => {
    const tally: Tally = { cases: 0, mismatches: [] };
    eachTest((file, name, json) => {
      const test = parseStateTest(name, json);
      for (const [fork, entries] of Object.entries(json.post as Record<string, Record<string, string>[]>)) {
        entries.forEach((entry, i) => {
          tally.cases++;
          const built = buildTransaction(
            test.transaction,
            parsePostCase(entry, `post.${fork}[${i}]`).indexes,
            test.chainId,
          );
          let signed: Transaction | undefined;
          try {
            signed = decodeTransaction(hexToBytes(entry.txbytes));
          } catch {
            signed = undefined;
          }
          let same: boolean;
          if (built.kind === "undecodable") same = signed === undefined;
          else if (signed === undefined) {
            // The decoder refuses a blob or set-code tx without `to`; the runner hands it to the
            // executor, which rejects it as TYPE_3/4_TX_CONTRACT_CREATION (the fixture's expectation).
            same =
              built.tx.type >= 3 &&
              built.tx.to === undefined &&
              /CONTRACT_CREATION/.test(entry.expectException ?? "");
          } else
            same =
              JSON.stringify(comparable(built.tx), bigints) === JSON.stringify(comparable(signed), bigints);
          if (!same) tally.mismatches.push(`${file} ${name} ${fork}[${i}]`);
        });
      }
    });
    expect(tally.mismatches.slice(0, 5)).toEqual([]);
    expect(tally.cases).toBeGreaterThan(1000);
  });

  it("every expected rejection's post root is the root of the pre-state as built", () => {
    const tally: Tally = { cases: 0, mismatches: [] };
    eachTest((file, name, json) => {
      let preRoot: string | undefined;
      for (const [fork, entries] of Object.entries(json.post as Record<string, Record<string, string>[]>)) {
        for (const entry of entries) {
          if (!entry.expectException) continue;
          tally.cases++;
          preRoot ??= bytesToHex(stateRoot(buildPreState(parseStateTest(name, json).pre, [])));
          if (preRoot !== entry.hash) tally.mismatches.push(`${file} ${name} ${fork}`);
        }
      }
    });
    expect(tally.mismatches.slice(0, 5)).toEqual([]);
    expect(tally.cases).toBeGreaterThan(100);
  });

  it("secretKey derives the sender the fixture names, for every distinct pair", () => {
    const tally: Tally = { cases: 0, mismatches: [] };
    // Few distinct keys sign all tests; deriving once per (key, sender) pair keeps this fast.
    const pairs = new Map<string, string>();
    eachTest((file, name, json) => {
      const tx = json.transaction as Record<string, string>;
      pairs.set(`${tx.secretKey} ${tx.sender.toLowerCase()}`, `${file} ${name}`);
    });
    for (const [pair, where] of pairs) {
      const [secretKey, sender] = pair.split(" ");
      tally.cases++;
      if (bytesToHex(senderFromSecretKey(hexToBytes(secretKey))) !== sender) tally.mismatches.push(where);
    }
    expect(tally.mismatches.slice(0, 5)).toEqual([]);
    expect(tally.cases).toBeGreaterThan(5);
  });
});

function bigints(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `0x${value.toString(16)}` : value;
}
