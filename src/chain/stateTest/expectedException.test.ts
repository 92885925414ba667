import { describe, expect, it } from "vitest";
import { expectedReasons, matchesExpectedException } from "./expectedException.js";

describe("expectedReasons", () => {
  it("strips the TransactionException. prefix and splits alternatives on |", () => {
    expect(
      expectedReasons(
        "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS|TransactionException.INTRINSIC_GAS_TOO_LOW",
      ),
    ).toEqual(["INSUFFICIENT_ACCOUNT_FUNDS", "INTRINSIC_GAS_TOO_LOW"]);
  });

  it("maps the TYPE_n_TX_PRE_FORK names to TYPE_NOT_SUPPORTED", () => {
    expect(
      expectedReasons("TransactionException.TYPE_3_TX_PRE_FORK|TransactionException.TYPE_3_TX_ZERO_BLOBS"),
    ).toEqual(["TYPE_NOT_SUPPORTED", "TYPE_3_TX_ZERO_BLOBS"]);
  });

  it("keeps names without the prefix as written", () => {
    expect(expectedReasons("NONCE_IS_MAX")).toEqual(["NONCE_IS_MAX"]);
  });
});

describe("matchesExpectedException", () => {
  const both = "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS|TransactionException.INTRINSIC_GAS_TOO_LOW";

  it("accepts either alternative", () => {
    expect(matchesExpectedException(both, "INSUFFICIENT_ACCOUNT_FUNDS")).toBe(true);
    expect(matchesExpectedException(both, "INTRINSIC_GAS_TOO_LOW")).toBe(true);
  });

  it("rejects a reason that is not listed", () => {
    expect(matchesExpectedException(both, "NONCE_MISMATCH_TOO_LOW")).toBe(false);
  });

  it("rejects a prefix of a listed name", () => {
    expect(matchesExpectedException("TransactionException.TYPE_3_TX_ZERO_BLOBS", "TYPE_3_TX")).toBe(false);
  });

  it("matches an aliased name through its alias", () => {
    expect(matchesExpectedException("TransactionException.TYPE_2_TX_PRE_FORK", "TYPE_NOT_SUPPORTED")).toBe(
      true,
    );
    expect(matchesExpectedException("TransactionException.TYPE_2_TX_PRE_FORK", "TYPE_2_TX_PRE_FORK")).toBe(
      false,
    );
  });
});
