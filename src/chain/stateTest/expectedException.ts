/**
 * Fixture exception names that our rejection reasons spell differently. Keys are fixture names
 * (without the `TransactionException.` prefix), values the reason we report.
 *
 * - `TYPE_n_TX_PRE_FORK`: a typed transaction before the fork that introduced its type. The executor
 *   has one code for every unknown type, `TYPE_NOT_SUPPORTED`.
 */
export const EXCEPTION_ALIASES: Readonly<Record<string, string>> = {
  TYPE_1_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_2_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_3_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_4_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
};

const PREFIX = "TransactionException.";

/**
 * Splits a fixture's `expectException` (`"TransactionException.A|TransactionException.B"`) into the
 * reason names it accepts, prefix stripped and aliases resolved.
 */
export function expectedReasons(expectException: string): string[] {
  return expectException
    .split("|")
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
    .map((name) => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name))
    .map((name) => EXCEPTION_ALIASES[name] ?? name);
}

/** True when `reason` (an InvalidTransactionError reason) is one of the names `expectException` allows. */
export function matchesExpectedException(expectException: string, reason: string): boolean {
  return expectedReasons(expectException).includes(reason);
}
