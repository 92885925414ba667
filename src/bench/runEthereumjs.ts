import { type Block, createBlock } from "@ethereumjs/block";
import { Common, Mainnet, type StateManagerInterface } from "@ethereumjs/common";
import { Caches, MerkleStateManager, SimpleStateManager } from "@ethereumjs/statemanager";
import { createTxFromRLP, type TypedTransaction } from "@ethereumjs/tx";
import { Address, createAccount } from "@ethereumjs/util";
import { createVM, runTx, type VM } from "@ethereumjs/vm";
import { encodeTransaction } from "../chain/transactionEncode.js";
import { Fork, forkName } from "../evm/fork.js";
import type { Log } from "../evm/log.js";
import { bigIntToBytes, bytesToHex, equalBytes } from "../primitives/hex.js";
import { ethereumjsCrypto } from "./ethereumjsCrypto.js";
import { JournalStateManager } from "./journalStateManager.js";
import type { Workload } from "./workload.js";

/** What the comparison needs from one transaction, in our executor's terms. */
export interface ReferenceOutcome {
  status: 0 | 1;
  gasUsed: bigint;
  logs: Log[];
  output: Uint8Array;
}

/**
 * Which state backend ethereumjs runs on. `journal` (the benchmark default): JournalStateManager,
 * plain maps with O(writes) checkpoints, so the timing is ethereumjs' EVM and runTx. `simple`:
 * @ethereumjs/statemanager's SimpleStateManager, which copies every map on each checkpoint.
 * `merkle`: MerkleStateManager with caches (createVM's default backend), which writes each
 * transaction's changes into the trie when it commits.
 */
export type EthereumjsStateManagerKind = "journal" | "simple" | "merkle";

/** A workload turned into ethereumjs objects once, so repeats time execution only. */
export interface EthereumjsWorkload {
  stateManager: EthereumjsStateManagerKind;
  common: Common;
  block: Block;
  txs: TypedTransaction[];
  workload: Workload;
}

/** The result of one timed ethereumjs run. */
export interface EthereumjsRun {
  outcomes: ReferenceOutcome[];
  /** Wall time of the runTx loop; VM creation, pre-state loading and signing are excluded. */
  ms: number;
  vm: VM;
}

/** How many transactions the known-senders mode still recovers, to cross-check encoder and signer. */
const SPOT_CHECKED_SENDERS = 8;

/**
 * Decodes our signed wire encoding of each transaction with ethereumjs and builds the block.
 * Senders follow `senders`: `recover` leaves recovery to runTx (every run pays for it, as ours does
 * in that mode); `known` hands runTx the workload's senders, after recovering the first few with
 * ethereumjs to cross-check our encoder and signer. Transactions are decoded unfrozen, so
 * ethereumjs caches no recovered key between runs.
 */
export function prepareEthereumjs(
  workload: Workload,
  stateManager: EthereumjsStateManagerKind,
  senders: "known" | "recover" = "known",
): EthereumjsWorkload {
  const hardfork = workload.hardfork ?? forkName(workload.fork).toLowerCase();
  // The KZG adapter: ethereumjs refuses to build a blob transaction (mainnet Cancun blocks) without one.
  const common = new Common({ chain: Mainnet, hardfork, customCrypto: ethereumjsCrypto("stock") });
  const txs = workload.txs.map(({ tx, sender }, i) => {
    const ejsTx = createTxFromRLP(encodeTransaction(tx), { common, freeze: false });
    if (senders === "known" && i < SPOT_CHECKED_SENDERS) {
      const recovered = ejsTx.getSenderAddress().bytes;
      if (!equalBytes(recovered, sender)) {
        throw new Error(
          `tx ${i}: ethereumjs recovers sender ${bytesToHex(recovered)}, workload says ${bytesToHex(sender)}`,
        );
      }
    }
    if (senders === "known") {
      const address = new Address(sender);
      // Instance override: runTx asks for the sender once per transaction, and gets it for free.
      ejsTx.getSenderAddress = () => address;
    }
    return ejsTx;
  });
  const { env } = workload;
  const block = createBlock(
    {
      header: {
        number: env.number,
        coinbase: new Address(env.coinbase),
        timestamp: env.timestamp,
        gasLimit: env.gasLimit,
        ...(workload.fork >= Fork.London ? { baseFeePerGas: env.baseFee } : {}),
        difficulty: env.difficulty,
        mixHash: env.prevRandao,
        ...(workload.fork >= Fork.Cancun ? { excessBlobGas: env.excessBlobGas } : {}),
      },
    },
    { common },
  );
  return { stateManager, common, block, txs, workload };
}

function newStateManager(kind: EthereumjsStateManagerKind, common: Common): StateManagerInterface {
  if (kind === "journal") return new JournalStateManager({ common });
  if (kind === "simple") return new SimpleStateManager({ common });
  return new MerkleStateManager({ common, caches: new Caches() });
}

/**
 * Runs a prepared workload through @ethereumjs/vm: a fresh VM over the chosen state manager loaded
 * with the pre-state, then runTx per transaction in order. Block gas limit validation is skipped:
 * this is a batch of transactions, not a block, and no state root is asked for.
 */
export async function runEthereumjs(prepared: EthereumjsWorkload): Promise<EthereumjsRun> {
  const { common, block, txs, workload } = prepared;
  const stateManager = newStateManager(prepared.stateManager, common);
  for (const account of workload.preState) {
    const address = new Address(account.address);
    await stateManager.putAccount(address, createAccount({ nonce: account.nonce, balance: account.balance }));
    if (account.code.length > 0) await stateManager.putCode(address, account.code);
    for (const [slot, value] of account.storage) {
      await stateManager.putStorage(address, bigIntToBytes(slot, 32), bigIntToBytes(value));
    }
  }
  const vm = await createVM({ common, stateManager });
  const hashes = workload.blockHashes;
  if (hashes !== undefined && hashes.size > 0) {
    // BLOCKHASH asks the blockchain for the block; the default mock knows none, so answer from the
    // workload's hashes (the same ones our state serves).
    const blockchain = vm.blockchain as unknown as { getBlock: (n: number) => Promise<unknown> };
    blockchain.getBlock = async (n: number) => {
      const hash = hashes.get(BigInt(n)) ?? new Uint8Array(32);
      return { hash: () => hash };
    };
  }
  const outcomes: ReferenceOutcome[] = new Array(txs.length);
  const start = performance.now();
  for (let i = 0; i < txs.length; i++) {
    const result = await runTx(vm, { tx: txs[i], block, skipBlockGasLimitValidation: true });
    const exec = result.execResult;
    outcomes[i] = {
      status: exec.exceptionError === undefined ? 1 : 0,
      gasUsed: result.totalGasSpent,
      logs: (exec.logs ?? []).map(([address, topics, data]) => ({ address, topics, data })),
      output: exec.returnValue,
    };
  }
  const ms = performance.now() - start;
  return { outcomes, ms, vm };
}
