import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { TEST_DATA_DIR } from '../helpers.js';

// The playground's preview of a big paste: the diagnosis and the search for lines holding a secret both run in the
// scan workers, so the server keeps answering (/healthz here) while they work. Before, the secret search ran on the
// main thread and a 9 MB paste of `a=b&` held every other request for seconds.

const MB = 1024 * 1024;
let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off' });
});
afterAll(() => app.close());

describe('a 9 MB preview (the JSON limit is 10 MB)', () => {
  it('leaves the server answering /healthz again and again while it is worked out', async () => {
    const paste = JSON.stringify({
      text: `client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2\n${'a=b&'.repeat((9 * MB) / 4)}`,
    });
    let done = false;
    const preview = fetch(`${app.url}/api/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: paste,
    }).finally(() => {
      done = true;
    });
    let answered = 0;
    while (!done) {
      const res = await fetch(`${app.url}/healthz`);
      if (res.status === 200) answered++;
      await res.arrayBuffer();
    }
    const res = await preview;
    const body = (await res.json()) as { secretLines: number[]; error?: string };
    expect(res.status, body.error).toBe(200);
    expect(body.secretLines).toContain(1);
    expect(body.secretLines).not.toContain(2);
    // The secret search alone takes over a second on this much text; answered in the meantime, not once at the end.
    expect(answered).toBeGreaterThanOrEqual(100);
  });
});
