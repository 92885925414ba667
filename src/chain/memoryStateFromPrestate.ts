import { InvalidInputError } from "../primitives/errors.js";
import { bytesToHex } from "../primitives/hex.js";
import { MemoryState } from "../state/memoryState.js";
import { type AllocAccount, jsonObject, parseAccountAlloc, setAllocAccount } from "./parseAccountAlloc.js";

/** The per-transaction prestate of `debug_traceBlock*`: `{ txHash, result }` items (or bare results). */
function traceResults(items: readonly unknown[]): unknown[] {
  return items.map((item, i) => {
    const entry = jsonObject(item, `prestate trace[${i}]`);
    if (entry.error !== undefined)
      throw new InvalidInputError(`prestate trace[${i}] failed: ${String(entry.error)}`);
    return "result" in entry ? entry.result : entry;
  });
}

function rejectDiffMode(json: Record<string, unknown>, what: string): void {
  if ("pre" in json && "post" in json) {
    throw new InvalidInputError(
      `${what} is prestateTracer diffMode output, which lists only the accounts a transaction changed; ` +
        "trace with diffMode false to get everything it reads",
    );
  }
}

/**
 * A MemoryState holding the state read by a transaction or a block, from geth's `prestateTracer`
 * (`debug_traceTransaction`, `debug_traceCall` or `debug_traceBlockByNumber` with
 * `{ tracer: "prestateTracer" }`): `{ "<address>": { balance, nonce?, code?, codeHash?, storage? } }`
 * for one transaction, or the block tracer's array of `{ txHash, result }` for a whole block. A block's
 * per-transaction prestates are merged keeping each account's and each slot's first appearance: the first
 * transaction that touches an account or slot records it before anything in the block changed it (the
 * tracer records every account and slot a transaction reads or writes, and the coinbase), so the merge
 * is the block's pre-state for everything its transactions touch. System contracts that no transaction
 * touches (EIP-4788, EIP-2935, Prague's request contracts) are not in a trace: add them when the block
 * needs them. Our mainnet fixtures' `preState` has this shape too. Block hashes for BLOCKHASH go in with
 * `state.setBlockHash`. Throws InvalidInputError for malformed input, a trace taken with `disableCode`
 * (a codeHash without code) or `diffMode` (which omits what was only read).
 */
export function memoryStateFromPrestate(json: unknown): MemoryState {
  const traces = Array.isArray(json) ? traceResults(json) : [json];
  const merged = new Map<string, AllocAccount>();
  traces.forEach((trace, i) => {
    const what = Array.isArray(json) ? `prestate trace[${i}]` : "prestate";
    rejectDiffMode(jsonObject(trace, what), what);
    for (const account of parseAccountAlloc(trace, what)) {
      const key = bytesToHex(account.address);
      const first = merged.get(key);
      if (first === undefined) merged.set(key, account);
      else
        for (const [slot, value] of account.storage)
          if (!first.storage.has(slot)) first.storage.set(slot, value);
    }
  });
  const state = new MemoryState();
  for (const account of merged.values()) setAllocAccount(state, account);
  return state;
}
