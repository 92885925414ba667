import { addressKey } from "../../primitives/address.js";
import { Fork } from "../fork.js";
import { blake2f } from "./blake2f.js";
import { bls12G1Add } from "./bls12G1Add.js";
import { bls12G1Msm } from "./bls12G1Msm.js";
import { bls12G2Add } from "./bls12G2Add.js";
import { bls12G2Msm } from "./bls12G2Msm.js";
import { bls12MapFp2ToG2 } from "./bls12MapFp2ToG2.js";
import { bls12MapFpToG1 } from "./bls12MapFpToG1.js";
import { bls12Pairing } from "./bls12Pairing.js";
import { bn254Add } from "./bn254Add.js";
import { bn254Mul } from "./bn254Mul.js";
import { bn254Pairing } from "./bn254Pairing.js";
import { ecrecover } from "./ecrecover.js";
import { identity } from "./identity.js";
import { modexp } from "./modexp.js";
import { p256Verify } from "./p256Verify.js";
import { pointEvaluation } from "./pointEvaluation.js";
import type { Precompile } from "./precompile.js";
import { ripemd160 } from "./ripemd160.js";
import { sha256 } from "./sha256.js";

/** Every precompile: its address as a number (the last two address bytes) and the fork that activates it. */
const PRECOMPILES: readonly { id: number; since: Fork; run: Precompile }[] = [
  { id: 0x01, since: Fork.Frontier, run: ecrecover },
  { id: 0x02, since: Fork.Frontier, run: sha256 },
  { id: 0x03, since: Fork.Frontier, run: ripemd160 },
  { id: 0x04, since: Fork.Frontier, run: identity },
  { id: 0x05, since: Fork.Byzantium, run: modexp },
  { id: 0x06, since: Fork.Byzantium, run: bn254Add },
  { id: 0x07, since: Fork.Byzantium, run: bn254Mul },
  { id: 0x08, since: Fork.Byzantium, run: bn254Pairing },
  { id: 0x09, since: Fork.Istanbul, run: blake2f },
  { id: 0x0a, since: Fork.Cancun, run: pointEvaluation },
  { id: 0x0b, since: Fork.Prague, run: bls12G1Add },
  { id: 0x0c, since: Fork.Prague, run: bls12G1Msm },
  { id: 0x0d, since: Fork.Prague, run: bls12G2Add },
  { id: 0x0e, since: Fork.Prague, run: bls12G2Msm },
  { id: 0x0f, since: Fork.Prague, run: bls12Pairing },
  { id: 0x10, since: Fork.Prague, run: bls12MapFpToG1 },
  { id: 0x11, since: Fork.Prague, run: bls12MapFp2ToG2 },
  { id: 0x100, since: Fork.Osaka, run: p256Verify },
];

// Dense lookup by the last two address bytes; ids run to 0x100, so a 257-slot table.
const BY_ID: ({ since: Fork; run: Precompile } | undefined)[] = new Array(0x101).fill(undefined);
for (const entry of PRECOMPILES) BY_ID[entry.id] = entry;

/**
 * The precompile at `address` active in `fork`, or undefined. Cheap enough for every CALL: rejects any
 * address with a non-zero byte among the first 18, then indexes by the last two.
 */
export function getPrecompile(address: Uint8Array, fork: Fork): Precompile | undefined {
  if (address.length !== 20) return undefined;
  for (let i = 0; i < 18; i++) if (address[i] !== 0) return undefined;
  const id = (address[18] << 8) | address[19];
  if (id > 0x100) return undefined;
  const entry = BY_ID[id];
  return entry !== undefined && fork >= entry.since ? entry.run : undefined;
}

/**
 * Addresses of the precompiles active in `fork`, in address order: the set that EIP-2929 makes warm at the
 * start of every transaction. Returns fresh arrays, so callers may keep or modify them.
 */
export function precompileAddresses(fork: Fork): Uint8Array[] {
  const addresses: Uint8Array[] = [];
  for (const entry of PRECOMPILES) {
    if (fork < entry.since) continue;
    const address = new Uint8Array(20);
    address[18] = entry.id >> 8;
    address[19] = entry.id & 0xff;
    addresses.push(address);
  }
  return addresses;
}

const precompileKeysByFork = new Map<Fork, ReadonlySet<string>>();

/** The active precompiles as address keys (see addressKey), built once per fork for EIP-2929 pre-warming. */
export function precompileKeys(fork: Fork): ReadonlySet<string> {
  let keys = precompileKeysByFork.get(fork);
  if (keys === undefined) {
    keys = new Set(precompileAddresses(fork).map(addressKey));
    precompileKeysByFork.set(fork, keys);
  }
  return keys;
}
