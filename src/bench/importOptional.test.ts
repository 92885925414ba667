import { describe, expect, it } from "vitest";
import { PevmError } from "../primitives/errors.js";
import { importOptional, MissingPackageError } from "./importOptional.js";

describe("importOptional", () => {
  it("turns an unresolvable package into MissingPackageError saying what to install", async () => {
    const load = () => import(["pevm-no-such-package", "index.js"].join("/"));
    const error = await importOptional(
      load,
      "--frobnicate",
      ["pevm-no-such-package@2"],
      "or leave it out",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect(error).toBeInstanceOf(PevmError);
    expect((error as MissingPackageError).code).toBe("MISSING_PACKAGE");
    expect((error as MissingPackageError).shortMessage).toBe(
      "--frobnicate needs pevm-no-such-package, and it is not installed",
    );
    expect((error as MissingPackageError).details).toBe(
      "npm install pevm-no-such-package@2, or leave it out",
    );
  });

  it("passes other failures through: a missing package it was not told about, a module that throws", async () => {
    const other = () => import(["pevm-other-missing-package", "index.js"].join("/"));
    await expect(importOptional(other, "x", ["pevm-no-such-package@2"])).rejects.toThrow(
      /pevm-other-missing-package/,
    );
    const throws = () => Promise.reject(new RangeError("broken"));
    await expect(importOptional(throws, "x", ["pevm-no-such-package@2"])).rejects.toThrow(RangeError);
  });

  it("returns what loaded", async () => {
    expect(await importOptional(() => Promise.resolve(42), "x", ["y@1"])).toBe(42);
  });
});
