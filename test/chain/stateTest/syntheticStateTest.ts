import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "../../../src/primitives/hex.js";
import { encodeRlp } from "../../../src/primitives/rlp.js";

// Built with @noble/hashes' keccak and hand-written trie rules, not with the project's stateRoot,
// so a runner test that passes against these roots checks the runner, not stateRoot against itself.

/** keccak256(rlp("")): the root of an empty trie. */
export const EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
/** keccak256 of empty code. */
export const EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
/** keccak256(rlp([])): the logs hash of a transaction without logs. */
export const EMPTY_LOGS_HASH = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";

export const SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b";
export const SECRET_KEY = "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8";
export const RECIPIENT = "0x095e7baea6a6c7c4c2dfeb977efac326af552d87";
export const COINBASE = "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba";
export const SENDER_BALANCE = 10n ** 18n;

function minimal(value: bigint): Uint8Array {
  return value === 0n ? new Uint8Array(0) : hexToBytes(value.toString(16));
}

/**
 * State root of a world holding exactly one code-less, storage-less account: a trie with a single
 * leaf whose path is all 64 nibbles of keccak256(address), hex-prefix encoded as 0x20 || key.
 */
export function singleAccountStateRoot(address: string, nonce: bigint, balance: bigint): string {
  const account = encodeRlp([
    minimal(nonce),
    minimal(balance),
    hexToBytes(EMPTY_TRIE_ROOT),
    hexToBytes(EMPTY_CODE_HASH),
  ]);
  const path = new Uint8Array(33);
  path[0] = 0x20;
  path.set(keccak_256(hexToBytes(address)), 1);
  return bytesToHex(keccak_256(encodeRlp([path, account])));
}

/** The root of the pre-state of syntheticStateTest(): the sender alone. */
export const PRE_STATE_ROOT = singleAccountStateRoot(SENDER, 0n, SENDER_BALANCE);

/** A post entry for syntheticStateTest(). */
export function postEntry(fields: {
  data?: number;
  gas?: number;
  value?: number;
  hash?: string;
  expectException?: string;
}) {
  return {
    indexes: { data: fields.data ?? 0, gas: fields.gas ?? 0, value: fields.value ?? 0 },
    hash: fields.hash ?? PRE_STATE_ROOT,
    logs: EMPTY_LOGS_HASH,
    txbytes: "0x",
    ...(fields.expectException ? { expectException: fields.expectException } : {}),
  };
}

/**
 * A minimal retesteth-style state test: one funded sender, a legacy transfer with two data, two gas
 * and three value options (value[2] is 2^256+1, written the way ethereum/tests writes it).
 */
export function syntheticStateTest(post: Record<string, unknown[]>, overrides: Record<string, unknown> = {}) {
  return {
    env: {
      currentCoinbase: COINBASE,
      currentDifficulty: "0x020000",
      currentGasLimit: "0xff112233445566",
      currentNumber: "0x01",
      currentTimestamp: "0x03e8",
      currentBaseFee: "0x0a",
      currentRandom: `0x${"0".repeat(58)}020000`,
      currentExcessBlobGas: "0x00",
    },
    pre: {
      [SENDER]: { balance: `0x${SENDER_BALANCE.toString(16)}`, code: "0x", nonce: "0x00", storage: {} },
    },
    transaction: {
      data: ["0x", "0x1234"],
      gasLimit: ["0x5208", "0x061a80"],
      gasPrice: "0x0a",
      nonce: "0x00",
      secretKey: SECRET_KEY,
      sender: SENDER,
      to: RECIPIENT,
      value: [
        "0x00",
        "0x01",
        "0x:bigint 0x10000000000000000000000000000000000000000000000000000000000000001",
      ],
    },
    post,
    ...overrides,
  };
}

/**
 * A Cancun test whose transaction (gas index 1, 10^12 gas) calls a contract looping forever
 * (JUMPDEST PUSH1 0 JUMP): no run finishes it, so it exercises the per-file timeout. Its entries:
 * [0] value 2^256+1, rejected before execution (expected, passes its exception check but not its
 * root, which ignores the looping account); [1] the endless call; [2] a 1-gas limit, rejected as
 * intrinsic gas too low.
 */
export function loopingStateTest() {
  const test = syntheticStateTest(
    {
      Cancun: [
        postEntry({ value: 2, expectException: "TransactionException.RLP_INVALID_VALUE" }),
        postEntry({ gas: 1 }),
        postEntry({ value: 1, expectException: "TransactionException.INTRINSIC_GAS_TOO_LOW" }),
      ],
    },
    {
      pre: {
        [SENDER]: { balance: `0x${SENDER_BALANCE.toString(16)}`, code: "0x", nonce: "0x00", storage: {} },
        [RECIPIENT]: { balance: "0x00", code: "0x5b600056", nonce: "0x00", storage: {} },
      },
    },
  );
  test.transaction.gasLimit = ["0x01", "0xe8d4a51000"];
  return test;
}
