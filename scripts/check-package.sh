#!/usr/bin/env bash
# Packs the repository as npm publishes it, installs the tarball into an empty project the way a user
# does (production dependencies only), and checks what a user gets: the tarball's contents, every
# `pevm` command starting, a mainnet block fixture replayed, a benchmark, the root import from ESM,
# the shipped types from a TypeScript consumer, and the same with the optional packages (native
# secp256k1 and c-kzg, vega) removed. Runs from .ci/run; `npm run check:package` by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
FIXTURES=${PEVM_FIXTURES:-$REPO/../shared/fixtures}
BLOCK=$FIXTURES/mainnet/4370000.json.gz
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
step() { echo "check-package [${SECONDS}s]: $*"; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }
# The installed bin, as npx runs it, without npx's start-up per command.
pevm() { "$WORK/app/node_modules/.bin/pevm" "$@"; }

step "npm pack (prepack clears dist/, prepare builds it)"
tarball=$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -n 1)
tar -tzf "$tarball" > "$WORK/contents"
for file in dist/src/index.js dist/src/index.d.ts dist/src/cli/main.js dist/src/parallel/blockWorker.js \
  dist/src/bench/contracts/ERC20.json bin/pevm.js README.md LICENSE; do
  grep -qx "package/$file" "$WORK/contents" || fail "the tarball lacks $file"
done
if grep -E '\.test\.|\.map$|^package/(src|test|examples|scripts|docs|contracts)/' "$WORK/contents"; then
  fail "the tarball ships the files above (tests, sources or scripts)"
fi
echo "  $(wc -l < "$WORK/contents") files, $(du -k "$tarball" | cut -f1) KiB packed"

step "npm install --omit=dev the tarball into an empty project"
mkdir "$WORK/app"
cd "$WORK/app"
echo '{ "name": "consumer", "private": true, "type": "module" }' > package.json
npm install --omit=dev --no-audit --no-fund --loglevel=error "$tarball"
[ -d node_modules/@ethereumjs ] && fail "a production install pulled in @ethereumjs"

step "npx pevm --help, and every command's help"
npx --no -- pevm --help > /dev/null
for command in statetest run blocktest bench demo analyze; do pevm help "$command" > /dev/null; done

if [ -f "$BLOCK" ]; then
  step "pevm run and pevm analyze $(basename "$BLOCK")"
  pevm run "$BLOCK" --workers 2 | tail -n 1
  pevm analyze "$BLOCK" > /dev/null
else
  step "pevm run and analyze skipped: no mainnet fixtures at $FIXTURES/mainnet"
  BLOCK=
fi
TESTS=$FIXTURES/ethereum-tests
if [ -d "$TESTS" ]; then
  step "pevm statetest and pevm blocktest on one fixture each (their worker threads load from the install)"
  pevm statetest "$TESTS/GeneralStateTests/stExample/add11.json.gz" | grep "^total" | sed "s/^/  statetest /"
  pevm blocktest "$TESTS/BlockchainTests/ValidBlocks/bcStateTests/selfdestructBalance.json.gz" | grep "^total" | sed "s/^/  blocktest /"
else
  step "pevm statetest and blocktest skipped: no ethereum-tests fixtures at $TESTS"
fi

step "pevm bench --workload erc20 --gas 2e7 --peer none --json - --svg chart.svg"
pevm bench --workload erc20 --gas 2e7 --peer none --workers 1,2 --repeat 1 --json - --svg chart.svg \
  2> /dev/null > bench.json
node -e 'const r = JSON.parse(require("fs").readFileSync("bench.json", "utf8")).results[0];
  if (r.workload !== "erc20" || !(r.gas > 0)) throw new Error("bad bench report");
  console.log(`  erc20: ${r.txs} txs, ${r.gas} gas, sequential ${r.sequentialMs} ms`)'
grep -q '^<svg' chart.svg || fail "--svg wrote no SVG"

step "pevm bench --peer ethereumjs without @ethereumjs says what to install"
if pevm bench --workload erc20 --gas 2e7 --peer ethereumjs 2> peer.err; then fail "the ethereumjs peer ran"; fi
grep -q "npm install @ethereumjs/vm@10" peer.err || { cat peer.err; fail "no install hint for the ethereumjs peer"; }

step "ESM consumer: import from \"parallel-evm\""
node "$REPO/scripts/check-package/consumer.mjs" ${BLOCK:+"$BLOCK"}

step "TypeScript consumer type-checked against the shipped types"
cp "$REPO/scripts/check-package/consumer.ts" .
cat > tsconfig.json <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
    "noEmit": true, "skipLibCheck": false, "types": ["node"], "typeRoots": ["$REPO/node_modules/@types"]
  },
  "files": ["consumer.ts"]
}
JSON
"$REPO/node_modules/.bin/tsc" -p tsconfig.json

step "without the optional packages (secp256k1, c-kzg, vega, vega-lite: as if not installed)"
rm -rf node_modules/secp256k1 node_modules/c-kzg node_modules/vega node_modules/vega-lite
node --input-type=module -e '
  const dist = "./node_modules/parallel-evm/dist/src";
  const { nativeEcdsaRecover } = await import(`${dist}/chain/nativeSecp256k1.js`);
  const { kzgBackend } = await import(`${dist}/evm/precompiles/kzgProof.js`);
  if (nativeEcdsaRecover !== undefined || kzgBackend() !== "noble") throw new Error("a native addon still loaded");
  console.log("  sender recovery and KZG on @noble/curves")'
[ -n "$BLOCK" ] && pevm run "$BLOCK" | tail -n 1
if pevm bench --workload erc20 --gas 2e7 --peer none --svg chart.svg 2> svg.err; then fail "--svg ran without vega"; fi
grep -q "npm install vega@6 vega-lite@6" svg.err || { cat svg.err; fail "no install hint for --svg"; }

step "passed"
