import { InvalidInputError } from "../primitives/errors.js";

/** Ethereum hardforks in activation order; rules read as `fork >= Fork.Berlin`. */
export enum Fork {
  Frontier = 0,
  Homestead = 1,
  TangerineWhistle = 2,
  SpuriousDragon = 3,
  Byzantium = 4,
  Constantinople = 5,
  Petersburg = 6,
  Istanbul = 7,
  MuirGlacier = 8,
  Berlin = 9,
  London = 10,
  ArrowGlacier = 11,
  GrayGlacier = 12,
  Paris = 13,
  Shanghai = 14,
  Cancun = 15,
  Prague = 16,
  Osaka = 17,
}

const FORK_NAMES: Record<string, Fork> = {
  frontier: Fork.Frontier,
  homestead: Fork.Homestead,
  eip150: Fork.TangerineWhistle,
  tangerinewhistle: Fork.TangerineWhistle,
  eip158: Fork.SpuriousDragon,
  spuriousdragon: Fork.SpuriousDragon,
  byzantium: Fork.Byzantium,
  constantinople: Fork.Constantinople,
  constantinoplefix: Fork.Petersburg,
  petersburg: Fork.Petersburg,
  istanbul: Fork.Istanbul,
  muirglacier: Fork.MuirGlacier,
  berlin: Fork.Berlin,
  london: Fork.London,
  arrowglacier: Fork.ArrowGlacier,
  grayglacier: Fork.GrayGlacier,
  paris: Fork.Paris,
  merge: Fork.Paris,
  shanghai: Fork.Shanghai,
  cancun: Fork.Cancun,
  prague: Fork.Prague,
  osaka: Fork.Osaka,
};

/** Resolves a fork name as written in ethereum/tests and execution-spec-tests ("EIP150", "Merge", "Cancun"). */
export function parseFork(name: string): Fork {
  const fork = FORK_NAMES[name.toLowerCase()];
  if (fork === undefined) {
    throw new InvalidInputError(`Unknown fork ${JSON.stringify(name)}`, {
      details: `Known forks: ${Object.keys(Fork)
        .filter((k) => Number.isNaN(Number(k)))
        .join(", ")}`,
    });
  }
  return fork;
}

/** Canonical name of a fork. */
export function forkName(fork: Fork): string {
  return Fork[fork];
}
