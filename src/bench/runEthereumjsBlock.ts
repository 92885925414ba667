import { type Block, createBlockFromRPC, type JSONRPCBlock } from "@ethereumjs/block";
import { Common, Hardfork, Mainnet, type StateManagerInterface } from "@ethereumjs/common";
import { Caches, MerkleStateManager, SimpleStateManager } from "@ethereumjs/statemanager";
import { Address, createAccount } from "@ethereumjs/util";
import { createVM, runBlock, type VM, type VMOpts } from "@ethereumjs/vm";
import { bigIntToBytes, bytesToHex, equalBytes, hexToBytes, parseQuantity } from "../primitives/hex.js";
import { type EthereumjsCryptoKind, ethereumjsCrypto } from "./ethereumjsCrypto.js";
import { JournalStateManager } from "./journalStateManager.js";
import type { EthereumjsStateManagerKind } from "./runEthereumjs.js";

/** One account of a fixture's `preState` (hex quantities, see ../shared/fixtures/mainnet/README.md). */
export interface FixtureAccountJson {
  balance?: string;
  nonce?: string;
  code?: string;
  storage?: Record<string, string>;
}

/** The parts of a mainnet block fixture file the ethereumjs peer reads. */
export interface BlockFixtureJson {
  number: string;
  hardfork?: string;
  header: Record<string, unknown>;
  transactions: unknown[];
  withdrawals?: unknown[];
  preState: Record<string, FixtureAccountJson>;
  blockHashes?: Record<string, string>;
}

/** How ethereumjs is set up: its state backend and its cryptography. */
export interface EthereumjsBlockOptions {
  stateManager: EthereumjsStateManagerKind;
  crypto: EthereumjsCryptoKind;
}

/** A fixture turned into a ready ethereumjs VM and block; building it is not part of the timing. */
export interface PreparedEthereumjsBlock {
  vm: VM;
  block: Block;
  /** The ethereumjs hardfork the block runs under (from the block number and timestamp). */
  hardfork: string;
}

/** What runBlock computed, beside the header's values, and how long it took. */
export interface EthereumjsBlockRun {
  /** Wall time of `runBlock` alone. */
  ms: number;
  gasUsed: bigint;
  logsBloom: Uint8Array;
  /** Pre-Byzantium receipts embed intermediate state roots, which a partial pre-state cannot give. */
  receiptsRoot: Uint8Array | undefined;
}

function newStateManager(kind: EthereumjsStateManagerKind, common: Common): StateManagerInterface {
  if (kind === "journal") return new JournalStateManager({ common });
  if (kind === "simple") return new SimpleStateManager({ common });
  return new MerkleStateManager({ common, caches: new Caches() });
}

/** Writes the fixture's pre-state (accounts, code, non-zero slots) into `stateManager`. */
async function loadPreState(
  stateManager: StateManagerInterface,
  preState: Record<string, FixtureAccountJson>,
): Promise<void> {
  for (const [addressHex, json] of Object.entries(preState)) {
    const address = new Address(hexToBytes(addressHex));
    await stateManager.putAccount(
      address,
      createAccount({
        nonce: parseQuantity(json.nonce ?? "0x0"),
        balance: parseQuantity(json.balance ?? "0x0"),
      }),
    );
    const code = hexToBytes(json.code ?? "0x");
    if (code.length > 0) await stateManager.putCode(address, code);
    for (const [slot, valueHex] of Object.entries(json.storage ?? {})) {
      const value = parseQuantity(valueHex);
      if (value !== 0n) {
        await stateManager.putStorage(address, bigIntToBytes(parseQuantity(slot), 32), bigIntToBytes(value));
      }
    }
  }
  // MerkleStateManager keeps the writes in its caches until a flush; do it now, or runBlock's state
  // root at the end would also pay for building the pre-state trie.
  if (stateManager instanceof MerkleStateManager) await stateManager.getStateRoot();
}

/**
 * BLOCKHASH asks the blockchain for a block by number; the mock one knows none, so answer from the
 * fixture's `blockHashes` (the ones our state serves). A hash the fixture lacks is an error, not a
 * silent zero: it would make the two engines disagree for a reason that is not theirs.
 */
