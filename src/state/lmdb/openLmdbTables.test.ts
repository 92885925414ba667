import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirError } from "./dataDirError.js";
import { LAYOUT_VERSION, META, TABLES } from "./lmdbLayout.js";
import { LmdbState } from "./lmdbState.js";
import { loadLmdb } from "./loadLmdb.js";
import { metaKey, openDataDir } from "./openLmdbTables.js";

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "pevm-datadir-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The DataDirError `open` fails with (the test fails if it opens). */
function openError(path: string): DataDirError {
  try {
    const db = openDataDir(path);
    void db.root.close();
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirError);
    return error as DataDirError;
  }
  throw new Error(`${path} opened`);
}

/** A raw LMDB environment at `path`, written without pevm. */
async function writeRawLmdb(
  path: string,
  write: (open: (name: string) => (key: string, value: Uint8Array) => void) => void,
) {
  const root = loadLmdb().open({
    path,
    maxDbs: 10,
    mapSize: 2 ** 30,
    keyEncoding: "binary",
    encoding: "binary",
  });
  const encoder = new TextEncoder();
  write((name) => {
    const table = root.openDB({ name, keyEncoding: "binary", encoding: "binary" });
    return (key, value) => root.transactionSync(() => table.putSync(encoder.encode(key), value));
  });
  await root.close();
}

describe("opening a data dir", () => {
  it("creates a missing directory (and its parents) as a new, empty pevm data dir", async () => {
    const state = LmdbState.open(join(scratch(), "a", "b"));
    expect(state.generation).toBe(0n);
    await state.close();
  });

  it("takes a path with a dot in its name for a directory too (lmdb-js would open it as one file)", async () => {
    const path = join(scratch(), "chain.v1");
    const state = LmdbState.open(path);
    await state.close();
    expect(statSync(path).isDirectory()).toBe(true);
    const again = LmdbState.open(path);
    expect(again.generation).toBe(0n);
    await again.close();
  });

  it("refuses a path that is a file", () => {
    const file = join(scratch(), "file");
    writeFileSync(file, "x");
    expect(openError(file)).toMatchObject({
      code: "DATADIR_NOT_DIRECTORY",
      shortMessage: `${file}: not a directory`,
    });
  });

  it("refuses a directory of other files, without creating a database in it", () => {
    const dir = scratch();
    writeFileSync(join(dir, "notes.txt"), "mine");
    const error = openError(dir);
    expect(error.code).toBe("DATADIR_FOREIGN");
    expect(error.message).toMatch(/not a pevm data dir: it holds notes.txt and no data.mdb/);
  });

  it("refuses a data.mdb of random bytes, or too short, as corrupt (LMDB itself would crash the process)", () => {
    for (const size of [100, 4096, 65536]) {
      const dir = scratch();
      writeFileSync(join(dir, "data.mdb"), randomBytes(size));
      const error = openError(dir);
      expect(error.code).toBe("DATADIR_CORRUPT");
      expect(error.message).toMatch(
        /data.mdb is not an LMDB environment: (meta page 0 lacks LMDB's magic|data.mdb is 100 bytes)/,
      );
    }
  });

  it("refuses an LMDB environment of someone else, with other tables or an unknown meta table", async () => {
    const other = join(scratch(), "other");
    await writeRawLmdb(other, (open) => open("users")("alice", Uint8Array.of(1)));
    expect(openError(other)).toMatchObject({ code: "DATADIR_FOREIGN" });
    expect(openError(other).message).toMatch(
      /an LMDB environment that is not pevm's \(it has table "users"\)/,
    );

    const lookalike = join(scratch(), "lookalike");
    await writeRawLmdb(lookalike, (open) => {
      for (const name of TABLES) open(name);
      open("meta")(META.magic, new TextEncoder().encode("someone-else"));
    });
    expect(openError(lookalike)).toMatchObject({ code: "DATADIR_FOREIGN" });
  });

  it("refuses a pevm data dir of another layout version, naming both versions", async () => {
    const path = join(scratch(), "old");
    await LmdbState.open(path).close();
    const layout = new Uint8Array(4);
    new DataView(layout.buffer).setUint32(0, LAYOUT_VERSION + 1);
    await writeRawLmdb(path, (open) => open("meta")(META.layout, layout));
    const error = openError(path);
    expect(error.code).toBe("DATADIR_LAYOUT");
    expect(error.shortMessage).toBe(
      `${path}: table layout version ${LAYOUT_VERSION + 1}, this pevm reads version ${LAYOUT_VERSION}`,
    );
  });

  it("finishes an initialization a kill interrupted (some of our tables created, all empty, no magic yet)", async () => {
    const path = join(scratch(), "half");
    await writeRawLmdb(path, (open) => {
      open("accounts");
      open("meta");
    });
    const db = openDataDir(path);
    expect(db.tables.meta.getBinaryFast(metaKey(META.magic))?.toString()).toBe("pevm-state");
    await db.root.close();
  });

  it("refuses the same data dir opened twice on one thread", async () => {
    const path = join(scratch(), "twice");
    const state = LmdbState.open(path);
    expect(() => LmdbState.open(path)).toThrow(/already open on this thread/);
    await state.close();
  });
});
