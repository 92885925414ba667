import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";
import { logsHash } from "./logsHash.js";

describe("logsHash", () => {
  it("of no logs is keccak256(rlp([])), the hash state tests give for log-free runs", () => {
    expect(bytesToHex(logsHash([]))).toBe(
      "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
    );
  });

  it("hashes rlp([[address, [topics], data], ...]) in order", () => {
    const a = {
      address: new Uint8Array(20).fill(1),
      topics: [new Uint8Array(32).fill(2)],
      data: Uint8Array.of(3),
    };
    const b = { address: new Uint8Array(20).fill(4), topics: [], data: new Uint8Array(0) };
    const expected = keccak256(
      encodeRlp([
        [a.address, a.topics, a.data],
        [b.address, b.topics, b.data],
      ]),
    );
    expect(logsHash([a, b])).toEqual(expected);
    expect(logsHash([b, a])).not.toEqual(expected);
  });
});
