import { createRequire } from "node:module";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { bytesToBigInt, hexToBytes } from "../../primitives/hex.js";
import type { Bls12G2 } from "./bls12381Points.js";

/** Order of the BLS12-381 scalar field; z and y must be below it. */
export const BLS_MODULUS = bls12_381.fields.Fr.ORDER;

/** The slice of c-kzg's API used here (declared locally: c-kzg is an optional dependency). */
interface CKzg {
  loadTrustedSetup(precompute: number, filePath?: string): void;
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean;
}

// c-kzg (C + blst, the reference implementation) verifies in ~1 ms versus ~35 ms for the pure-JS pairing
// below, but loading its mainnet trusted setup takes ~3 s per thread (every Block-STM worker pays it).
// So a thread verifies its first NOBLE_FIRST proofs in JS (~2.2 s at most) and loads c-kzg only when it
// keeps needing more: a replayed block with a few blob proofs no longer costs seconds, and a long run
// pays at most about twice the load. (kzg-wasm was measured too: 15 s to load, 7 ms/verify.)
const NOBLE_FIRST = 64;
let nobleVerifications = 0;
let nativeKzg: CKzg | null | undefined;

function loadNativeKzg(): CKzg | null {
  try {
    const ckzg = createRequire(import.meta.url)("c-kzg") as CKzg;
    ckzg.loadTrustedSetup(0); // the mainnet ceremony output bundled with the package
    return ckzg;
  } catch {
    return null; // not installed (optional dependency whose native build failed): use the JS path
  }
}

/**
 * Loads c-kzg in this thread now (benchmarks call it before timing) and names the verifier
 * {@link verifyKzgProof} uses from then on.
 */
export function kzgBackend(): "c-kzg" | "noble" {
  if (nativeKzg === undefined) nativeKzg = loadNativeKzg();
  return nativeKzg === null ? "noble" : "c-kzg";
}

/**
 * EIP-4844 `verify_kzg_proof`: does the polynomial committed to by `commitment` (48-byte compressed G1)
 * evaluate to `y` at `z` (32-byte big-endian scalars), as attested by `proof` (48-byte compressed G1)?
 * False for malformed input too: a point that is not a canonical subgroup encoding, or z, y ≥ BLS_MODULUS.
 */
export function verifyKzgProof(
  commitment: Uint8Array,
  z: Uint8Array,
  y: Uint8Array,
  proof: Uint8Array,
): boolean {
  if (nativeKzg === undefined && nobleVerifications < NOBLE_FIRST) {
    nobleVerifications++;
    return verifyKzgProofNoble(commitment, z, y, proof);
  }
  if (kzgBackend() === "noble") return verifyKzgProofNoble(commitment, z, y, proof);
  try {
    return nativeKzg!.verifyKzgProof(commitment, z, y, proof);
  } catch {
    return false; // C_KZG_BADARGS: malformed point or scalar
  }
}

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const { Fp12 } = bls12_381.fields;
/** [τ]G2 = g2_monomial[1] of the mainnet KZG ceremony: the only setup point that proof checking needs. */
const TAU_G2_HEX =
  "0xb5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72" +
  "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2";
// Decoded on first use: decompressing and subgroup-checking it costs ~25 ms, which every worker thread
// would otherwise pay at import even though c-kzg normally does the verifying.
let setupPoints: { tauG2: Bls12G2; negG2: Bls12G2 } | undefined;

/**
 * Pure-JS `verify_kzg_proof` on @noble/curves (fallback when c-kzg is unavailable, and the tests' oracle):
 * checks e(C − [y]G1, −G2) · e(π, [τ]G2 − [z]G2) = 1.
 */
export function verifyKzgProofNoble(
  commitment: Uint8Array,
  z: Uint8Array,
  y: Uint8Array,
  proof: Uint8Array,
): boolean {
  if (commitment.length !== 48 || proof.length !== 48 || z.length !== 32 || y.length !== 32) return false;
  const zValue = bytesToBigInt(z);
  const yValue = bytesToBigInt(y);
  if (zValue >= BLS_MODULUS || yValue >= BLS_MODULUS) return false;
  let C: ReturnType<typeof G1.fromBytes>;
  let pi: ReturnType<typeof G1.fromBytes>;
  try {
    // fromBytes enforces the ZCash compressed encoding (canonical infinity), x < p, and subgroup membership.
    C = G1.fromBytes(commitment);
    pi = G1.fromBytes(proof);
  } catch {
    return false;
  }
  const commitmentMinusY = C.subtract(G1.BASE.multiplyUnsafe(yValue));
  setupPoints ??= { tauG2: G2.fromBytes(hexToBytes(TAU_G2_HEX)), negG2: G2.BASE.negate() };
  const tauMinusZ = setupPoints.tauG2.subtract(G2.BASE.multiplyUnsafe(zValue));
  // noble's pairing refuses infinity; a term with an infinite side is the identity, so drop it.
  const terms = [];
  if (!commitmentMinusY.is0()) terms.push({ g1: commitmentMinusY, g2: setupPoints.negG2 });
  if (!pi.is0() && !tauMinusZ.is0()) terms.push({ g1: pi, g2: tauMinusZ });
  return terms.length === 0 || Fp12.eql(bls12_381.pairingBatch(terms), Fp12.ONE);
}
