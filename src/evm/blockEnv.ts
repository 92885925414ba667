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
}
