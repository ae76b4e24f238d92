import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { TEST_DATA_DIR } from '../helpers.js';

// What a page on another site, or a DNS-rebinding trick, can do with the browser-facing routes: nothing.

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({
    PORT: '0',
    DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: 'silent',
    TENANT_LOOKUP: 'off',
    ALLOWED_HOSTS: 'doctor.contoso.com',
  });
});
afterAll(() => app.close());

/** A raw request, so the Host header is exactly what a browser would send. */
function raw(
  path: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const LOG = 'ERROR GraphServiceException: Error code: InvalidAuthenticationToken Invalid audience';

describe('the browser-facing routes answer only their own pages and programs', () => {
  const own = () => new URL(app.url).host;

  it('refuse a cross-origin text/plain POST, which a page elsewhere can send without a preflight', async () => {
    const res = await raw(
      '/api/diagnose',
      'POST',
      {
        host: own(),
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'text/plain',
      },
      LOG,
    );
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Invalid audience');
    const noSecFetch = await raw(
      '/api/diagnose',
      'POST',
      { host: own(), origin: 'null', 'content-type': 'text/plain' },
      LOG,
    );
    expect(noSecFetch.status).toBe(403);
  });

  it('refuse a wrong Host (DNS rebinding) on the page, the API and the tenant look-up', async () => {
    for (const [path, method] of [
      ['/', 'GET'],
      ['/api/diagnose', 'POST'],
      ['/api/preview', 'POST'],
      ['/api/tenant/contoso.com', 'GET'],
    ] as const) {
      const res = await raw(
        path,
        method,
        { host: 'evil.example', 'content-type': 'text/plain' },
        method === 'POST' ? LOG : '',
      );
      expect(res.status, path).toBe(421);
    }
  });

  it('still serve this machine, the configured public name, curl and the page itself', async () => {
    const port = new URL(app.url).port;
    for (const host of [own(), `localhost:${port}`, 'doctor.contoso.com']) {
      expect((await raw('/', 'GET', { host })).status, host).toBe(200);
    }
    const curl = await raw('/api/diagnose', 'POST', { host: own(), 'content-type': 'text/plain' }, LOG);
    expect(curl.status).toBe(200);
    expect(curl.body).toContain('Invalid audience');
    const page = await raw(
      '/api/preview',
      'POST',
      {
        host: own(),
        origin: `http://${own()}`,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      JSON.stringify({ text: LOG }),
    );
    expect(page.status).toBe(200);
  });

  it('leave the Slack and Teams endpoints to their own signatures', async () => {
    const res = await raw(
      '/api/messages',
      'POST',
      { host: 'bot.contoso.com', 'content-type': 'application/json' },
      '{}',
    );
    expect(res.status).not.toBe(421);
  });
});
