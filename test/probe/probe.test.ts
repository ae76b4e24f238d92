import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../src/app.js';
import { main } from '../../src/cli.js';
import { TEST_DATA_DIR } from '../helpers.js';

// `mailhandler-doctor probe` as an admin runs it, against fakes of what it talks to: Entra's metadata and token
// endpoint and Graph through nock (at their real host names), and an Exchange IMAP/POP/SMTP server on loopback that
// answers with the greeting, capabilities and refusals Exchange Online sends (from the traces in our corpus).

const TENANT = 'contoso.onmicrosoft.com';
const TENANT_ID = '8a7c3e1f-2b4d-4c6e-9f01-23456789abcd';
const CLIENT_ID = '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b';
const SECRET = 'Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2';
const MAILBOX = 'support@contoso.com';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) =>
  `${b64({ typ: 'JWT', alg: 'RS256', kid: 'k1' })}.${b64({ tid: TENANT_ID, exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.${'s'.repeat(43)}`;
const GRAPH_APP_TOKEN = jwt({
  aud: 'https://graph.microsoft.com',
  roles: ['Mail.ReadWrite', 'User.Read.All'],
  idtyp: 'app',
});
const EXCHANGE_APP_TOKEN = jwt({ aud: 'https://outlook.office.com', roles: ['IMAP.AccessAsApp'], idtyp: 'app' });

function metadata(host: string, cloud: 'worldwide' | 'gcc-high') {
  const gov = cloud === 'gcc-high';
  return {
    issuer: `https://${host}/${TENANT_ID}/v2.0`,
    token_endpoint: `https://${host}/${TENANT_ID}/oauth2/v2.0/token`,
    cloud_instance_name: gov ? 'microsoftonline.us' : 'microsoftonline.com',
    msgraph_host: gov ? 'graph.microsoft.us' : 'graph.microsoft.com',
    tenant_region_scope: gov ? 'USGov' : 'NA',
    tenant_region_sub_scope: gov ? 'DODCON' : null,
  };
}

function entra(host: string, cloud: 'worldwide' | 'gcc-high', token: { status: number; body: object }) {
  const seen: string[] = [];
  nock(`https://${host}`)
    .get(`/${TENANT}/v2.0/.well-known/openid-configuration`)
    .reply(200, metadata(host, cloud))
    .post(`/${TENANT}/oauth2/v2.0/token`, (body: Record<string, string>) => {
      seen.push(body.scope ?? '');
      return body.client_secret === SECRET && body.grant_type === 'client_credentials';
    })
    .reply(token.status, token.body);
  return seen;
}

/** A loopback mail server speaking Exchange Online's lines; `answers` maps a command's start to its reply. */
async function exchange(greeting: string, answers: [RegExp, string][]): Promise<{ port: number; heard: string[] }> {
  const heard: string[] = [];
  const server: Server = createServer((socket) => {
    socket.write(`${greeting}\r\n`);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        heard.push(line);
        const answer = answers.find(([re]) => re.test(line));
        if (answer) socket.write(`${answer[1]}\r\n`);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, heard };
}

const servers: Server[] = [];
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  for (const s of servers.splice(0)) s.close();
});

const probe = (args: string[], env: NodeJS.ProcessEnv = { PROBE_CLIENT_SECRET: SECRET }) =>
  main(
    [
      'probe',
      '--tenant',
      TENANT,
      '--client-id',
      CLIENT_ID,
      '--mailbox',
      MAILBOX,
      '--grant',
      'client-credentials',
      '--json',
      ...args,
    ],
    env,
  );

interface Answer {
  steps: { name: string; ok: boolean; ms: number; detail: string }[];
  diagnosis: { findings: { id: string; confidence: string }[] };
}
const answer = () => JSON.parse(out) as Answer;

