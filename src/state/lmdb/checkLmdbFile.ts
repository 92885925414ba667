import { closeSync, openSync, readSync } from "node:fs";

/*
 * LMDB trusts its data file: lmdb-js segfaults opening a data.mdb of random bytes (tried: 64 KiB and 100
 * bytes of random data both crash node). So before LMDB sees a file we check its two meta pages here.
 * Offsets are liblmdb's MDB_page header and MDB_meta on a 64-bit little-endian build (the only kind
 * lmdb-js ships prebuilt): page header 24 bytes, then mm_magic, mm_version, mm_address, mm_mapsize,
 * mm_dbs[2] (48 bytes each, the first one's md_pad holding the page size), mm_last_pg, mm_txnid.
 */
const PAGE_HEADER = 24;
const FLAGS = 18;
const P_META = 0x08;
const MAGIC = 0xbeefc0de;
/** MDB_DATA_VERSION of the liblmdb lmdb-js builds (2; 999 for its devel builds). */
const DATA_VERSIONS = [2, 999];
const PAGE_SIZE = PAGE_HEADER + 24;
const MAIN_DB_ROOT = PAGE_HEADER + 24 + 48 + 40;
const LAST_PAGE = PAGE_HEADER + 24 + 96;
/** P_INVALID: the root of an empty database. */
const NO_PAGE = 0xffffffffffffffffn;

function metaProblem(page: Buffer, index: number): string | undefined {
  if (page.readUInt32LE(PAGE_HEADER) !== MAGIC) return `meta page ${index} lacks LMDB's magic number`;
  const version = page.readUInt32LE(PAGE_HEADER + 4);
  if (!DATA_VERSIONS.includes(version)) return `meta page ${index} has LMDB data version ${version}`;
  if ((page.readUInt16LE(FLAGS) & P_META) === 0) return `page ${index} is not a meta page`;
  const lastPage = page.readBigUInt64LE(LAST_PAGE);
  const root = page.readBigUInt64LE(MAIN_DB_ROOT);
  if (lastPage >= 1n << 40n || (root !== NO_PAGE && root > lastPage))
    return `meta page ${index} points past the end of the file (root ${root}, last page ${lastPage})`;
  return undefined;
}

/**
 * Why the LMDB data file at `file` (of `size` bytes, more than zero) cannot be an LMDB environment, or
 * undefined when both meta pages look sound. A zero-length file is a fresh environment and needs no check.
 */
export function checkLmdbFile(file: string, size: number): string | undefined {
  if (size < 2 * 512) return `data.mdb is ${size} bytes, shorter than two LMDB pages`;
  const fd = openSync(file, "r");
  try {
    const first = Buffer.alloc(512);
    readSync(fd, first, 0, 512, 0);
    const firstProblem = metaProblem(first, 0);
    if (firstProblem !== undefined) return firstProblem;
    const pageSize = first.readUInt32LE(PAGE_SIZE);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
      return `meta page 0 gives an impossible page size ${pageSize}`;
    if (size < 2 * pageSize) return `data.mdb is ${size} bytes, shorter than two ${pageSize}-byte pages`;
    const second = Buffer.alloc(512);
    readSync(fd, second, 0, 512, pageSize);
    return metaProblem(second, 1);
  } finally {
    closeSync(fd);
  }
}
