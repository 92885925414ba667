import type { BlobParams } from "../../evm/blobGas.js";
import { Fork, parseFork } from "../../evm/fork.js";
import { InvalidInputError } from "../../primitives/errors.js";
import { parseQuantity } from "../../primitives/hex.js";
import {
  type BlobScheduleEntry,
  type ChainConfig,
  type ForkActivation,
  singleForkChain,
} from "../chainConfig.js";

/** `ShanghaiToCancunAtTime15k`, `BerlinToLondonAt5`: a transition network of the test fixtures. */
const TRANSITION = /^([A-Za-z0-9]+?)To([A-Za-z0-9]+?)At(Time)?(\d+)(k?)$/;

/**
 * EIP-7840 `config.blobSchedule` (`{Cancun: {target, max, baseFeeUpdateFraction}, ...}`) as schedule
 * entries; names that are not forks (BPO1...) are skipped, as no fixture here activates them.
 */
export function parseBlobSchedule(json: unknown): BlobScheduleEntry[] {
  if (typeof json !== "object" || json === null) return [];
  const entries: BlobScheduleEntry[] = [];
  for (const [name, value] of Object.entries(json as Record<string, Record<string, string>>)) {
    let fork: Fork;
    try {
      fork = parseFork(name);
    } catch {
      continue;
    }
    const max = Number(parseQuantity(value.max, `blobSchedule.${name}.max`));
    const params: BlobParams = {
      target: Number(parseQuantity(value.target, `blobSchedule.${name}.target`)),
      max,
      maxPerTx: max,
      updateFraction: parseQuantity(
        value.baseFeeUpdateFraction,
        `blobSchedule.${name}.baseFeeUpdateFraction`,
      ),
    };
    entries.push({ name, fork, params });
  }
  return entries.sort((a, b) => ("fork" in a && "fork" in b ? a.fork - b.fork : 0));
}

/**
 * The chain a blockchain test runs on, from its `network`: one fork from genesis ("Cancun"), or a
 * transition ("ShanghaiToCancunAtTime15k": Shanghai from genesis, Cancun from timestamp 15,000;
 * "BerlinToLondonAt5": London from block 5). Throws InvalidInputError for an unknown network.
 */
export function networkChain(
  network: string,
  chainId = 1n,
  blobSchedule: readonly BlobScheduleEntry[] = [],
): ChainConfig {
  const transition = TRANSITION.exec(network);
  if (transition === null)
    return { ...singleForkChain(parseFork(network), chainId, blobSchedule), name: network };
  const [, fromName, toName, isTime, amount, thousands] = transition;
  const from = parseFork(fromName);
  const to = parseFork(toName);
  if (to <= from) throw new InvalidInputError(`Network ${network} does not move forward`);
  const at = BigInt(amount) * (thousands ? 1000n : 1n);
  const base = singleForkChain(from, chainId, blobSchedule);
  const forks: ForkActivation[] = [...base.forks];
  for (let fork = from + 1; fork <= to; fork++) {
    // Forks between the two named ones (Paris inside "LondonToShanghai...") come with the later one.
    forks.push(isTime && fork >= Fork.Shanghai ? { fork, timestamp: at } : { fork, block: isTime ? 0n : at });
  }
  return { ...base, name: network, forks };
}
