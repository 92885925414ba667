import { readFileSync } from "node:fs";
import { PevmError } from "../../primitives/errors.js";
import type { MemoryState } from "../../state/memoryState.js";
import { parseBlockJson, parsePreState } from "../blockFixture.js";
import { ImportError } from "./importErrors.js";

/**
 * The genesis state in a `--genesis` file: a geth-style genesis (`{config, alloc, ...}`; only `alloc` is
 * read) or a bare allocation `{address: {balance, nonce, code, storage}}`, addresses with or without 0x,
 * numbers hex or decimal, JSON or gzip-compressed JSON. Throws ImportError(GENESIS_UNREADABLE) naming the
 * file and the problem.
 */
export function readGenesisFile(path: string): MemoryState {
  let json: unknown;
  try {
    json = parseBlockJson(readFileSync(path), path);
  } catch (error) {
    const reason = error instanceof PevmError ? error.shortMessage : (error as Error).message;
    throw new ImportError("GENESIS_UNREADABLE", `cannot read the genesis ${path}: ${reason}`, {
      cause: error,
    });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ImportError("GENESIS_UNREADABLE", `${path} is not a genesis: expected a JSON object`);
  }
  const top = json as Record<string, unknown>;
  const alloc = "alloc" in top ? top.alloc : top;
  if (typeof alloc !== "object" || alloc === null || Array.isArray(alloc)) {
    throw new ImportError("GENESIS_UNREADABLE", `${path}: alloc is not an object`);
  }
  const normalized = Object.fromEntries(
    Object.entries(alloc).map(([address, account]) => [
      address.startsWith("0x") ? address : `0x${address}`,
      account,
    ]),
  );
  try {
    return parsePreState(normalized, {});
  } catch (error) {
    const reason = error instanceof PevmError ? error.shortMessage : (error as Error).message;
    throw new ImportError("GENESIS_UNREADABLE", `${path} is not a genesis allocation: ${reason}`, {
      cause: error,
    });
  }
}
