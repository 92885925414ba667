import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Block } from "../../src/chain/block.js";
import { type BlockHeader, headerHash } from "../../src/chain/blockHeader.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { rpcBlockJson } from "../../src/chain/rpcBlockJson.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { encodeTransaction } from "../../src/chain/transactionEncode.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "../../src/primitives/keccak.js";
import { orderedTrieRoot } from "../../src/primitives/orderedTrie.js";
import { encodeRlp } from "../../src/primitives/rlp.js";
import { applyStateDiff } from "../../src/state/applyStateDiff.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { addressOf, makeTransaction, signTransaction } from "../chain/testSigner.js";
import { dumpMemoryState } from "../state/stateDump.js";

/*
 * A generated chain of consecutive mainnet-Cancun blocks for import tests, written as RPC JSON block files
 * plus a bare-allocation genesis: signed transfers (to fresh accounts, and zero-value ones to empty
 * genesis accounts, which EIP-161 deletes), calls setting and clearing slots of a contract that starts
 * with storage, and contract creations. Headers carry gasUsed, receiptsRoot and logsBloom from our own
 * sequential run; state roots stay zero.
 */

/** SSTORE(CALLDATALOAD(0), CALLDATALOAD(32)): a slot set (or cleared, with value 0) per call. */
const SLOT_SETTER = Uint8Array.of(0x60, 0x20, 0x35, 0x5f, 0x35, 0x55, 0x00);
/** Init code: slot 0 := 1, deploy the one-byte runtime 0x00. */
const CREATE_INIT = Uint8Array.of(0x60, 0x01, 0x5f, 0x55, 0x60, 0x00, 0x5f, 0x53, 0x60, 0x01, 0x5f, 0xf3);
const SETTER = new Uint8Array(20).fill(0xc5);
const COINBASE = new Uint8Array(20).fill(0xcb);
const FIRST_NUMBER = 20_000_001n;
const EMPTY_ACCOUNTS = 8;

/** The files of a generated chain and the state after each block (dumpMemoryState lines; 0 = genesis). */
export interface GeneratedChain {
  genesisFile: string;
  blocksDir: string;
  /** Block files in chain order. */
  files: string[];
  /** dumpMemoryState after block i (index 0: the genesis). */
  states: string[][];
  numbers: bigint[];
}

function emptyAccount(i: number): Uint8Array {
  const address = new Uint8Array(20).fill(0xe0);
  address[19] = i;
  return address;
}

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && value > 0n; i--, value >>= 8n) out[i] = Number(value & 0xffn);
  return out;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Writes `blocks` blocks of `txsPerBlock` transactions (one per sender, so Block-STM can run them) to
 * `dir/blocks/<number>.json` and their genesis to `dir/genesis.json`, deterministic in `seed`.
 */
export function generateChain(dir: string, blocks: number, txsPerBlock: number, seed = 1): GeneratedChain {
  const blocksDir = join(dir, "blocks");
  mkdirSync(blocksDir, { recursive: true });
  const next = random(seed);
  const keys = Array.from({ length: txsPerBlock }, (_, i) =>
    keccak256(new TextEncoder().encode(`pevm import sender ${i}`)),
  );
  const senders = keys.map(addressOf);
  const state = new MemoryState({ complete: true });
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  state.setAccount(SETTER, {
    code: SLOT_SETTER,
    storage: new Map(Array.from({ length: 20 }, (_, i) => [BigInt(i), 1n])),
  });
  for (let i = 0; i < EMPTY_ACCOUNTS; i++) state.setAccount(emptyAccount(i), {});
  const genesisFile = join(dir, "genesis.json");
  const alloc: Record<string, unknown> = {};
  for (const [address, account] of state.entries()) {
    alloc[bytesToHex(address)] = {
      balance: `0x${account.balance.toString(16)}`,
      nonce: `0x${account.nonce.toString(16)}`,
      code: bytesToHex(account.code),
      storage: Object.fromEntries(
        [...account.storage].map(([slot, value]) => [`0x${slot.toString(16)}`, `0x${value.toString(16)}`]),
      ),
    };
  }
  writeFileSync(genesisFile, JSON.stringify({ config: { chainId: 1 }, alloc }));

  const nonces = senders.map(() => 0n);
  const chain: GeneratedChain = {
    genesisFile,
    blocksDir,
    files: [],
    states: [dumpMemoryState(state)],
    numbers: [],
  };
  let parentHash = keccak256(new TextEncoder().encode("pevm generated chain parent"));
  for (let b = 0; b < blocks; b++) {
    const number = FIRST_NUMBER + BigInt(b);
    const transactions: Transaction[] = senders.map((_, s) => {
      const roll = next();
      const fields: Partial<Transaction> = {
        nonce: nonces[s]++,
        gasLimit: 600_000n,
        maxFeePerGas: 100n,
        maxPriorityFeePerGas: 2n,
      };
      if (roll < 0.45) {
        const value = next() < 0.4 ? 0n : BigInt(Math.floor(next() * 1e9) + 1);
        const data = new Uint8Array(64);
        data.set(word(BigInt(Math.floor(next() * 60))), 0);
        data.set(word(value), 32);
        Object.assign(fields, { to: SETTER, data });
      } else if (roll < 0.55) Object.assign(fields, { to: undefined, data: CREATE_INIT });
      else if (roll < 0.65)
        Object.assign(fields, { to: emptyAccount(Math.floor(next() * EMPTY_ACCOUNTS)), value: 0n });
      else {
        const to =
          next() < 0.5
            ? senders[Math.floor(next() * senders.length)]
            : keccak256(Uint8Array.of(b, s)).slice(12);
        Object.assign(fields, { to, value: BigInt(Math.floor(next() * 1e12)) });
      }
      return signTransaction(makeTransaction(2, fields), keys[s]);
    });
    const header: BlockHeader = {
      parentHash,
      ommersHash: keccak256(encodeRlp([])),
      coinbase: COINBASE,
      stateRoot: new Uint8Array(32),
      transactionsRoot: orderedTrieRoot(transactions.map(encodeTransaction)),
      receiptsRoot: EMPTY_TRIE_ROOT,
      logsBloom: new Uint8Array(256),
      difficulty: 0n,
      number,
      gasLimit: 60_000_000n,
      gasUsed: 0n,
      timestamp: 1_720_000_000n + 12n * BigInt(b),
      extraData: new Uint8Array(0),
      mixHash: keccak256(Uint8Array.of(b)),
      nonce: new Uint8Array(8),
      baseFeePerGas: 7n,
      withdrawalsRoot: EMPTY_TRIE_ROOT,
      blobGasUsed: 0n,
      excessBlobGas: 0n,
      parentBeaconBlockRoot: new Uint8Array(32),
    };
    const block: Block = { header, transactions, senders, uncles: [], uncleHashes: [], withdrawals: [] };
    const result = executeBlock(MAINNET, state, block, { workers: 1, trustSenders: true });
    block.header = {
      ...header,
      gasUsed: result.gasUsed,
      receiptsRoot: result.receiptsRoot!,
      logsBloom: result.logsBloom,
      stateRoot: result.stateRoot!,
    };
    parentHash = headerHash(block.header);
    const file = join(blocksDir, `${number}.json`);
    writeFileSync(file, JSON.stringify(rpcBlockJson(block, senders)));
    applyStateDiff(state, result.stateDiff, result.postStateTrie);
    chain.files.push(file);
    chain.numbers.push(number);
    chain.states.push(dumpMemoryState(state));
  }
  return chain;
}
