import { MemoryState } from "../state/memoryState.js";
import { jsonObject, parseAccountAlloc, setAllocAccount } from "./parseAccountAlloc.js";

/**
 * A MemoryState holding a geth-style genesis allocation: a whole `genesis.json` (its `alloc` is read,
 * the rest ignored) or the `alloc` object alone, `{ "<address>": { balance, nonce?, code?, storage? } }`.
 * As in geth, addresses may omit `0x`, balance and nonce are hex (`0x…`) or decimal, storage slots and
 * values are hex words; extra fields such as `secretKey` are ignored. Ethereum tests' `pre` objects have
 * the same shape. Throws InvalidInputError naming the account and field.
 *
 * @example
 * const state = memoryStateFromGenesis(JSON.parse(readFileSync("genesis.json", "utf8")));
 */
export function memoryStateFromGenesis(json: unknown): MemoryState {
  const top = jsonObject(json, "genesis");
  const alloc = "alloc" in top ? top.alloc : top;
  const state = new MemoryState();
  for (const account of parseAccountAlloc(alloc, "genesis alloc")) setAllocAccount(state, account);
  return state;
}