describe('mailhandler-doctor probe', () => {
  it('passes every step when Jira could read the mailbox over Graph (exit 0)', async () => {
    const scopes = entra('login.microsoftonline.com', 'worldwide', {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: GRAPH_APP_TOKEN },
    });
    const graph = nock('https://graph.microsoft.com')
      .get(`/v1.0/users/${encodeURIComponent(MAILBOX)}/mailFolders/inbox/messages`)
      .query({ $top: '1', $select: 'id' })
      .matchHeader('authorization', `Bearer ${GRAPH_APP_TOKEN}`)
      .reply(200, { value: [{ id: 'AAMkAD' }] }, { 'request-id': '4b1c7d52-7f3e-4c1a-9d2e-5a6b7c8d9e0f' });
    expect(await probe(['--protocol', 'graph'])).toBe(0);
    expect(graph.isDone()).toBe(true);
    expect(scopes).toEqual(['https://graph.microsoft.com/.default']);
    const a = answer();
    expect(a.steps.map((s) => [s.name, s.ok])).toEqual([
      ['tenant', true],
      ['token', true],
      ['claims', true],
      ['graph', true],
    ]);
    expect(a.steps[2]?.detail).toMatch(/audience https:\/\/graph\.microsoft\.com, roles Mail\.ReadWrite/);
  });

  it('stops at the token step for a wrong secret, and answers with the secret-ID-or-value rule (exit 1)', async () => {
    nock('https://login.microsoftonline.com')
      .get(`/${TENANT}/v2.0/.well-known/openid-configuration`)
      .reply(200, metadata('login.microsoftonline.com', 'worldwide'))
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .reply(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${CLIENT_ID}'. Trace ID: 0f4e2b5c-1a3d-4c6e-8f70-9a1b2c3d4e5f Correlation ID: 7d2a9c1e-3b4f-4e5a-8c6d-1f2e3a4b5c6d Timestamp: 2026-12-05 05:10:11Z`,
        error_codes: [7000215],
      });
    const bundle = join(mkdtempSync(join(tmpdir(), 'mhd-probe-')), 'bundle.json');
    expect(await probe(['--protocol', 'graph', '--bundle', bundle], { PROBE_CLIENT_SECRET: 'the-wrong-one-123' })).toBe(
      1,
    );
    const a = answer();
    expect(a.steps.map((s) => [s.name, s.ok])).toEqual([
      ['tenant', true],
      ['token', false],
    ]);
    expect(a.steps[1]?.detail).toBe('HTTP 401 invalid_client (AADSTS7000215)');
    expect(a.diagnosis.findings[0]?.id).toBe('entra-secret-id-instead-of-value');
    const written = readFileSync(bundle, 'utf8');
    expect(JSON.parse(written).steps).toHaveLength(2);
    for (const text of [out, err, written]) expect(text).not.toContain('the-wrong-one-123');
  });

  it('says a token for Exchange was used on Graph: the claims step fails, the answer is the wrong-resource finding', async () => {
    entra('login.microsoftonline.com', 'worldwide', {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: EXCHANGE_APP_TOKEN },
    });
    expect(await probe(['--protocol', 'graph'])).toBe(1);
    const a = answer();
    expect(a.steps.at(-1)).toMatchObject({ name: 'claims', ok: false });
    expect(a.steps.at(-1)?.detail).toMatch(/audience https:\/\/outlook\.office\.com.*not a token for Graph/);
    expect(a.diagnosis.findings.map((f) => f.id)).toContain('graph-token-for-wrong-resource');
    // The token itself is never printed, only what it says.
    expect(out).not.toContain(EXCHANGE_APP_TOKEN.split('.')[1]);
  });

  it('reads IMAP as Exchange answers it: AUTHENTICATE failed stops the probe and is answered by the IMAP family', async () => {
    entra('login.microsoftonline.com', 'worldwide', {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: EXCHANGE_APP_TOKEN },
    });
    const imap = await exchange(
      '* OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADEAMQBDAEEAMAAwADAAMQAuAG4AYQBtAHAAcgBkADEAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]',
      [[/^A1 AUTHENTICATE XOAUTH2 /, 'A1 NO AUTHENTICATE failed.']],
    );
    expect(await probe(['--protocol', 'imap', '--mail-host', `imap://127.0.0.1:${imap.port}`])).toBe(1);
    const a = answer();
    expect(a.steps.map((s) => [s.name, s.ok])).toEqual([
      ['tenant', true],
      ['token', true],
      ['claims', true],
      ['imap-connect', true],
      ['imap-authenticate', false],
    ]);
    expect(a.steps[4]?.detail).toBe('A1 NO AUTHENTICATE failed.');
    // SASL-IR: the token went on the AUTHENTICATE line, as Exchange wants it, for this mailbox.
    const sent = Buffer.from(imap.heard[0]?.split(' ')[3] ?? '', 'base64').toString();
    expect(sent).toBe(`user=${MAILBOX}\x01auth=Bearer ${EXCHANGE_APP_TOKEN}\x01\x01`);
    expect(a.diagnosis.findings[0]?.id).toMatch(/^imap-/);
  });

  it('selects the inbox when IMAP accepts the token (exit 0), and reads POP the Exchange way (token after the +)', async () => {
    entra('login.microsoftonline.com', 'worldwide', {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: EXCHANGE_APP_TOKEN },
    });
    const imap = await exchange('* OK The Microsoft Exchange IMAP4 service is ready.', [
      [/^A1 AUTHENTICATE/, 'A1 OK AUTHENTICATE completed.'],
      [/^A2 SELECT INBOX/, '* 3 EXISTS\r\nA2 OK [READ-WRITE] SELECT completed.'],
    ]);
    expect(await probe(['--protocol', 'imap', '--mail-host', `imap://127.0.0.1:${imap.port}`])).toBe(0);
    expect(answer().steps.at(-1)).toMatchObject({ name: 'imap-select', ok: true });

    out = '';
    const popToken = jwt({ aud: 'https://outlook.office.com', roles: ['POP.AccessAsApp'], idtyp: 'app' });
    entra('login.microsoftonline.com', 'worldwide', { status: 200, body: { access_token: popToken } });
    const pop = await exchange('+OK The Microsoft Exchange POP3 service is ready.', [
      [/^AUTH XOAUTH2$/, '+ '],
      [/^dXNlcj/, '-ERR Authentication failure: unknown user name or bad password.'],
    ]);
    expect(await probe(['--protocol', 'pop', '--mail-host', `pop3://127.0.0.1:${pop.port}`])).toBe(1);
    expect(answer().steps.at(-1)).toEqual(
      expect.objectContaining({
        name: 'pop-authenticate',
        ok: false,
        detail: '-ERR Authentication failure: unknown user name or bad password.',
      }),
    );
    expect(pop.heard[0]).toBe('AUTH XOAUTH2');
  });

  it('sends over SMTP with XOAUTH2 and reads 535 5.7.3 as the refused-token finding', async () => {
    const smtpToken = jwt({ aud: 'https://outlook.office.com', roles: ['SMTP.SendAsApp'], idtyp: 'app' });
    entra('login.microsoftonline.com', 'worldwide', { status: 200, body: { access_token: smtpToken } });
    const smtp = await exchange('220 AM0PR02CA0134.outlook.office365.com Microsoft ESMTP MAIL Service ready', [
      [/^EHLO /, '250-AM0PR02CA0134.outlook.office365.com Hello [127.0.0.1]\r\n250-AUTH LOGIN XOAUTH2\r\n250 SMTPUTF8'],
      [/^AUTH XOAUTH2 /, '535 5.7.3 Authentication unsuccessful [AM0PR02CA0134.eurprd02.prod.outlook.com]'],
    ]);
    expect(await probe(['--protocol', 'smtp', '--mail-host', `smtp://127.0.0.1:${smtp.port}`])).toBe(1);
    const a = answer();
    expect(a.steps.slice(3).map((s) => [s.name, s.ok])).toEqual([
      ['smtp-connect', true],
      ['smtp-starttls', true],
      ['smtp-authenticate', false],
    ]);
    expect(a.diagnosis.findings[0]?.id).toBe('smtp-oauth-token-refused');
  });

  it("uses the government cloud's hosts when the tenant's metadata says GCC High", async () => {
    const scopes = entra('login.microsoftonline.us', 'gcc-high', {
      status: 200,
      body: { access_token: jwt({ aud: 'https://graph.microsoft.us', roles: ['Mail.ReadWrite'], idtyp: 'app' }) },
    });
    const graph = nock('https://graph.microsoft.us')
      .get(`/v1.0/users/${encodeURIComponent(MAILBOX)}/mailFolders/inbox/messages`)
      .query(true)
      .reply(200, { value: [] });
    expect(
      await probe(['--protocol', 'graph', '--cloud', 'gcc-high', '--login-host', 'https://login.microsoftonline.us']),
    ).toBe(0);
    expect(graph.isDone()).toBe(true);
    expect(scopes).toEqual(['https://graph.microsoft.us/.default']);
    expect(answer().steps[0]?.detail).toMatch(/^GCC High; token endpoint login\.microsoftonline\.us$/);
  });

  it.each([
    [['--protocol', 'graph', '--client-secret', SECRET], /never taken from a flag/],
    [['--protocol', 'ftp'], /--protocol must be graph, imap, pop or smtp/],
    [['--protocol', 'graph', '--login-host', 'http://login.example.com'], /only https:\/\//],
    [['--protocol', 'imap', '--mail-host', 'imap://mail.example.com:143'], /unencrypted: only for a loopback/],
  ])('refuses %j with exit 2 and a sentence, asking Microsoft nothing', async (args, message) => {
    expect(await probe(args)).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toContain(SECRET);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks for the secret when PROBE_CLIENT_SECRET is not set, and refuses without a terminal', async () => {
    expect(await probe(['--protocol', 'graph'], {})).toBe(2);
    expect(err).toMatch(/set PROBE_CLIENT_SECRET/);
  });
});

