// Compiles the TypeScript ahead of time into dist/, so the command line and the server start without a compiler:
// `npm ci` runs this (prepare), and so do `npm start` (prestart) and `npm test`. Plain JavaScript, so it needs
// nothing but esbuild to run. Each entry is one file with its own code bundled in; packages stay in node_modules.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);

const common = {
  absWorkingDir: new URL('.', root).pathname,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

rmSync(dist, { recursive: true, force: true });
// The command line is one self-contained file (zod included, trimmed to what it uses): loading zod's hundreds of
// modules from node_modules took longer than the whole diagnosis of a paste. It uses no Slack, Teams or HTTP server.
// `watch` is its own file (dist/watch-cli.js, with the Slack and Teams code), loaded only by that command.
// `report` too (dist/report-cli.js): it opens the SQLite database, whose native driver takes a while to load.
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  external: ['./watch-cli.js', './report-cli.js', './probe-cli.js', 'better-sqlite3'],
});
await build({
  ...common,
  entryPoints: {
    // `npm start`: every front door.
    main: 'src/main.ts',
    // The scan worker the server starts for big logs (src/scan/pool.ts finds it beside main.js).
    worker: 'src/scan/worker.ts',
    // `mailhandler-doctor watch`.
    'watch-cli': 'src/watch-cli.ts',
    // `mailhandler-doctor report`.
    'report-cli': 'src/report-cli.ts',
    // `mailhandler-doctor probe`.
    'probe-cli': 'src/probe-cli.ts',
  },
  packages: 'external',
});
// The pages, scripts and styles (playground, report), read at start-up beside the code that serves them.
for (const dir of ['src/playground/assets/', 'src/report/assets/']) {
  cpSync(new URL(dir, root), new URL('assets/', dist), { recursive: true });
}
