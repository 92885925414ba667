// Module customization hooks (node:module register) for a worker thread started while the project
// runs from TypeScript source, as under vitest, which transforms modules on its own thread only:
// a relative `.js` import from a `.ts` module resolves to the `.ts` beside it when no `.js` exists
// there, and `.ts` files have their types erased (nothing is checked). A compiled build (dist/)
// starts its workers from `.js` and never loads this file.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * TypeScript → JavaScript for one file. Prefers oxc's transform from rolldown, the bundler of the
 * vite that vitest runs on, so workers see the code vitest's own thread sees: about 60 ms for all of
 * src/, where typescript's transpileModule takes about 3 s per worker. Falls back to typescript
 * (a devDependency) where rolldown is not installed.
 * @type {Promise<(fileName: string, source: string) => string>}
 */
const transpiler = import("rolldown/utils").then(
  ({ transformSync }) =>
    (fileName, source) => {
      const { code, errors } = transformSync(fileName, source, { target: "es2022" });
      if (errors.length > 0) throw new SyntaxError(`${fileName}: ${errors[0].message}`);
      return code;
    },
  async () => {
    const ts = (await import("typescript")).default;
    return (fileName, source) =>
      ts.transpileModule(source, {
        fileName,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
  },
);

/** Maps `./x.js` imported from a `.ts` module to `./x.ts` when only the latter exists. */
export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.endsWith(".ts") && specifier.startsWith(".") && specifier.endsWith(".js")) {
    const source = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (!existsSync(new URL(specifier, parent)) && existsSync(source)) {
      return { url: source.href, format: "module", shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

/** Erases the types of a `.ts` file, loading it as an ES module; anything else loads as usual. */
export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const transpile = await transpiler;
  return {
    format: "module",
    source: transpile(fileName, readFileSync(fileName, "utf8")),
    shortCircuit: true,
  };
}
