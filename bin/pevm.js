#!/usr/bin/env node
// Thin shim: the CLI is TypeScript compiled to dist/ (`npm run build`).
import { runCli } from "../dist/src/cli/main.js";

// exitCode rather than process.exit() so a large --json report finishes flushing to a pipe.
process.exitCode = await runCli(process.argv.slice(2));
