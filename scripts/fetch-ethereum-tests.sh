#!/usr/bin/env bash
# Fetches ethereum/tests at the commit our fixtures were taken from, for users without ../shared/fixtures.
# Result: .cache/fixtures/ethereum-tests (point PEVM_FIXTURES at .cache/fixtures to use it).
set -euo pipefail
COMMIT=4c87ebbf024a3e9ec842bcce90564f629a3bcd82
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.cache/fixtures/ethereum-tests"
if [ -d "$dest/.git" ] && [ "$(git -C "$dest" rev-parse HEAD)" = "$COMMIT" ]; then
  echo "ethereum/tests already at $COMMIT in $dest"
else
  rm -rf "$dest"
  mkdir -p "$dest"
  git -C "$dest" init -q
  git -C "$dest" remote add origin https://github.com/ethereum/tests.git
  git -C "$dest" fetch -q --depth 1 origin "$COMMIT"
  git -C "$dest" checkout -q FETCH_HEAD
  echo "ethereum/tests $COMMIT checked out in $dest"
fi
echo "Run tests against it with: PEVM_FIXTURES=$root/.cache/fixtures npm test"
