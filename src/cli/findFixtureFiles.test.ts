import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findFixtureFiles } from "./findFixtureFiles.js";

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "pevm-find-"));
  mkdirSync(join(root, "b", "deep"), { recursive: true });
  mkdirSync(join(root, "a"));
  for (const file of [
    "b/deep/z.json.gz",
    "b/y.json",
    "a/x.json",
    "a/notes.md",
    "a/x.json.bak",
    "top.json.gz",
  ]) {
    writeFileSync(join(root, file), "{}");
  }
  return root;
}

describe("findFixtureFiles", () => {
  it("walks directories recursively for *.json and *.json.gz, in sorted order", () => {
    const root = tree();
    expect(findFixtureFiles([root]).map((f) => f.slice(root.length + 1))).toEqual([
      "a/x.json",
      "b/deep/z.json.gz",
      "b/y.json",
      "top.json.gz",
    ]);
  });

  it("takes a file named directly whatever its extension, keeping argument order", () => {
    const root = tree();
    expect(
      findFixtureFiles([join(root, "a", "notes.md"), join(root, "a")]).map((f) => f.slice(root.length + 1)),
    ).toEqual(["a/notes.md", "a/x.json"]);
  });

  it("throws for a path that does not exist", () => {
    expect(() => findFixtureFiles([join(tmpdir(), "pevm-does-not-exist-42")])).toThrow(
      "No such file or directory",
    );
  });
});
