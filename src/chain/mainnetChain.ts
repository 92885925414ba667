import { Fork } from "../evm/fork.js";
import { type ChainConfig, MAINNET_DEPOSIT_CONTRACT } from "./chainConfig.js";

/**
 * Ethereum mainnet. Paris is pinned to its first proof-of-stake block, 15,537,394 (the block that
 * followed terminal total difficulty 58,750,000,000,000,000,000,000), so the schedule needs no
 * difficulty bookkeeping. Later forks activate by timestamp. Osaka (Fusaka) went live at 1764798551
 * and was followed by two blob-parameter-only forks (EIP-7892): BPO1 (target 10, max 15) and BPO2
 * (target 14, max 21). Build your own ChainConfig to move or add activations.
 */
export const MAINNET: ChainConfig = {
  name: "mainnet",
  chainId: 1n,
  forks: [
    { fork: Fork.Frontier, block: 0n },
    { fork: Fork.Homestead, block: 1_150_000n },
    { fork: Fork.TangerineWhistle, block: 2_463_000n },
    { fork: Fork.SpuriousDragon, block: 2_675_000n },
    { fork: Fork.Byzantium, block: 4_370_000n },
    { fork: Fork.Constantinople, block: 7_280_000n },
    { fork: Fork.Petersburg, block: 7_280_000n },
    { fork: Fork.Istanbul, block: 9_069_000n },
    { fork: Fork.MuirGlacier, block: 9_200_000n },
    { fork: Fork.Berlin, block: 12_244_000n },
    { fork: Fork.London, block: 12_965_000n },
    { fork: Fork.ArrowGlacier, block: 13_773_000n },
    { fork: Fork.GrayGlacier, block: 15_050_000n },
    { fork: Fork.Paris, block: 15_537_394n },
    { fork: Fork.Shanghai, timestamp: 1_681_338_455n },
    { fork: Fork.Cancun, timestamp: 1_710_338_135n },
    { fork: Fork.Prague, timestamp: 1_746_612_311n },
    { fork: Fork.Osaka, timestamp: 1_764_798_551n },
  ],
  blobSchedule: [
    {
      name: "BPO1",
      timestamp: 1_765_290_071n,
      params: { target: 10, max: 15, maxPerTx: 6, updateFraction: 8_346_193n },
    },
    {
      name: "BPO2",
      timestamp: 1_767_747_671n,
      params: { target: 14, max: 21, maxPerTx: 6, updateFraction: 11_684_671n },
    },
  ],
  daoForkBlock: 1_920_000n,
  depositContractAddress: MAINNET_DEPOSIT_CONTRACT,
};
