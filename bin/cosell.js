#!/usr/bin/env node
// Entry point of the `cosell` command: runs the compiled CLI (build it with `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('cosell: the compiled CLI is missing; run `npm run build` in the package folder first.\n');
  process.exit(1);
}
await import(main.href);
