import { type BlobParams, blobParams } from "../evm/blobGas.js";
import { Fork } from "../evm/fork.js";

/** When a fork starts: at a block number (pre-Merge forks, and Paris by its merge block) or a timestamp. */
export type ForkActivation = { fork: Fork; block: bigint } | { fork: Fork; timestamp: bigint };

/**
 * A change of blob parameters: with a fork (EIP-7840 `blobSchedule` entries keyed by fork name) or at a
 * timestamp (EIP-7892 blob-parameter-only forks such as mainnet's BPO1 and BPO2).
 */
export type BlobScheduleEntry =
  | { name: string; fork: Fork; params: BlobParams }
  | { name: string; timestamp: bigint; params: BlobParams };

/** Everything chain-specific the block executor needs; describe testnets, L2s or custom chains with it. */
export interface ChainConfig {
  name: string;
  chainId: bigint;
  /** Fork activations in fork order; a fork missing here never activates. */
  forks: readonly ForkActivation[];
  /** Blob parameter overrides in activation order; forks without an entry use their EIP defaults. */
  blobSchedule: readonly BlobScheduleEntry[];
  /** Block of the DAO irregular state change (mainnet 1,920,000); undefined on chains without it. */
  daoForkBlock?: bigint;
  /** EIP-6110 deposit contract whose logs become deposit requests (Prague). */
  depositContractAddress: Uint8Array;
}

function isActive(activation: ForkActivation, number: bigint, timestamp: bigint): boolean {
  return "block" in activation ? number >= activation.block : timestamp >= activation.timestamp;
}

/**
 * The fork in force for a block: the latest fork whose activation (block number, or timestamp for the
 * post-Merge forks) the block has reached. Forks sharing a block (Constantinople and Petersburg on
 * mainnet) resolve to the later one.
 */
export function forkAt(chain: ChainConfig, number: bigint, timestamp: bigint): Fork {
  let fork = Fork.Frontier;
  for (const activation of chain.forks) {
    if (activation.fork > fork && isActive(activation, number, timestamp)) fork = activation.fork;
  }
  return fork;
}

/** EIP-7594 (Osaka) caps a single transaction at 6 blobs whatever the block allows. */
const MAX_BLOBS_PER_TX_OSAKA = 6;

/**
 * Blob parameters for a block: the fork's EIP defaults, replaced by the last schedule entry in force
 * (an entry for this fork or an earlier one, or a blob-parameter-only fork whose time has come).
 */
export function blobParamsAt(chain: ChainConfig, fork: Fork, timestamp: bigint): BlobParams {
  let params = blobParams(fork);
  for (const entry of chain.blobSchedule) {
    const active = "fork" in entry ? fork >= entry.fork : timestamp >= entry.timestamp;
    if (!active) continue;
    // A fork-keyed entry for an older fork must not undo the newer fork's defaults.
    if ("fork" in entry && entry.fork < fork && forkHasOwnDefaults(fork, entry.fork)) continue;
    params = entry.params;
  }
  if (fork >= Fork.Osaka && params.maxPerTx > MAX_BLOBS_PER_TX_OSAKA) {
    params = { ...params, maxPerTx: MAX_BLOBS_PER_TX_OSAKA };
  }
  return params;
}

/** True when `fork` changed blob parameters after `older` (Prague's EIP-7691 after Cancun). */
function forkHasOwnDefaults(fork: Fork, older: Fork): boolean {
  const a = blobParams(fork);
  const b = blobParams(older);
  return a.target !== b.target || a.max !== b.max || a.updateFraction !== b.updateFraction;
}

/** A chain with every fork up to `fork` active from genesis (how single-fork test fixtures run). */
export function singleForkChain(
  fork: Fork,
  chainId = 1n,
  blobSchedule: readonly BlobScheduleEntry[] = [],
): ChainConfig {
  const forks: ForkActivation[] = [];
  for (let f = Fork.Frontier; f <= fork; f++) forks.push({ fork: f, block: 0n });
  return { name: Fork[fork], chainId, forks, blobSchedule, depositContractAddress: MAINNET_DEPOSIT_CONTRACT };
}

/** Mainnet's EIP-6110 deposit contract (execution-spec-tests use the same address). */
export const MAINNET_DEPOSIT_CONTRACT: Uint8Array = Uint8Array.from([
  0x00, 0x00, 0x00, 0x00, 0x21, 0x9a, 0xb5, 0x40, 0x35, 0x6c, 0xbb, 0x83, 0x9c, 0xbe, 0x05, 0x30, 0x3d, 0x77,
  0x05, 0xfa,
]);
