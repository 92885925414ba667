import { PevmError } from "../../primitives/errors.js";

/** Why an import cannot start or go on, before any block of it executes. */
export type ImportProblem =
  /** A new data dir and no genesis: neither `--genesis` nor a blockchain test's `pre`. */
  | "GENESIS_REQUIRED"
  /** The `--genesis` file cannot be read or is not a genesis or allocation. */
  | "GENESIS_UNREADABLE"
  /** A blockchain test's genesis state does not hash to its genesis header's state root. */
  | "GENESIS_MISMATCH"
  /** The data dir holds another chain than the input's (chain name, or genesis hash). */
  | "CHAIN_MISMATCH"
  /** The input files cannot be imported as one chain (unreadable, mixed kinds, an ambiguous test). */
  | "IMPORT_INPUT";

/** An import that cannot start or go on; nothing was committed for the block at hand. */
export class ImportError extends PevmError {
  override name = "ImportError";
  constructor(
    code: ImportProblem,
    shortMessage: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(code, shortMessage, options);
  }
}

/** A block that does not extend the data dir's head: a gap, or a parent hash other than the head's hash. */
export class NonConsecutiveBlockError extends PevmError {
  override name = "NonConsecutiveBlockError";
  readonly blockNumber: bigint;
  constructor(blockNumber: bigint, problem: string) {
    super("NON_CONSECUTIVE_BLOCK", `block ${blockNumber}: ${problem}`);
    this.blockNumber = blockNumber;
  }
}

/** An executed block whose result disagrees with its header; the block was not committed. */
export class HeaderMismatchError extends PevmError {
  override name = "HeaderMismatchError";
  readonly blockNumber: bigint;
  /** The header field: gasUsed, receiptsRoot, logsBloom or stateRoot. */
  readonly field: string;
  /** The header's value (0x-hex). */
  readonly expected: string;
  /** Our execution's value (0x-hex). */
  readonly got: string;
  constructor(blockNumber: bigint, field: string, expected: string, got: string) {
    super(
      "HEADER_MISMATCH",
      `block ${blockNumber}: ${field} mismatch: header has ${expected}, execution got ${got}`,
      {
        details: "Nothing of this block was committed; the data dir stays at the block before it.",
      },
    );
    this.blockNumber = blockNumber;
    this.field = field;
    this.expected = expected;
    this.got = got;
  }
}
