import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Before any test: compile dist/ from the current sources, so the command line and the server the tests start are
// never an older build than the code under test.
export default function setup() {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}
