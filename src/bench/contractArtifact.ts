import ammPairJson from "./contracts/AmmPair.json" with { type: "json" };
import erc20Json from "./contracts/ERC20.json" with { type: "json" };
import hashStoreJson from "./contracts/HashStore.json" with { type: "json" };

/** One state variable's place in storage, as solc's `storageLayout` output reports it. */
export interface StorageVariable {
  label: string;
  /** Decimal slot number. */
  slot: string;
  /** Byte offset inside the slot, from the low-order end. */
  offset: number;
  type: string;
}

/**
 * A compiled contract from contracts/*.sol, written by scripts/compile-contracts.mjs
 * (`npm run compile:contracts`). Bytecode is 0x-prefixed hex.
 */
export interface ContractArtifact {
  contractName: string;
  source: string;
  compiler: string;
  evmVersion: string;
  abi: unknown[];
  /** Creation code (constructor + runtime). */
  bytecode: string;
  /** Runtime code as it sits in the account after deployment. */
  deployedBytecode: string;
  storageLayout: StorageVariable[];
}

/** contracts/ERC20.sol: balanceOf at slot 0, allowance at slot 1, totalSupply at slot 2. */
export const ERC20_ARTIFACT: ContractArtifact = erc20Json;
/** contracts/AmmPair.sol: token0 slot 0, token1 slot 1, packed reserves slot 2, lock slot 3. */
export const AMM_PAIR_ARTIFACT: ContractArtifact = ammPairJson;
/** contracts/HashStore.sol: links mapping at slot 0. */
export const HASH_STORE_ARTIFACT: ContractArtifact = hashStoreJson;

/** The slot of a state variable by its Solidity name; throws when the layout has no such variable. */
export function storageSlotOf(artifact: ContractArtifact, label: string): bigint {
  const variable = artifact.storageLayout.find((v) => v.label === label);
  if (variable === undefined) throw new Error(`${artifact.contractName} has no state variable ${label}`);
  return BigInt(variable.slot);
}
