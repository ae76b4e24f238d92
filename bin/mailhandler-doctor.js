#!/usr/bin/env node
// The command line, compiled ahead of time into dist/cli.js (`npm ci` builds it; so do `npm start` and `npm test`).
// From a checkout where dist/ is missing, it runs the TypeScript through tsx instead: slower to start, same answers.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
await cli.run(process.argv.slice(2));
