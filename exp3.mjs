import { createRequire } from "node:module";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import crypto from "node:crypto";
const require = createRequire(import.meta.url);
const { open } = require("lmdb");
const dir = "/tmp/lmdbtry/corrupt" + process.argv[2]; rmSync(dir, {recursive:true, force:true}); mkdirSync(dir, { recursive: true });
writeFileSync(dir + "/data.mdb", crypto.randomBytes(Number(process.argv[3])));
console.log("opening");
try { const r = open({ path: dir, maxDbs: 8, keyEncoding: "binary", encoding: "binary" }); console.log("opened?!"); console.log([...r.getKeys()].length); } catch (e) { console.log("corrupt:", e.message, e.code); }
