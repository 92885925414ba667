import { importOptional } from "./importOptional.js";

/** What runEthereumjs.ts imports: development dependencies of this package, optional peers of its users. */
const ETHEREUMJS_PACKAGES = [
  "@ethereumjs/vm@10",
  "@ethereumjs/block@10",
  "@ethereumjs/common@10",
  "@ethereumjs/statemanager@10",
  "@ethereumjs/tx@10",
  "@ethereumjs/util@10",
];

/**
 * The ethereumjs peer of `pevm bench`, imported only when asked for: a production install has no
 * @ethereumjs packages, and every other command must start without them. Throws MissingPackageError
 * naming what to install when they are absent.
 */
export function loadEthereumjsPeer(): Promise<typeof import("./runEthereumjs.js")> {
  return importOptional(
    () => import("./runEthereumjs.js"),
    "pevm bench --peer ethereumjs",
    ETHEREUMJS_PACKAGES,
    "or run with --peer none",
  );
}