describe('mailhandler-doctor probe --expiry', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString();
  const app = (credentials: object) => {
    nock('https://login.microsoftonline.com')
      .post(
        `/${TENANT}/oauth2/v2.0/token`,
        (body: Record<string, string>) => body.scope === 'https://graph.microsoft.com/.default',
      )
      .reply(200, { access_token: GRAPH_APP_TOKEN });
    return nock('https://graph.microsoft.com')
      .get(`/v1.0/applications(appId='${CLIENT_ID}')`)
      .query({ $select: 'displayName,passwordCredentials,keyCredentials' })
      .reply(200, { displayName: 'Jira mail', ...credentials });
  };
  const expiry = (env: NodeJS.ProcessEnv = { PROBE_CLIENT_SECRET: SECRET }) =>
    main(['probe', '--expiry', '--tenant', TENANT, '--client-id', CLIENT_ID], env);

  it('lists secrets and certificates soonest first, and exits 1 when one ends within 30 days', async () => {
    const graph = app({
      passwordCredentials: [
        {
          displayName: 'Jira link 2026',
          keyId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          endDateTime: inDays(6),
          hint: 'Xk2',
        },
        { displayName: 'spare', keyId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', endDateTime: inDays(400) },
      ],
      keyCredentials: [
        { displayName: 'CN=jira', keyId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', endDateTime: inDays(90) },
      ],
    });
    expect(await expiry()).toBe(1);
    expect(graph.isDone()).toBe(true);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('Jira mail:');
    expect(lines[1]).toMatch(/client secret "Jira link 2026" .* in 6 day\(s\) {2}← renew it/);
    expect(lines[2]).toMatch(/certificate "CN=jira" .* in 90 day\(s\)$/);
    expect(lines[3]).toMatch(/client secret "spare" .* in 400 day\(s\)$/);
    expect(out + err).not.toContain(SECRET);
  });

  it('exits 0 when nothing ends within 30 days, and says which permission a 403 lacks', async () => {
    app({ passwordCredentials: [{ displayName: 'Jira link', keyId: 'k', endDateTime: inDays(200) }] });
    expect(await expiry()).toBe(0);
    nock('https://login.microsoftonline.com')
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .reply(200, { access_token: GRAPH_APP_TOKEN });
    nock('https://graph.microsoft.com')
      .get(/applications/)
      .reply(403, {
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      });
    expect(await expiry()).toBe(1);
    expect(err).toMatch(
      /HTTP 403 Authorization_RequestDenied: the app needs the Application\.Read\.All application permission/,
    );
  });
});

describe('the live check on the local page (POST /api/probe)', () => {
  const form = {
    protocol: 'graph',
    grant: 'client-credentials',
    tenant: TENANT,
    clientId: CLIENT_ID,
    mailbox: MAILBOX,
  };

  it('runs the steps and answers with them and the diagnosis, never the secret or the token', async () => {
    const app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off' });
    try {
      entra('login.microsoftonline.com', 'worldwide', { status: 200, body: { access_token: EXCHANGE_APP_TOKEN } });
      const res = await fetch(`${app.url}/api/probe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...form, secret: SECRET }),
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      const body = JSON.parse(text) as Answer & { summary: { headline: string } };
      expect(body.steps.map((s) => [s.name, s.ok])).toEqual([
        ['tenant', true],
        ['token', true],
        ['claims', false],
      ]);
      expect(body.diagnosis.findings.map((f) => f.id)).toContain('graph-token-for-wrong-resource');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(EXCHANGE_APP_TOKEN.split('.')[1]);

      const bad = await fetch(`${app.url}/api/probe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...form, clientId: 'not-a-guid', secret: SECRET }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'Check clientId: it is missing or not in the form the probe needs.' });
    } finally {
      await app.close();
    }
  });

  it('is refused when the playground is reachable from other machines', async () => {
    const app = await startApp({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent' });
    try {
      const res = await fetch(`${app.url}/api/probe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...form, secret: SECRET }),
      });
      expect(res.status).toBe(403);
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
