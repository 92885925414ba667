import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/hex.js";
import { BenchKeyring } from "./benchKeyring.js";
import { dumpFixture } from "./dumpFixture.js";
import { fixtureWorkload } from "./fixtureWorkload.js";
import { generateWorkload } from "./generateWorkload.js";
import { runOurs } from "./runOurs.js";
import { memoryStateFrom } from "./workload.js";
import { workloadBlock } from "./workloadBlock.js";

describe("dumpFixture", () => {
  it("writes a fixture that parses (hashes verified) and replays to the header it records", () => {
    const workload = generateWorkload("mixed", {
      gas: 1_000_000n,
      seed: 2,
      keyring: new BenchKeyring("dump", undefined),
    });
    const first = runOurs(memoryStateFrom(workload.preState), workloadBlock(workload), 1, "known");
    if (!first.ok) throw new Error(first.unavailable);
    const path = dumpFixture(mkdtempSync(join(tmpdir(), "pevm-dump-")), workload, first.result);

    const replayed = fixtureWorkload(path);
    expect(replayed.txs.length).toBe(workload.txs.length);
    const header = replayed.block!.header;
    const again = runOurs(memoryStateFrom(replayed.preState), workloadBlock(replayed), 1, "recover");
    if (!again.ok) throw new Error(again.unavailable);
    expect(again.result.gasUsed).toBe(header.gasUsed);
    expect(bytesToHex(again.result.receiptsRoot!)).toBe(bytesToHex(header.receiptsRoot));
    expect(bytesToHex(again.result.logsBloom)).toBe(bytesToHex(header.logsBloom));
  });
});