function fixtureBlockchain(blockHashes: Record<string, string>): NonNullable<VMOpts["blockchain"]> {
  const hashes = new Map<number, Uint8Array>();
  for (const [number, hash] of Object.entries(blockHashes)) hashes.set(Number(number), hexToBytes(hash));
  const blockchain = {
    getBlock: async (n: number) => {
      const hash = hashes.get(n);
      if (hash === undefined) throw new Error(`BLOCKHASH(${n}): not in the fixture's blockHashes`);
      return { hash: () => hash };
    },
    putBlock: async () => {},
    shallowCopy: () => blockchain,
  };
  return blockchain;
}

/**
 * Builds ethereumjs' view of a fixture block: a mainnet Common at the block's hardfork (by number
 * and timestamp), the block from its RPC JSON (ethereumjs recovers every sender itself; the `from`
 * fields are ignored), a fresh state manager holding the pre-state, and a VM over both.
 */
export async function prepareEthereumjsBlock(
  fixture: BlockFixtureJson,
  options: EthereumjsBlockOptions,
): Promise<PreparedEthereumjsBlock> {
  const common = new Common({ chain: Mainnet, customCrypto: ethereumjsCrypto(options.crypto) });
  const number = parseQuantity(fixture.number);
  const timestamp = parseQuantity(String(fixture.header.timestamp));
  const hardfork = common.setHardforkBy({ blockNumber: number, timestamp });
  const rpcBlock = {
    ...fixture.header,
    transactions: fixture.transactions,
    withdrawals: fixture.withdrawals,
  } as unknown as JSONRPCBlock;
  // Uncle headers are not in the fixtures (only their hashes): the niece reward is left out, on our
  // side too; receipts and gas do not depend on it.
  const block = createBlockFromRPC(rpcBlock, [], { common });
  const stateManager = newStateManager(options.stateManager, common);
  await loadPreState(stateManager, fixture.preState);
  const vm = await createVM({
    common,
    stateManager,
    blockchain: fixtureBlockchain(fixture.blockHashes ?? {}),
  });
  return { vm, block, hardfork };
}

/**
 * Runs the block with @ethereumjs/vm `runBlock`: system calls, every transaction, rewards and
 * withdrawals as the fork prescribes. `generate: true` makes runBlock return gasUsed, bloom and
 * receipts root instead of throwing on the first field that differs from the header (the state
 * root never matches a partial pre-state); they are compared by the caller. Block and header
 * validation are skipped: the parent header is not available.
 */
export async function runEthereumjsBlock(prepared: PreparedEthereumjsBlock): Promise<EthereumjsBlockRun> {
  const { vm, block } = prepared;
  const start = performance.now();
  const result = await runBlock(vm, {
    block,
    generate: true,
    skipBlockValidation: true,
    skipHeaderValidation: true,
    skipHardForkValidation: true,
  });
  const ms = performance.now() - start;
  const byzantium = vm.common.gteHardfork(Hardfork.Byzantium);
  return {
    ms,
    gasUsed: result.gasUsed,
    logsBloom: result.logsBloom,
    receiptsRoot: byzantium ? result.receiptsRoot : undefined,
  };
}

/** A run's fields against the header: true/false, or null for a receipts root that cannot be checked. */
export interface HeaderFieldMatch {
  gasUsed: boolean;
  logsBloom: boolean;
  receiptsRoot: boolean | null;
}

/** Compares an ethereumjs run with the fixture's header. */
export function matchEthereumjsRun(
  run: EthereumjsBlockRun,
  header: Record<string, unknown>,
): HeaderFieldMatch {
  return {
    gasUsed: run.gasUsed === parseQuantity(String(header.gasUsed)),
    logsBloom: equalBytes(run.logsBloom, hexToBytes(String(header.logsBloom))),
    receiptsRoot:
      run.receiptsRoot === undefined
        ? null
        : bytesToHex(run.receiptsRoot) === String(header.receiptsRoot).toLowerCase(),
  };
}
