import { PevmError } from "../primitives/errors.js";

/**
 * Why a transaction cannot be included. Codes follow execution-spec-tests' `TransactionException`
 * names so fixtures' `expectException` compares directly.
 */
export type InvalidTransactionCode =
  | "INTRINSIC_GAS_TOO_LOW"
  | "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST"
  | "INSUFFICIENT_ACCOUNT_FUNDS"
  | "INSUFFICIENT_MAX_FEE_PER_GAS"
  | "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"
  | "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"
  | "NONCE_MISMATCH_TOO_LOW"
  | "NONCE_MISMATCH_TOO_HIGH"
  | "NONCE_IS_MAX"
  | "GASLIMIT_PRICE_PRODUCT_OVERFLOW"
  | "GAS_ALLOWANCE_EXCEEDED"
  | "GAS_LIMIT_EXCEEDS_MAXIMUM"
  | "SENDER_NOT_EOA"
  | "INITCODE_SIZE_EXCEEDED"
  | "TYPE_NOT_SUPPORTED"
  | "TYPE_3_TX_CONTRACT_CREATION"
  | "TYPE_3_TX_ZERO_BLOBS"
  | "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"
  | "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
  | "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"
  | "TYPE_4_TX_CONTRACT_CREATION"
  | "TYPE_4_EMPTY_AUTHORIZATION_LIST"
  | "INVALID_CHAINID"
  | "INVALID_SIGNATURE";

/** A transaction that fails validity checks: nothing is executed and state is unchanged. */
export class InvalidTransactionError extends PevmError {
  override name = "InvalidTransactionError";
  readonly reason: InvalidTransactionCode;
  constructor(
    reason: InvalidTransactionCode,
    shortMessage: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`INVALID_TX_${reason}`, shortMessage, options);
    this.reason = reason;
  }
}
