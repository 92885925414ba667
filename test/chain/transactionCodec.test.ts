import { describe, expect, it } from "vitest";
import { recoverSender } from "../../src/chain/recoverSender.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { decodeTransaction } from "../../src/chain/transactionDecode.js";
import { encodeTransaction, signingHash, transactionHash } from "../../src/chain/transactionEncode.js";
import { Fork } from "../../src/evm/fork.js";
import { InvalidInputError } from "../../src/primitives/errors.js";
import { bytesToHex, concatBytes, hexToBytes } from "../../src/primitives/hex.js";
import { keccak256 } from "../../src/primitives/keccak.js";
import { encodeRlp } from "../../src/primitives/rlp.js";
import { addressOf, makeTransaction, signAuthorization, signTransaction } from "./testSigner.js";

const KEY = hexToBytes("0x4646464646464646464646464646464646464646464646464646464646464646");

describe("EIP-155 example transaction", () => {
  // The worked example in EIP-155's specification.
  const signed = hexToBytes(
    "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
  );

  it("decodes with chain id 1 and the EIP's signing hash", () => {
    const tx = decodeTransaction(signed);
    expect(tx.chainId).toBe(1n);
    expect(tx.v).toBe(37n);
    expect(tx.r).toBe(18515461264373351373200002665853028612451056578545711640558177340181847433846n);
    expect(bytesToHex(signingHash(tx))).toBe(
      "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53",
    );
  });

  it("recovers the key's address and hashes to keccak256 of its bytes", () => {
    const tx = decodeTransaction(signed);
    expect(recoverSender(tx, Fork.SpuriousDragon)).toEqual(addressOf(KEY));
    expect(transactionHash(tx)).toEqual(keccak256(signed));
    expect(encodeTransaction(tx)).toEqual(signed);
  });

  it("is rejected before Spurious Dragon, where EIP-155 v values do not exist", () => {
    expect(() => recoverSender(decodeTransaction(signed), Fork.TangerineWhistle)).toThrow(/Spurious Dragon/);
  });
});

describe("round trips of every type", () => {
  const cases: Array<[string, Transaction]> = [
    ["legacy pre-EIP-155", makeTransaction(0, { data: Uint8Array.of(1, 2, 3) })],
    [
      "legacy EIP-155 creation",
      makeTransaction(0, { chainId: 5n, to: undefined, data: Uint8Array.of(0x60, 0) }),
    ],
    [
      "EIP-2930",
      makeTransaction(1, {
        accessList: [{ address: new Uint8Array(20).fill(2), storageKeys: [new Uint8Array(32).fill(3)] }],
      }),
    ],
    ["EIP-1559 creation", makeTransaction(2, { to: undefined, value: 10n ** 18n })],
    ["EIP-4844", makeTransaction(3, { maxFeePerBlobGas: 7n })],
    [
      "EIP-7702",
      makeTransaction(4, {
        authorizationList: [
          signAuthorization({ chainId: 0n, address: new Uint8Array(20).fill(9), nonce: 3n }, KEY),
        ],
      }),
    ],
  ];
  for (const [name, unsigned] of cases) {
    it(`${name}: decode(encode(tx)) equals tx and the signer is recovered`, () => {
      const tx = signTransaction(unsigned, KEY);
      const bytes = encodeTransaction(tx);
      if (tx.type > 0) expect(bytes[0]).toBe(tx.type);
      const decoded = decodeTransaction(bytes);
      expect(decoded).toEqual(tx);
      expect(recoverSender(decoded, Fork.Osaka)).toEqual(addressOf(KEY));
      expect(transactionHash(decoded)).toEqual(keccak256(bytes));
    });
  }
});

describe("strict decoding", () => {
  const legacy = signTransaction(makeTransaction(0), KEY);

  /** Re-encodes the legacy fields with field `index` replaced. */
  function withField(index: number, value: Uint8Array): Uint8Array {
    const fields = (encodeRlpFields(legacy) as Uint8Array[]).slice();
    fields[index] = value;
    return encodeRlp(fields);
  }
  function encodeRlpFields(tx: Transaction): Uint8Array[] {
    const hex = (v: bigint) => (v === 0n ? new Uint8Array(0) : hexToBytes(v.toString(16)));
    return [
      hex(tx.nonce),
      hex(tx.gasPrice),
      hex(tx.gasLimit),
      tx.to!,
      hex(tx.value),
      tx.data,
      hex(tx.v),
      hex(tx.r),
      hex(tx.s),
    ];
  }

  it("accepts the canonical form", () => {
    expect(decodeTransaction(withField(0, new Uint8Array(0)))).toEqual(legacy);
  });
  it("rejects integers with leading zeros", () => {
    expect(() => decodeTransaction(withField(0, Uint8Array.of(0, 1)))).toThrow(/nonce has leading zero/);
  });
  it("rejects a nonce wider than 64 bits", () => {
    expect(() => decodeTransaction(withField(0, new Uint8Array(9).fill(1)))).toThrow(
      /nonce does not fit in 64 bits/,
    );
  });
  it("rejects a value wider than 256 bits", () => {
    expect(() => decodeTransaction(withField(4, new Uint8Array(33).fill(1)))).toThrow(
      /value does not fit in 256 bits/,
    );
  });
  it("rejects a 19-byte address", () => {
    expect(() => decodeTransaction(withField(3, new Uint8Array(19).fill(1)))).toThrow(
      /to must be 20 bytes, got 19/,
    );
  });
  it("rejects a list where a byte string belongs", () => {
    expect(() =>
      decodeTransaction(
        encodeRlp([...encodeRlpFields(legacy).slice(0, 5), [], ...encodeRlpFields(legacy).slice(6)]),
      ),
    ).toThrow(/data is a list/);
  });
  it("rejects a wrong field count", () => {
    expect(() => decodeTransaction(encodeRlp(encodeRlpFields(legacy).slice(0, 8)))).toThrow(
      /must have 9 fields, got 8/,
    );
  });
  it("rejects unknown types and empty input", () => {
    expect(() => decodeTransaction(Uint8Array.of(5, 0xc0))).toThrow(/unsupported transaction type 0x05/);
    expect(() => decodeTransaction(new Uint8Array(0))).toThrow(InvalidInputError);
  });
  it("rejects contract creation in blob and set-code transactions", () => {
    for (const type of [3, 4] as const) {
      const tx = makeTransaction(type, { to: undefined });
      expect(() => decodeTransaction(encodeTransaction(tx))).toThrow(
        `a type ${type} transaction cannot create a contract`,
      );
    }
  });
  it("rejects trailing bytes after a typed payload", () => {
    const bytes = encodeTransaction(signTransaction(makeTransaction(2), KEY));
    expect(() => decodeTransaction(concatBytes(bytes, Uint8Array.of(0)))).toThrow(/trailing bytes/);
  });
});
