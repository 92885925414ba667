import { GAS_PER_BLOB } from "../evm/blobGas.js";
import { Fork } from "../evm/fork.js";
import { equalBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { ELASTICITY_MULTIPLIER, expectedBaseFee, INITIAL_BASE_FEE } from "./baseFee.js";
import { blockContext } from "./blockContext.js";
import { type InvalidBlockCode, InvalidBlockError } from "./blockErrors.js";
import type { BlockHeader } from "./blockHeader.js";
import { type ChainConfig, forkAt } from "./chainConfig.js";
import { DAO_FORK_EXTRA_DATA } from "./daoFork.js";
import { expectedExcessBlobGas } from "./excessBlobGas.js";

const GAS_LIMIT_BOUND_DIVISOR = 1024n;
const MIN_GAS_LIMIT = 5000n;
const MAX_GAS_LIMIT = 2n ** 63n - 1n;
const MAX_EXTRA_DATA = 32;
/** keccak256(rlp([])): the ommers hash of a block without uncles. */
export const EMPTY_OMMERS_HASH: Uint8Array = keccak256(Uint8Array.of(0xc0));
const ZERO_NONCE = new Uint8Array(8);
const DAO_EXTRA_DATA_BLOCKS = 10n;

/** Which optional header fields a fork requires (and forbids beyond). */
function requiredFields(fork: Fork): (keyof BlockHeader)[] {
  const fields: (keyof BlockHeader)[] = [];
  if (fork >= Fork.London) fields.push("baseFeePerGas");
  if (fork >= Fork.Shanghai) fields.push("withdrawalsRoot");
  if (fork >= Fork.Cancun) fields.push("blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot");
  if (fork >= Fork.Prague) fields.push("requestsHash");
  return fields;
}

const OPTIONAL_FIELDS: (keyof BlockHeader)[] = [
  "baseFeePerGas",
  "withdrawalsRoot",
  "blobGasUsed",
  "excessBlobGas",
  "parentBeaconBlockRoot",
  "requestsHash",
];

/**
 * Consensus checks of a header against its parent that need no execution: the fork's field set,
 * number and timestamp order, gas limit bounds, gas used within the limit, extra data size, EIP-1559
 * base fee, EIP-4844 excess blob gas, the DAO fork's extra data, and from Paris zero difficulty and
 * nonce and no uncles. Proof-of-work difficulty and seal are not checked. Throws InvalidBlockError.
 */
export function validateHeader(chain: ChainConfig, header: BlockHeader, parent: BlockHeader): void {
  const fork = forkAt(chain, header.number, header.timestamp);
  const fail = (reason: InvalidBlockCode, field: string, message: string): never => {
    throw new InvalidBlockError(reason, { blockNumber: header.number, field }, message);
  };
  const required = new Set(requiredFields(fork));
  for (const field of OPTIONAL_FIELDS) {
    const present = header[field] !== undefined;
    if (present !== required.has(field)) {
      fail(
        "INCORRECT_BLOCK_FORMAT",
        field,
        `${present ? "present in" : "missing from"} a ${Fork[fork]} header`,
      );
    }
  }
  if (header.number !== parent.number + 1n) {
    fail("INVALID_BLOCK_NUMBER", "number", `${header.number} does not follow the parent's ${parent.number}`);
  }
  if (header.timestamp <= parent.timestamp) {
    fail(
      "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT",
      "timestamp",
      `${header.timestamp} is not after the parent's ${parent.timestamp}`,
    );
  }
  if (header.gasLimit > MAX_GAS_LIMIT)
    fail("GASLIMIT_TOO_BIG", "gasLimit", `${header.gasLimit} exceeds 2^63 - 1`);
  const parentFork = forkAt(chain, parent.number, parent.timestamp);
  // EIP-1559: the first London block doubles the limit the bound is measured from.
  const parentGasLimit =
    fork >= Fork.London && parentFork < Fork.London
      ? parent.gasLimit * ELASTICITY_MULTIPLIER
      : parent.gasLimit;
  const bound = parentGasLimit / GAS_LIMIT_BOUND_DIVISOR;
  if (
    header.gasLimit >= parentGasLimit + bound ||
    header.gasLimit <= parentGasLimit - bound ||
    header.gasLimit < MIN_GAS_LIMIT
  ) {
    fail(
      "INVALID_GASLIMIT",
      "gasLimit",
      `${header.gasLimit} is outside the bounds set by the parent's ${parentGasLimit}`,
    );
  }
  if (header.gasUsed > header.gasLimit) {
    fail("GAS_USED_OVERFLOW", "gasUsed", `${header.gasUsed} exceeds the gas limit ${header.gasLimit}`);
  }
  if (header.extraData.length > MAX_EXTRA_DATA) {
    fail(
      "EXTRA_DATA_TOO_BIG",
      "extraData",
      `${header.extraData.length} bytes, the limit is ${MAX_EXTRA_DATA}`,
    );
  }
  if (
    chain.daoForkBlock !== undefined &&
    header.number >= chain.daoForkBlock &&
    header.number < chain.daoForkBlock + DAO_EXTRA_DATA_BLOCKS &&
    !equalBytes(header.extraData, DAO_FORK_EXTRA_DATA)
  ) {
    fail(
      "INVALID_DAO_EXTRA_DATA",
      "extraData",
      `blocks ${chain.daoForkBlock} to ${chain.daoForkBlock + 9n} must say "dao-hard-fork"`,
    );
  }
  if (fork >= Fork.London) {
    const expected =
      parentFork < Fork.London
        ? INITIAL_BASE_FEE
        : expectedBaseFee(parent.gasLimit, parent.gasUsed, parent.baseFeePerGas ?? 0n);
    if (header.baseFeePerGas !== expected) {
      fail("INVALID_BASEFEE_PER_GAS", "baseFeePerGas", `${header.baseFeePerGas}, expected ${expected}`);
    }
  }
  if (fork >= Fork.Paris) {
    if (header.difficulty !== 0n)
      fail("IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS", "difficulty", `${header.difficulty}, must be 0`);
    if (!equalBytes(header.nonce, ZERO_NONCE)) fail("INVALID_NONCE", "nonce", "must be zero after the Merge");
    if (!equalBytes(header.ommersHash, EMPTY_OMMERS_HASH)) {
      fail("IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS", "ommersHash", "uncles are not allowed after the Merge");
    }
  }
  if (fork >= Fork.Cancun) {
    const { blobParams } = blockContext(chain, header);
    const expected = expectedExcessBlobGas(
      parentFork >= Fork.Cancun ? parent : { ...parent, excessBlobGas: 0n, blobGasUsed: 0n },
      fork,
      blobParams,
    );
    if (header.excessBlobGas !== expected) {
      fail("INCORRECT_EXCESS_BLOB_GAS", "excessBlobGas", `${header.excessBlobGas}, expected ${expected}`);
    }
    const maxBlobGas = BigInt(blobParams.max) * GAS_PER_BLOB;
    if (header.blobGasUsed! > maxBlobGas) {
      fail(
        "BLOB_GAS_USED_ABOVE_LIMIT",
        "blobGasUsed",
        `${header.blobGasUsed} exceeds the limit ${maxBlobGas}`,
      );
    }
    if (header.blobGasUsed! % GAS_PER_BLOB !== 0n) {
      fail(
        "INCORRECT_BLOB_GAS_USED",
        "blobGasUsed",
        `${header.blobGasUsed} is not a multiple of ${GAS_PER_BLOB}`,
      );
    }
  }
}
