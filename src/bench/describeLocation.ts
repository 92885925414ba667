import type { StateLocation } from "../chain/analysis/dependencyDag.js";
import { bytesToHex, equalBytes } from "../primitives/hex.js";
import type { LocationNames } from "./workload.js";

/**
 * A human name for a state location: the workload's names where it has them ("amm pool 0
 * reserves", "erc20 token 1 balanceOf[hot holder 2]"), "coinbase balance", else
 * "0xabcd…1234 balance/nonce" or "0xabcd…1234 storage slot 0x…".
 */
export function describeLocation(
  location: StateLocation,
  coinbase: Uint8Array,
  names?: LocationNames,
): string {
  const hex = bytesToHex(location.address);
  const who =
    names?.addresses.get(hex) ?? (equalBytes(location.address, coinbase) ? "coinbase" : shortHex(hex));
  if (location.kind === "account") return `${who} balance/nonce`;
  const slotName = names?.slots.get(hex)?.get(location.slot);
  if (slotName !== undefined) return `${who} ${slotName}`;
  const slotHex = location.slot.toString(16);
  return `${who} storage slot 0x${slotHex.length > 12 ? `${slotHex.slice(0, 6)}…${slotHex.slice(-4)}` : slotHex}`;
}

function shortHex(hex: string): string {
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
