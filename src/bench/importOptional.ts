import { PevmError } from "../primitives/errors.js";

/**
 * A feature needs packages that are not installed: development dependencies (the ethereumjs peer of
 * `pevm bench`) or optional ones (`--svg` charts), absent from a production install.
 */
export class MissingPackageError extends PevmError {
  override name = "MissingPackageError";
  /** What to install, with versions (`@ethereumjs/vm@10`). */
  readonly packages: readonly string[];

  constructor(
    feature: string,
    packages: readonly string[],
    options: { hint?: string; cause?: unknown } = {},
  ) {
    const them = packages.length === 1 ? "it is" : "they are";
    super(
      "MISSING_PACKAGE",
      `${feature} needs ${packages.map(packageName).join(", ")}, and ${them} not installed`,
      {
        details: `npm install ${packages.join(" ")}${options.hint === undefined ? "" : `, ${options.hint}`}`,
        cause: options.cause,
      },
    );
    this.packages = packages;
  }
}

/** `@scope/name@10` → `@scope/name`. */
function packageName(spec: string): string {
  const at = spec.indexOf("@", 1);
  return at < 0 ? spec : spec.slice(0, at);
}

/** True when `error` is Node failing to resolve one of `packages` (not a module that exists but throws). */
function isMissing(error: unknown, packages: readonly string[]): boolean {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND")
    return false;
  // Node names the package ('vega'); other loaders (vitest) name the specifier ('vega/build/index.js').
  return packages.some((spec) => {
    const name = packageName(spec);
    return error.message.includes(`'${name}'`) || error.message.includes(`'${name}/`);
  });
}

/**
 * Runs `load` (dynamic imports of modules that need `packages`), turning Node's ERR_MODULE_NOT_FOUND
 * for one of them into a MissingPackageError that says what to install. Loading on demand keeps every
 * command starting without them; other failures pass through unchanged.
 */
export async function importOptional<T>(
  load: () => Promise<T>,
  feature: string,
  packages: readonly string[],
  hint?: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packages)) throw new MissingPackageError(feature, packages, { hint, cause: error });
    throw error;
  }
}
