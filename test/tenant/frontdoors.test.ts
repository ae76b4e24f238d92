import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { main } from '../../src/cli.js';
import { clearTenantCache } from '../../src/tenant/lookup.js';
import { TEST_DATA_DIR } from '../helpers.js';
import { MICROSOFT, microsoftDoesNotKnow, microsoftKnows, onlyLoopback, resetNetwork, TENANTS } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

beforeEach(() => {
  clearTenantCache();
  onlyLoopback();
});
afterEach(() => {
  resetNetwork();
  vi.restoreAllMocks();
});

const body = async (res: Response) => (await res.json()) as { ok?: boolean; message?: string; text?: string };

/** Runs the tenant command in this process (so nock sees its request) and collects what it prints. */
async function tenantCommand(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const code = await main(['tenant', ...args], { TENANT_LOOKUP: 'on' });
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('mailhandler-doctor tenant', () => {
  it('prints the cloud and the IMAP/POP workaround for a GCC High tenant and exits 0', async () => {
    microsoftKnows('gcc-high');
    const { code, stdout } = await tenantCommand(TENANTS['gcc-high'].domain);
    expect(code).toBe(0);
    expect(stdout).toContain('is in GCC High');
    expect(stdout).toContain('https://outlook.office365.us/IMAP.AccessAsUser.All');
  });

  it('prints JSON with --json', async () => {
    microsoftKnows('worldwide');
    const { code, stdout } = await tenantCommand('contoso.com', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, cloud: 'worldwide', graphProtocolWorks: true });
  });

  it('says Microsoft does not know an unknown tenant and exits 1', async () => {
    microsoftDoesNotKnow('no-such-tenant.onmicrosoft.com');
    const { code, stderr } = await tenantCommand('no-such-tenant.onmicrosoft.com');
    expect(code).toBe(1);
    expect(stderr).toContain('Microsoft does not know this tenant');
  });

  it('exits 2 with a message for invalid input, without a request', async () => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, {});
    const { code, stderr } = await tenantCommand('evil.com/../x');
    expect(code).toBe(2);
    expect(stderr).toContain('nothing was looked up');
    expect(anything.isDone()).toBe(false);
  });

  it('exits 2 on usage errors', async () => {
    expect((await tenantCommand()).code).toBe(2);
    expect((await tenantCommand('a.com', 'b.com')).code).toBe(2);
    expect((await tenantCommand('--bogus', 'a.com')).code).toBe(2);
  });

  it('works through the real command line: invalid input exits 2, TENANT_LOOKUP=off exits 1 without a request', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['bin/mailhandler-doctor.js', 'tenant', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        // Neither case may reach the network: the input is refused, or the look-up is off.
        env: { ...process.env, ...env },
      });
    const invalid = run(['127.0.0.1:8080']);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('domain name');
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
    const off = run(['contoso.com'], { TENANT_LOOKUP: 'off' });
    expect(off.status).toBe(1);
    expect(off.stderr).toContain('TENANT_LOOKUP=off');
  });
});

describe('GET /api/tenant/<domain-or-id>', () => {
  let app: RunningApp;
  let offApp: RunningApp;
  beforeAll(async () => {
    app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent' });
    offApp = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off' });
  });
  afterAll(async () => {
    await app?.close();
    await offApp?.close();
  });

  it('answers JSON with the cloud and the chat text', async () => {
    microsoftKnows('dod', TENANTS.dod.id);
    const res = await fetch(`${app.url}/api/tenant/${TENANTS.dod.id}`);
    expect(res.status).toBe(200);
    const json = await body(res);
    expect(json).toMatchObject({
      ok: true,
      cloud: 'dod',
      graphHost: 'dod-graph.microsoft.us',
      graphProtocolWorks: false,
    });
    expect(json.text).toContain('is in DoD');
  });

  it('answers plain text with ?format=text', async () => {
    microsoftKnows('gcc');
    const res = await fetch(`${app.url}/api/tenant/countyclerk.gov?format=text`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('Plain GCC uses the worldwide endpoints');
  });

  it('answers 404 for a tenant Microsoft does not know', async () => {
    microsoftDoesNotKnow('no-such-tenant.onmicrosoft.com');
    const res = await fetch(`${app.url}/api/tenant/no-such-tenant.onmicrosoft.com`);
    expect(res.status).toBe(404);
    expect((await body(res)).message).toContain('Microsoft does not know this tenant');
  });

  it('answers 502 when Microsoft fails with a 500', async () => {
    nock(MICROSOFT)
      .get(() => true)
      .reply(500, 'oops');
    const res = await fetch(`${app.url}/api/tenant/contoso.com`);
    expect(res.status).toBe(502);
    expect((await body(res)).ok).toBe(false);
  });

  it.each([
    '/api/tenant/evil.com/../x',
    '/api/tenant/evil.com%2F..%2Fx',
    '/api/tenant/127.0.0.1:8080',
    '/api/tenant/https%3A%2F%2Fcontoso.com',
    '/api/tenant/contoso%20.com',
    '/api/tenant/%E0%A4%A',
    '/api/tenant/',
  ])('refuses %s with 400 and never calls Microsoft', async (path) => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, {});
    // node:http sends the path as given, without resolving "..", like a hand-made client would.
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${app.url}${path}`, (r) => {
          let body = '';
          r.on('data', (c) => {
            body += c;
          });
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        }).on('error', reject),
      );
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toContain('domain name');
    expect(anything.isDone()).toBe(false);
  });

  it('makes no request with TENANT_LOOKUP=off and says so', async () => {
    const scope = microsoftKnows('worldwide');
    const res = await fetch(`${offApp.url}/api/tenant/contoso.com`);
    expect(res.status).toBe(503);
    expect((await body(res)).message).toContain('TENANT_LOOKUP=off');
    expect(scope.isDone()).toBe(false);
    expect(offApp.frontDoors.find((d) => d.name === 'Tenant look-up')?.status).toContain('off');
  });
});
