/**
 * Fixture exception names our rejection reasons spell differently (fixture name → our reason).
 * - `INVALID_BLOCK_HASH`-style header mismatches are covered by the dedicated root checks.
 * - `TYPE_n_TX_PRE_FORK`: the executor has one code for a type the fork does not know.
 */
const ALIASES: Readonly<Record<string, string>> = {
  TYPE_1_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_2_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_3_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
  TYPE_4_TX_PRE_FORK: "TYPE_NOT_SUPPORTED",
};

/**
 * True when `reason` (an InvalidBlockError or BlockInputError reason) is one of the names in a
 * fixture's `expectException` ("BlockException.A|TransactionException.B"), prefixes stripped.
 */
export function matchesBlockException(expectException: string, reason: string): boolean {
  return expectException
    .split("|")
    .map((name) => name.trim().replace(/^(Block|Transaction)Exception\./, ""))
    .some((name) => name === reason || ALIASES[name] === reason);
}
