import { describe, expect, it } from "vitest";
import { Fork } from "../evm/fork.js";
import { networkChain, parseBlobSchedule } from "./blockchainTest/networkChain.js";
import { blobParamsAt, forkAt } from "./chainConfig.js";
import { MAINNET } from "./mainnetChain.js";

describe("forkAt on mainnet", () => {
  const at = (number: number, timestamp = 0) => Fork[forkAt(MAINNET, BigInt(number), BigInt(timestamp))];

  it("switches at every block-numbered fork", () => {
    expect([at(0), at(1_149_999), at(1_150_000)]).toEqual(["Frontier", "Frontier", "Homestead"]);
    expect([at(2_462_999), at(2_463_000), at(2_675_000), at(4_370_000)]).toEqual([
      "Homestead",
      "TangerineWhistle",
      "SpuriousDragon",
      "Byzantium",
    ]);
    // Constantinople and Petersburg share a block: the later one wins.
    expect([at(7_279_999), at(7_280_000), at(9_069_000), at(9_200_000)]).toEqual([
      "Byzantium",
      "Petersburg",
      "Istanbul",
      "MuirGlacier",
    ]);
    expect([at(12_244_000), at(12_965_000), at(13_773_000), at(15_050_000)]).toEqual([
      "Berlin",
      "London",
      "ArrowGlacier",
      "GrayGlacier",
    ]);
    expect([at(15_537_393), at(15_537_394)]).toEqual(["GrayGlacier", "Paris"]);
  });

  it("switches by timestamp after the Merge", () => {
    expect([at(17_034_869, 1_681_338_443), at(17_034_870, 1_681_338_455)]).toEqual(["Paris", "Shanghai"]);
    expect([at(19_426_586, 1_710_338_123), at(19_426_587, 1_710_338_135)]).toEqual(["Shanghai", "Cancun"]);
    expect([at(22_431_084, 1_746_612_311), at(23_935_694, 1_764_798_551)]).toEqual(["Prague", "Osaka"]);
  });

  it("applies the blob-parameter-only forks by timestamp", () => {
    const params = (timestamp: bigint) => blobParamsAt(MAINNET, Fork.Osaka, timestamp);
    expect(params(1_764_798_551n)).toMatchObject({ target: 6, max: 9 });
    expect(params(1_765_290_071n)).toMatchObject({
      target: 10,
      max: 15,
      maxPerTx: 6,
      updateFraction: 8_346_193n,
    });
    expect(params(1_767_747_671n)).toMatchObject({ target: 14, max: 21, updateFraction: 11_684_671n });
    expect(blobParamsAt(MAINNET, Fork.Cancun, 1_710_338_135n)).toMatchObject({ target: 3, max: 6 });
  });
});

describe("test networks", () => {
  it("builds transitions by timestamp or block", () => {
    const chain = networkChain("ShanghaiToCancunAtTime15k");
    expect(forkAt(chain, 5n, 14_999n)).toBe(Fork.Shanghai);
    expect(forkAt(chain, 6n, 15_000n)).toBe(Fork.Cancun);
    const london = networkChain("BerlinToLondonAt5");
    expect([forkAt(london, 4n, 0n), forkAt(london, 5n, 0n)]).toEqual([Fork.Berlin, Fork.London]);
  });

  it("reads an EIP-7840 blob schedule", () => {
    const schedule = parseBlobSchedule({
      Cancun: { target: "0x03", max: "0x06", baseFeeUpdateFraction: "0x32f0ed" },
    });
    expect(blobParamsAt(networkChain("Cancun", 1n, schedule), Fork.Cancun, 0n)).toMatchObject({
      target: 3,
      max: 6,
    });
  });
});
