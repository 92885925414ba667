import { PevmError } from "../../primitives/errors.js";
import type { PinnedStateReader, SharedStateDescriptor } from "../sharedStateSource.js";
import { META } from "./lmdbLayout.js";
import { LmdbReads } from "./lmdbReads.js";
import { decodeUint64 } from "./lmdbRecords.js";
import { type LmdbReadTransaction, readValue } from "./loadLmdb.js";
import { type LmdbTables, metaKey } from "./openLmdbTables.js";
import { dataDirOnThisThread } from "./threadDataDirs.js";

/** LMDB reads in one read transaction, held until release. */
class PinnedLmdbReads extends LmdbReads implements PinnedStateReader {
  private transaction: LmdbReadTransaction | undefined;

  constructor(db: LmdbTables, transaction: LmdbReadTransaction) {
    super(db, { transaction });
    this.transaction = transaction;
  }

  release(): void {
    this.transaction?.done();
    this.transaction = undefined;
  }
}

/**
 * Pins the data dir of `descriptor` on this thread: a fresh LMDB read transaction (a snapshot of the
 * latest commit, which later commits do not change) checked to be the descriptor's commit.
 *
 * Why reset first: lmdb-js keeps one read transaction per thread and renews it only on a timer after an
 * event-loop turn, so a worker that runs blocks back to back would otherwise read the previous block's
 * snapshot (seen in a two-thread trial: a worker read 1 after the main thread had committed 2). Why
 * check the generation: the snapshot must be the one the block was planned on, not a later commit.
 */
export function pinLmdbState(descriptor: SharedStateDescriptor): PinnedStateReader {
  const db = dataDirOnThisThread(descriptor.path);
  db.root.resetReadTxn();
  const transaction = db.root.useReadTransaction();
  const value = readValue(db.tables.meta, metaKey(META.generation), { transaction });
  const generation = value === undefined ? undefined : decodeUint64(value);
  if (generation !== descriptor.generation) {
    transaction.done();
    throw new PevmError(
      "STATE_GENERATION_MISMATCH",
      `${descriptor.path}: expected the state after commit ${descriptor.generation}, found commit ${generation}`,
      { details: "The data dir was committed to while a block executed on it." },
    );
  }
  return new PinnedLmdbReads(db, transaction);
}
