#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), so `npx mailhandler-doctor` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
await run(process.argv.slice(2));
