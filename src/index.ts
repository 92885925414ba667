/**
 * parallel-evm's public API: the root entry of the package (`import { executeBlock } from "parallel-evm"`).
 * Everything else under dist/ is internal and may change between versions.
 *
 * Block execution (executeBlock, WorkerPool, closeDefaultPools, checkAgainstHeader), chain configs and
 * forks (MAINNET, singleForkChain, Fork), state backends (MemoryState, the StateReader interface a backend
 * implements, memoryStateFromGenesis, memoryStateFromPrestate), block and transaction types with their
 * parsers (parseRpcBlock reads JSON-RPC and viem objects; readBlockFixture, decodeBlock, decodeTransaction)
 * and the errors, all extending PevmError with a stable `code`. Sorted by defining file: the one place that
 * gathers exports from every layer; modules inside the package import from the defining file, never from here.
 *
 * @packageDocumentation
 */

export type { Block, Withdrawal } from "./chain/block.js";
export {
  BlockInputError,
  type BlockLocation,
  type InvalidBlockCode,
  InvalidBlockError,
} from "./chain/blockErrors.js";
export type { BlockExecutionResult, BlockTimings } from "./chain/blockExecutionResult.js";
export { type BlockFixture, parseBlockFixture, readBlockFixture } from "./chain/blockFixture.js";
export { type BlockHeader, headerHash } from "./chain/blockHeader.js";
export type { RecoveredSender } from "./chain/blockTransaction.js";
export {
  type BlobScheduleEntry,
  type ChainConfig,
  type ForkActivation,
  forkAt,
  MAINNET_DEPOSIT_CONTRACT,
  singleForkChain,
} from "./chain/chainConfig.js";
export { checkAgainstHeader, type HeaderCheck, type HeaderMatch } from "./chain/checkAgainstHeader.js";
export { type DecodedBlock, decodeBlock } from "./chain/decodeBlock.js";
export { type InvalidTransactionCode, InvalidTransactionError } from "./chain/invalidTransactionError.js";
export { MAINNET } from "./chain/mainnetChain.js";
export { memoryStateFromGenesis } from "./chain/memoryStateFromGenesis.js";
export { memoryStateFromPrestate } from "./chain/memoryStateFromPrestate.js";
export { type ParseRpcBlockOptions, parseRpcBlock, parseRpcHeader } from "./chain/parseRpcBlock.js";
export { parseRpcTransaction, type RpcTransaction } from "./chain/parseRpcTransaction.js";
export type { Receipt } from "./chain/receipt.js";
export { recoverSender } from "./chain/recoverSender.js";
export type { AccessListEntry, Authorization, Transaction, TransactionType } from "./chain/transaction.js";
export { decodeTransaction } from "./chain/transactionDecode.js";
export { encodeTransaction, transactionHash } from "./chain/transactionEncode.js";
export type { BlobParams } from "./evm/blobGas.js";
export { Fork, forkName, parseFork } from "./evm/fork.js";
export type { Log } from "./evm/log.js";
export { closeDefaultPools, type ExecuteBlockRequest, executeBlock } from "./parallel/executeBlock.js";
export {
  ArenaExhaustedError,
  ParallelTimeoutError,
  PoolClosedError,
  PoolUnusableError,
} from "./parallel/parallelErrors.js";
export { WorkerPool } from "./parallel/workerPool.js";
export { InvalidInputError, PevmError } from "./primitives/errors.js";
export { bytesToHex, hexToBytes } from "./primitives/hex.js";
export { applyStateDiff } from "./state/applyStateDiff.js";
export type { ChainHead } from "./state/lmdb/lmdbRecords.js";
export { LmdbState } from "./state/lmdb/lmdbState.js";
export { type MemoryAccount, MemoryState, type MemoryStateOptions } from "./state/memoryState.js";
export type { AccountDiff, AccountSnapshot, SlotChange, StateDiff } from "./state/stateDiff.js";
export type { AccountInfo, StateReader } from "./state/stateReader.js";
export type { StateRootProvider } from "./state/stateRootProvider.js";
export { WorldStateTrie } from "./state/worldStateTrie.js";
