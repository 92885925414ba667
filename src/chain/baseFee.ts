/** EIP-1559 constants. */
export const INITIAL_BASE_FEE = 1_000_000_000n;
export const ELASTICITY_MULTIPLIER = 2n;
const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;

/**
 * The base fee a block must carry given its parent (EIP-1559): unchanged at the gas target, up by at
 * least 1 (at most 1/8) above it, down by at most 1/8 below it.
 */
export function expectedBaseFee(
  parentGasLimit: bigint,
  parentGasUsed: bigint,
  parentBaseFee: bigint,
): bigint {
  const target = parentGasLimit / ELASTICITY_MULTIPLIER;
  if (parentGasUsed === target) return parentBaseFee;
  if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  const delta = (parentBaseFee * (target - parentGasUsed)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
  return parentBaseFee - delta;
}
