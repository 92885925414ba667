import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkLmdbFile } from "./checkLmdbFile.js";
import { DataDirError } from "./dataDirError.js";
import { LAYOUT_VERSION, MAGIC, META, TABLES, type TableName } from "./lmdbLayout.js";
import { decodeUint64, encodeUint64 } from "./lmdbRecords.js";
import { type LmdbRoot, type LmdbTable, loadLmdb, readValue } from "./loadLmdb.js";

/** An open data dir: its LMDB environment and every table of lmdbLayout.ts. */
export interface LmdbTables {
  /** Absolute path: the key threads share the environment under. */
  path: string;
  root: LmdbRoot;
  tables: Record<TableName, LmdbTable>;
}

/**
 * Address space reserved for the memory map, not disk: on Linux the file grows only as pages are
 * written. Reserving it up front means the map never has to be resized, which LMDB allows only while no
 * transaction of the process is open, and Block-STM workers hold read transactions.
 */
const MAP_SIZE = 2 ** 40;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A `meta` key's bytes. */
export function metaKey(name: string): Uint8Array {
  return encoder.encode(name);
}

function openRoot(path: string): LmdbRoot {
  try {
    return loadLmdb().open({
      path,
      // lmdb-js takes a path with an extension ("data.v1", "chain.db") for a single file otherwise.
      noSubdir: false,
      maxDbs: TABLES.length + 2,
      mapSize: MAP_SIZE,
      keyEncoding: "binary",
      encoding: "binary",
    });
  } catch (error) {
    throw new DataDirError("DATADIR_UNREADABLE", path, `LMDB cannot open it: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function openTables(root: LmdbRoot, create: boolean): Record<TableName, LmdbTable> {
  const tables = {} as Record<TableName, LmdbTable>;
  for (const name of TABLES)
    tables[name] = root.openDB({ name, keyEncoding: "binary", encoding: "binary", create });
  return tables;
}

function isEmpty(table: LmdbTable | LmdbRoot): boolean {
  for (const _ of table.getKeys({ limit: 1 })) return false;
  return true;
}

/** Names of the tables in `root` (LMDB keeps them as NUL-terminated keys of the root database). */
function tableNames(root: LmdbRoot): string[] {
  return [...root.getKeys()].map((key) => key.toString("latin1").replace(/\0$/, ""));
}

/** Fails unless `path` is a directory holding nothing but (possibly) an LMDB environment; creates it if missing. */
function checkDirectory(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new DataDirError("DATADIR_UNREADABLE", path, (error as Error).message, { cause: error });
    }
    mkdirSync(path, { recursive: true });
    return;
  }
  if (!isDirectory) throw new DataDirError("DATADIR_NOT_DIRECTORY", path, "not a directory");
  const entries = readdirSync(path);
  if (!entries.includes("data.mdb")) {
    const others = entries.filter((entry) => entry !== "lock.mdb");
    if (others.length > 0) {
      throw new DataDirError(
        "DATADIR_FOREIGN",
        path,
        `not a pevm data dir: it holds ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""} and no data.mdb`,
      );
    }
    return;
  }
  const dataFile = join(path, "data.mdb");
  const size = statSync(dataFile).size;
  const problem = size === 0 ? undefined : checkLmdbFile(dataFile, size);
  if (problem !== undefined) {
    throw new DataDirError("DATADIR_CORRUPT", path, `data.mdb is not an LMDB environment: ${problem}`);
  }
}

/** The layout version and generation in `meta`, after checking the magic. */
function checkMeta(path: string, meta: LmdbTable): void {
  const magic = readValue(meta, metaKey(META.magic));
  if (magic === undefined || decoder.decode(magic) !== MAGIC) {
    throw new DataDirError(
      "DATADIR_FOREIGN",
      path,
      "an LMDB environment with a `meta` table that is not pevm's",
    );
  }
  const layout = readValue(meta, metaKey(META.layout));
  const version =
    layout?.length === 4 ? new DataView(layout.buffer, layout.byteOffset, 4).getUint32(0) : undefined;
  if (version === undefined)
    throw new DataDirError("DATADIR_CORRUPT", path, "the layout version record is malformed");
  if (version !== LAYOUT_VERSION) {
    throw new DataDirError(
      "DATADIR_LAYOUT",
      path,
      `table layout version ${version}, this pevm reads version ${LAYOUT_VERSION}`,
      { details: "Import into a new data dir, or use the pevm version that wrote this one." },
    );
  }
  const generation = readValue(meta, metaKey(META.generation));
  if (generation === undefined || decodeUint64(generation) === undefined) {
    throw new DataDirError("DATADIR_CORRUPT", path, "the generation record is missing or malformed");
  }
}

function initialize(root: LmdbRoot): Record<TableName, LmdbTable> {
  // Each openDB commits on its own, so a kill can leave some tables created and no magic yet: a later
  // open finds only empty tables of ours and initializes again.
  const tables = openTables(root, true);
  const layout = new Uint8Array(4);
  new DataView(layout.buffer).setUint32(0, LAYOUT_VERSION);
  root.transactionSync(() => {
    tables.meta.putSync(metaKey(META.magic), encoder.encode(MAGIC));
    tables.meta.putSync(metaKey(META.layout), layout);
    tables.meta.putSync(metaKey(META.generation), encodeUint64(0n));
  });
  return tables;
}

/**
 * Opens the data dir at `path` for reading and writing: a missing directory is created and initialized;
 * an existing one must be a pevm data dir of this layout version, else a DataDirError says what it is
 * (not a directory, foreign files or LMDB environment, a corrupt data.mdb, another layout version).
 */
export function openDataDir(path: string): LmdbTables {
  const absolute = resolve(path);
  checkDirectory(absolute);
  const root = openRoot(absolute);
  try {
    const names = tableNames(root);
    const foreign = names.filter((name) => !(TABLES as readonly string[]).includes(name));
    if (foreign.length > 0) {
      throw new DataDirError(
        "DATADIR_FOREIGN",
        absolute,
        `an LMDB environment that is not pevm's (it has ${foreign.length === 1 ? "table" : "tables"} ${foreign
          .slice(0, 3)
          .map((name) => JSON.stringify(name))
          .join(", ")})`,
      );
    }
    const complete = TABLES.every((name) => names.includes(name));
    if (complete) {
      const tables = openTables(root, false);
      if (
        readValue(tables.meta, metaKey(META.magic)) !== undefined ||
        !TABLES.every((name) => isEmpty(tables[name]))
      ) {
        checkMeta(absolute, tables.meta);
        return { path: absolute, root, tables };
      }
      return { path: absolute, root, tables: initialize(root) };
    }
    const present = names.map((name) =>
      root.openDB({ name, keyEncoding: "binary", encoding: "binary", create: false }),
    );
    if (!present.every(isEmpty)) {
      throw new DataDirError("DATADIR_CORRUPT", absolute, `tables are missing: has only ${names.join(", ")}`);
    }
    return { path: absolute, root, tables: initialize(root) };
  } catch (error) {
    void root.close();
    throw error;
  }
}

/**
 * Opens a data dir that another thread has opened with openDataDir (so it exists and is ours), for reading
 * on this thread: LMDB shares one environment per process, so this costs the table handles only.
 */
export function attachDataDir(path: string): LmdbTables {
  const root = openRoot(path);
  return { path, root, tables: openTables(root, false) };
}
