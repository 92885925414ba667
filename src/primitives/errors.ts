/** Base error for everything parallel-evm throws on purpose: a stable code, a short message, details and cause. */
export class PevmError extends Error {
  override name = "PevmError";
  readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(code: string, shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** Malformed input at the edge: hex, JSON, RLP, fixture fields. */
export class InvalidInputError extends PevmError {
  override name = "InvalidInputError";
  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super("INVALID_INPUT", shortMessage, options);
  }
}
