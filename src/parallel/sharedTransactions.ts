import type { Transaction, TransactionType } from "../chain/transaction.js";
import { ByteChunks, ByteReader, ByteWriter } from "../primitives/byteCodec.js";

/*
 * A block's transactions cross to the workers once, as one SharedArrayBuffer of compact records that
 * each worker decodes only for the transactions it executes (structured clone of 2,000 transactions
 * cost the main thread ~6 ms and each worker ~7 ms before it could start). The signature (v, r, s) is
 * carried only for sender recovery: execution gets the sender and never reads it.
 */

/** The encoded transactions of a block: record i spans bytes [offsets[i], offsets[i + 1]). */
export interface EncodedTransactions {
  /** Views over SharedArrayBuffers (postMessage shares them, it does not copy). */
  bytes: Uint8Array;
  offsets: Int32Array;
  /** 20 bytes per transaction: its sender. */
  senders: Uint8Array;
}

function writeOptionalAddress(out: ByteWriter, address: Uint8Array | undefined): void {
  if (address === undefined) out.u8(0);
  else {
    out.u8(1);
    out.fixed(address);
  }
}

function writeTransaction(out: ByteWriter, tx: Transaction, signature: boolean): void {
  out.u8(signature ? 1 : 0);
  if (signature) {
    out.bigint(tx.v);
    out.bigint(tx.r);
    out.bigint(tx.s);
  }
  out.u8(tx.type);
  if (tx.chainId === undefined) out.u8(0);
  else {
    out.u8(1);
    out.bigint(tx.chainId);
  }
  out.bigint(tx.nonce);
  out.bigint(tx.gasPrice);
  out.bigint(tx.maxPriorityFeePerGas);
  out.bigint(tx.maxFeePerGas);
  out.bigint(tx.gasLimit);
  writeOptionalAddress(out, tx.to);
  out.bigint(tx.value);
  out.bytesField(tx.data);
  out.u32(tx.accessList.length);
  for (const entry of tx.accessList) {
    out.fixed(entry.address);
    out.u32(entry.storageKeys.length);
    for (const key of entry.storageKeys) out.fixed(key);
  }
  out.bigint(tx.maxFeePerBlobGas);
  out.u32(tx.blobVersionedHashes.length);
  for (const hash of tx.blobVersionedHashes) out.fixed(hash);
  out.u32(tx.authorizationList.length);
  for (const auth of tx.authorizationList) {
    out.bigint(auth.chainId);
    out.fixed(auth.address);
    out.bigint(auth.nonce);
    out.bigint(auth.yParity);
    out.bigint(auth.r);
    out.bigint(auth.s);
  }
}

/**
 * Encodes `transactions` into shared memory (one pass on the calling thread), with their senders when
 * known (else zeros, for recovery to fill) and their signatures when asked.
 */
export function encodeTransactions(
  transactions: readonly Transaction[],
  senders: readonly Uint8Array[] | undefined,
  signatures = false,
): EncodedTransactions {
  const out = new ByteWriter(256 * transactions.length + 64);
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (transactions.length + 1)));
  for (let i = 0; i < transactions.length; i++) {
    offsets[i] = out.length;
    writeTransaction(out, transactions[i], signatures);
  }
  offsets[transactions.length] = out.length;
  const bytes = new Uint8Array(new SharedArrayBuffer(out.length));
  bytes.set(out.bytes());
  const senderBytes = new Uint8Array(new SharedArrayBuffer(20 * transactions.length));
  if (senders !== undefined) for (let i = 0; i < senders.length; i++) senderBytes.set(senders[i], 20 * i);
  return { bytes, offsets, senders: senderBytes };
}

/** The sender of transaction `index` (a copy). */
export function decodeSender(encoded: EncodedTransactions, index: number): Uint8Array {
  return encoded.senders.slice(20 * index, 20 * index + 20);
}

/**
 * Decodes transaction `index` (v, r, s are 0n unless encoded with signatures). Byte fields view a
 * private copy of the record: EVM code never sees shared memory.
 */
export function decodeTransaction(
  encoded: EncodedTransactions,
  index: number,
  copies = new ByteChunks(0),
): Transaction {
  const record = copies.copy(encoded.bytes, encoded.offsets[index], encoded.offsets[index + 1]);
  const r = new ByteReader(record);
  const signed = r.u8() === 1;
  const v = signed ? r.bigint() : 0n;
  const rValue = signed ? r.bigint() : 0n;
  const s = signed ? r.bigint() : 0n;
  const type = r.u8() as TransactionType;
  const chainId = r.u8() === 1 ? r.bigint() : undefined;
  const nonce = r.bigint();
  const gasPrice = r.bigint();
  const maxPriorityFeePerGas = r.bigint();
  const maxFeePerGas = r.bigint();
  const gasLimit = r.bigint();
  const to = r.u8() === 1 ? r.fixed(20) : undefined;
  const value = r.bigint();
  const data = r.bytesField();
  const accessList = new Array(r.u32());
  for (let i = 0; i < accessList.length; i++) {
    const address = r.fixed(20);
    const storageKeys = new Array(r.u32());
    for (let k = 0; k < storageKeys.length; k++) storageKeys[k] = r.fixed(32);
    accessList[i] = { address, storageKeys };
  }
  const maxFeePerBlobGas = r.bigint();
  const blobVersionedHashes = new Array(r.u32());
  for (let i = 0; i < blobVersionedHashes.length; i++) blobVersionedHashes[i] = r.fixed(32);
  const authorizationList = new Array(r.u32());
  for (let i = 0; i < authorizationList.length; i++) {
    authorizationList[i] = {
      chainId: r.bigint(),
      address: r.fixed(20),
      nonce: r.bigint(),
      yParity: r.bigint(),
      r: r.bigint(),
      s: r.bigint(),
    };
  }
  return {
    type,
    chainId,
    nonce,
    gasPrice,
    maxPriorityFeePerGas,
    maxFeePerGas,
    gasLimit,
    to,
    value,
    data,
    accessList,
    maxFeePerBlobGas,
    blobVersionedHashes,
    authorizationList,
    v,
    r: rValue,
    s,
  };
}
