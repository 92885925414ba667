import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../../src/chain/intrinsicGas.js";
import { recoverSender } from "../../src/chain/recoverSender.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { decodeTransaction } from "../../src/chain/transactionDecode.js";
import { encodeTransaction, transactionHash } from "../../src/chain/transactionEncode.js";
import { validateTransaction } from "../../src/chain/transactionValidity.js";
import { type Fork, parseFork } from "../../src/evm/fork.js";
import { PevmError } from "../../src/primitives/errors.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/hex.js";
import { describeWithFixtures } from "../fixtures/describeWithFixtures.js";
import { ethereumTestsDir, listFixtureFiles, readFixture } from "../fixtures/fixturesDir.js";

/**
 * ethereum/tests TransactionTests: raw transactions with, per fork, either the sender, hash and
 * intrinsic gas, or an exception. An exception means decoding, the signature or the stateless
 * validity checks (for chain id 1, the tests' chain) must reject the transaction at that fork.
 */

interface ForkResult {
  exception?: string;
  intrinsicGas: string;
  hash?: string;
  sender?: string;
}
interface TransactionTest {
  txbytes: string;
  result: Record<string, ForkResult>;
}

const CHAIN_ID = 1n;
const dir = ethereumTestsDir("TransactionTests");

/**
 * Our error codes that count as the fixture's exception. Malformed encodings (RLP_*, ADDRESS_*,
 * *_OVERFLOW) are all InvalidInputError from the decoder. A legacy v that is neither 27/28 nor
 * chainId * 2 + 35/36 is INVALID_CHAINID to geth (it derives a chain id from any v) and
 * INVALID_SIGNATURE to us; r or s wider than 256 bits fail decoding here, the signature there.
 */
function acceptedCodes(exception: string): string[] {
  const name = exception.replace("TransactionException.", "");
  if (/^(RLP_|ADDRESS_)|_OVERFLOW$/.test(name) && name !== "GASLIMIT_PRICE_PRODUCT_OVERFLOW")
    return ["INVALID_INPUT"];
  switch (name) {
    case "TYPE_NOT_SUPPORTED":
      return ["INVALID_TX_TYPE_NOT_SUPPORTED", "INVALID_INPUT"];
    case "INVALID_SIGNATURE_VRS":
      return ["INVALID_TX_INVALID_SIGNATURE", "INVALID_INPUT"];
    case "EC_RECOVERY_FAIL":
      return ["INVALID_TX_INVALID_SIGNATURE"];
    case "INVALID_CHAINID":
      return ["INVALID_TX_INVALID_CHAINID", "INVALID_TX_INVALID_SIGNATURE"];
    case "NONCE_TOO_BIG":
      return ["INVALID_TX_NONCE_IS_MAX"];
    case "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2":
      return ["INVALID_TX_PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"];
    default:
      return [`INVALID_TX_${name}`];
  }
}

/**
 * Decodes, recovers the sender and validates at `fork`, in the order clients do (the signature
 * before the gas checks); throws when any step rejects the transaction.
 */
function accept(bytes: Uint8Array, fork: Fork): { tx: Transaction; sender: Uint8Array } {
  const tx = decodeTransaction(bytes);
  const sender = recoverSender(tx, fork);
  validateTransaction(tx, fork, CHAIN_ID);
  return { tx, sender };
}

/** The code of the PevmError `accept` throws, or "accepted". */
function rejectionCode(bytes: Uint8Array, fork: Fork): string {
  try {
    accept(bytes, fork);
  } catch (error) {
    if (error instanceof PevmError) return error.code;
    throw error;
  }
  return "accepted";
}

function tryDecode(bytes: Uint8Array): Transaction | undefined {
  try {
    return decodeTransaction(bytes);
  } catch {
    return undefined;
  }
}

describeWithFixtures("TransactionTests", "TransactionTests", dir, (dir) => {
  for (const file of listFixtureFiles(dir)) {
    const tests = readFixture<Record<string, TransactionTest>>(file);
    for (const [name, test] of Object.entries(tests)) {
      describe(`${relative(dir, file)} ${name}`, () => {
        const bytes = hexToBytes(test.txbytes);
        for (const [forkLabel, expected] of Object.entries(test.result)) {
          const fork = parseFork(forkLabel);
          if (expected.exception) {
            it(`${forkLabel}: rejected (${expected.exception})`, () => {
              expect(acceptedCodes(expected.exception!)).toContain(rejectionCode(bytes, fork));
              // Where the transaction still decodes, its intrinsic gas must match the one reported.
              const tx = tryDecode(bytes);
              if (tx && BigInt(expected.intrinsicGas) !== 0n) {
                expect(intrinsicGas(tx, fork)).toBe(BigInt(expected.intrinsicGas));
              }
            });
          } else {
            it(`${forkLabel}: valid`, () => {
              const { tx, sender } = accept(bytes, fork);
              expect(bytesToHex(sender)).toBe(expected.sender);
              expect(bytesToHex(transactionHash(tx))).toBe(expected.hash);
              expect(intrinsicGas(tx, fork)).toBe(BigInt(expected.intrinsicGas));
              expect(bytesToHex(encodeTransaction(tx))).toBe(bytesToHex(bytes));
            });
          }
        }
      });
    }
  }
});
