import { bigIntToBytes, hexToBytes } from "../primitives/hex.js";
import { encodeFunctionCall } from "./abiEncode.js";
import { benchAccount, benchAddress } from "./benchAccount.js";
import { HASH_STORE_ARTIFACT } from "./contractArtifact.js";
import {
  BENCH_FORK,
  benchBlockEnv,
  fundedAccount,
  type PreStateAccount,
  signedCall,
  type Workload,
} from "./workload.js";

/** Per-round cost is about 22,200 gas (a cold zero-to-nonzero SSTORE plus two keccak256). */
const GAS_PER_ROUND = 23_000n;

/**
 * `count` calls of HashStore.run(seed_i, rounds), each from a distinct sender with a distinct seed:
 * `rounds` keccak256 and `rounds` fresh SSTOREs per transaction, no slot shared between transactions.
 */
export function buildHashStoreWorkload(count: number, rounds: number): Workload {
  const contract = benchAddress("hash-store", 0);
  const preState: PreStateAccount[] = [
    {
      address: contract,
      nonce: 1n,
      balance: 0n,
      code: hexToBytes(HASH_STORE_ARTIFACT.deployedBytecode),
      storage: new Map(),
    },
  ];
  const txs = [];
  for (let i = 0; i < count; i++) {
    const sender = benchAccount(i);
    preState.push(fundedAccount(sender.address));
    const seed = bigIntToBytes(BigInt(i) + 1n, 32);
    const data = encodeFunctionCall("run(bytes32,uint256)", [seed, BigInt(rounds)]);
    txs.push(signedCall(sender, 0n, contract, data, 50_000n + GAS_PER_ROUND * BigInt(rounds)));
  }
  return { name: "hashstore", fork: BENCH_FORK, env: benchBlockEnv(), preState, txs };
}
