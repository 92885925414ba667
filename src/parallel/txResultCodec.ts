import type { Log } from "../evm/log.js";
import type { ByteReader, ByteWriter } from "../primitives/byteCodec.js";
import type { AccountWrite } from "../state/accountWrite.js";
import type { TxResult } from "./blockJob.js";

/*
 * A transaction incarnation's result as bytes in the shared result arena: the worker encodes it right
 * after executing, the main thread decodes only each transaction's final incarnation.
 * Layout: tx u32, incarnation u32, kind u8 (0 executed, 1 invalid), then the fields of that kind.
 */

const EXECUTED = 0;
const INVALID = 1;

function writeLogs(out: ByteWriter, logs: readonly Log[]): void {
  out.u32(logs.length);
  for (const log of logs) {
    out.fixed(log.address);
    out.u8(log.topics.length);
    for (const topic of log.topics) out.fixed(topic);
    out.bytesField(log.data);
  }
}

function readLogs(r: ByteReader): Log[] {
  const logs: Log[] = new Array(r.u32());
  for (let i = 0; i < logs.length; i++) {
    const address = r.fixed(20);
    const topics: Uint8Array[] = new Array(r.u8());
    for (let t = 0; t < topics.length; t++) topics[t] = r.fixed(32);
    logs[i] = { address, topics, data: r.bytesField() };
  }
  return logs;
}

function writeWrites(out: ByteWriter, writes: readonly AccountWrite[]): void {
  out.u32(writes.length);
  for (const write of writes) {
    out.fixed(write.address);
    out.u8((write.deleted ? 1 : 0) | (write.storageCleared ? 2 : 0) | (write.code !== undefined ? 4 : 0));
    out.bigint(write.nonce);
    out.bigint(write.balance);
    out.fixed(write.codeHash);
    if (write.code !== undefined) out.bytesField(write.code);
    out.u32(write.storage.size);
    for (const [slot, value] of write.storage) {
      out.bigint(slot);
      out.bigint(value);
    }
  }
}

function readWrites(r: ByteReader): AccountWrite[] {
  const writes: AccountWrite[] = new Array(r.u32());
  for (let i = 0; i < writes.length; i++) {
    const address = r.fixed(20);
    const flags = r.u8();
    const nonce = r.bigint();
    const balance = r.bigint();
    const codeHash = r.fixed(32);
    const code = flags & 4 ? r.bytesField() : undefined;
    const storage = new Map<bigint, bigint>();
    for (let s = r.u32(); s > 0; s--) storage.set(r.bigint(), r.bigint());
    writes[i] = {
      address,
      deleted: (flags & 1) !== 0,
      nonce,
      balance,
      codeHash,
      code,
      storageCleared: (flags & 2) !== 0,
      storage,
    };
  }
  return writes;
}

/** Appends `result` to `out`. */
export function encodeTxResult(out: ByteWriter, result: TxResult): void {
  out.u32(result.tx);
  out.u32(result.incarnation);
  if (result.invalid !== undefined) {
    out.u8(INVALID);
    out.string(result.invalid.reason);
    out.string(result.invalid.message);
    return;
  }
  out.u8(EXECUTED);
  const outcome = result.outcome!;
  out.u8(outcome.status);
  out.bigint(outcome.gasUsed);
  writeLogs(out, outcome.logs);
  if (outcome.createdAddress === undefined) out.u8(0);
  else {
    out.u8(1);
    out.fixed(outcome.createdAddress);
  }
  out.bytesField(outcome.output);
  writeWrites(out, result.writes!);
  out.bigint(result.coinbaseFee!);
  if (result.credit === undefined) out.u8(0);
  else {
    out.u8(1);
    out.fixed(result.credit.address);
    out.bigint(result.credit.amount);
  }
  out.fixed(result.logsBloom!);
}

/** Reads a result written by encodeTxResult; byte fields are views into the reader's source. */
export function decodeTxResult(r: ByteReader): TxResult {
  const tx = r.u32();
  const incarnation = r.u32();
  if (r.u8() === INVALID) return { tx, incarnation, invalid: { reason: r.string(), message: r.string() } };
  const status = r.u8() as 0 | 1;
  const gasUsed = r.bigint();
  const logs = readLogs(r);
  const createdAddress = r.u8() === 1 ? r.fixed(20) : undefined;
  const output = r.bytesField();
  const writes = readWrites(r);
  const coinbaseFee = r.bigint();
  const credit = r.u8() === 1 ? { address: r.fixed(20), amount: r.bigint() } : undefined;
  return {
    tx,
    incarnation,
    outcome: { status, gasUsed, logs, createdAddress, output },
    writes,
    coinbaseFee,
    credit,
    logsBloom: r.fixed(256),
  };
}
