import { InvalidInputError, PevmError } from "../primitives/errors.js";

/**
 * Why a block is invalid. Block-level codes follow execution-spec-tests' `BlockException` names and
 * transaction-level ones its `TransactionException` names (see InvalidTransactionCode), so blockchain
 * test fixtures' `expectException` compares directly.
 */
export type InvalidBlockCode =
  | "INCORRECT_BLOCK_FORMAT"
  | "INCORRECT_EXCESS_BLOB_GAS"
  | "INCORRECT_BLOB_GAS_USED"
  | "BLOB_GAS_USED_ABOVE_LIMIT"
  | "INVALID_REQUESTS"
  | "INVALID_DEPOSIT_EVENT_LAYOUT"
  | "SYSTEM_CONTRACT_EMPTY"
  | "SYSTEM_CONTRACT_CALL_FAILED"
  | "INVALID_GASLIMIT"
  | "GASLIMIT_TOO_BIG"
  | "INVALID_GAS_USED"
  | "GAS_USED_OVERFLOW"
  | "INVALID_BASEFEE_PER_GAS"
  | "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT"
  | "INVALID_BLOCK_NUMBER"
  | "INVALID_STATE_ROOT"
  | "INVALID_RECEIPTS_ROOT"
  | "INVALID_TRANSACTIONS_ROOT"
  | "INVALID_WITHDRAWALS_ROOT"
  | "INVALID_LOG_BLOOM"
  | "INVALID_UNCLES_HASH"
  | "EXTRA_DATA_TOO_BIG"
  | "INVALID_DAO_EXTRA_DATA"
  | "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS"
  | "IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS"
  | "INVALID_DIFFICULTY"
  | "INVALID_NONCE"
  | "UNKNOWN_PARENT"
  | "UNKNOWN_PARENT_ZERO"
  | "RLP_STRUCTURES_ENCODING"
  | "RLP_WITHDRAWALS_NOT_READ";

/** Where in a block something went wrong: the block number, and the transaction index when one is at fault. */
export interface BlockLocation {
  blockNumber: bigint | undefined;
  txIndex?: number;
  /** The field at fault (`header.gasLimit`, `transactions[3].nonce`...). */
  field?: string;
}

function where(location: BlockLocation): string {
  const block = location.blockNumber === undefined ? "block" : `block ${location.blockNumber}`;
  const tx = location.txIndex === undefined ? "" : ` tx ${location.txIndex}`;
  const field = location.field === undefined ? "" : ` (${location.field})`;
  return `${block}${tx}${field}`;
}

/**
 * A well-formed block that breaks a consensus rule: a header check, a post-execution root, or one of
 * its transactions (then `txIndex` is set, `reason` is the transaction's code and `cause` the
 * InvalidTransactionError). Nothing of the block may be applied.
 */
export class InvalidBlockError extends PevmError {
  override name = "InvalidBlockError";
  /** An InvalidBlockCode, or an InvalidTransactionCode when a transaction is at fault. */
  readonly reason: string;
  readonly blockNumber: bigint | undefined;
  readonly txIndex: number | undefined;
  readonly field: string | undefined;

  constructor(
    reason: string,
    location: BlockLocation,
    message: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`INVALID_BLOCK_${reason}`, `Invalid ${where(location)}: ${message}`, options);
    this.reason = reason;
    this.blockNumber = location.blockNumber;
    this.txIndex = location.txIndex;
    this.field = location.field;
  }
}

/**
 * A block that cannot even be read: bad JSON, bad RLP, a field of the wrong shape or width. Names the
 * block number (when known), the transaction index and the field.
 */
export class BlockInputError extends InvalidInputError {
  override name = "BlockInputError";
  readonly blockNumber: bigint | undefined;
  readonly txIndex: number | undefined;
  readonly field: string | undefined;
  /** The closest BlockException name, for blockchain-test `expectException` matching. */
  readonly reason: string;

  constructor(
    location: BlockLocation,
    message: string,
    options: { details?: string; cause?: unknown; reason?: string } = {},
  ) {
    super(`Malformed ${where(location)}: ${message}`, options);
    this.blockNumber = location.blockNumber;
    this.txIndex = location.txIndex;
    this.field = location.field;
    this.reason = options.reason ?? "RLP_STRUCTURES_ENCODING";
  }
}
