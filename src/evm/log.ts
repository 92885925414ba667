/** An event emitted by LOG0..LOG4. */
export interface Log {
  address: Uint8Array;
  /** 32-byte topics. */
  topics: Uint8Array[];
  data: Uint8Array;
}
