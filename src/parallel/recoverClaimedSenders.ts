import { recoverSender } from "../chain/recoverSender.js";
import { ByteChunks } from "../primitives/byteCodec.js";
import type { RecoverJob } from "./blockJob.js";
import { decodeTransaction } from "./sharedTransactions.js";

/**
 * Recovers senders of a shared recovery job until its counter runs past the block (every thread of the
 * job claims transactions from the same counter). A failure is left for the calling thread to redo.
 */
export function recoverClaimedSenders(job: RecoverJob): void {
  const progress = new Int32Array(job.progress);
  const senders = job.transactions.senders;
  const count = job.transactions.offsets.length - 1;
  const copies = new ByteChunks();
  for (let i = Atomics.add(progress, 0, 1); i < count; i = Atomics.add(progress, 0, 1)) {
    let status = 2;
    try {
      senders.set(recoverSender(decodeTransaction(job.transactions, i, copies), job.fork), 20 * i);
      status = 1;
    } catch {
      // Redone by the calling thread, to report the error where the block reaches it.
    }
    Atomics.store(progress, 2 + i, status);
  }
}
