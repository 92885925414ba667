/** The block-level context a transaction executes in (what COINBASE, NUMBER, BASEFEE... return). */
export interface BlockEnv {
  number: bigint;
  coinbase: Uint8Array;
  timestamp: bigint;
  gasLimit: bigint;
  /** EIP-1559 base fee; 0n before London. */
  baseFee: bigint;
  /** Pre-Merge difficulty (DIFFICULTY opcode). */
  difficulty: bigint;
  /** Post-Merge PREVRANDAO (32 bytes); replaces difficulty from Paris on. */
  prevRandao: Uint8Array;
  /** EIP-4844 excess blob gas of this block; 0n before Cancun. */
  excessBlobGas: bigint;
  chainId: bigint;
  /**
   * BLOBBASEFEE and the blob gas price, when the chain's blob schedule differs from the fork's EIP
   * defaults (blob-parameter-only forks); computed from `excessBlobGas` and the fork when absent.
   */
  blobBaseFee?: bigint;
}
