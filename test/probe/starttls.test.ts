import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// SMTP's STARTTLS for real: the installed `probe` command (a child process, as an admin runs it) against a loopback
// Exchange-like SMTP server that offers STARTTLS and switches to TLS with a certificate made for this test, and a
// loopback Entra. The certificate is trusted the way a company's own CA is, with NODE_EXTRA_CA_CERTS; without it the
// step fails on the certificate, so the token never crosses an unverified connection.

const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const TENANT_ID = '8a7c3e1f-2b4d-4c6e-9f01-23456789abcd';
const CLIENT_ID = '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b';
const SECRET = 'Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ tid: TENANT_ID, aud: 'https://outlook.office.com', roles: ['SMTP.SendAsApp'], idtyp: 'app', exp: Math.floor(Date.now() / 1000) + 3600 })}.${'s'.repeat(43)}`;

const dir = mkdtempSync(join(tmpdir(), 'mhd-starttls-'));
const KEY = join(dir, 'key.pem');
const CERT = join(dir, 'cert.pem');
let entra: HttpServer;
let smtp: Server;
let entraUrl = '';
let smtpPort = 0;
/** What the SMTP server heard, and whether the connection was encrypted when it heard it. */
const heard: { line: string; tls: boolean }[] = [];

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      KEY,
      '-out',
      CERT,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  entra = createHttp((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/.well-known/openid-configuration')) {
        return res.end(
          JSON.stringify({
            issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
            token_endpoint: `${entraUrl}/${TENANT_ID}/oauth2/v2.0/token`,
            cloud_instance_name: 'microsoftonline.com',
            msgraph_host: 'graph.microsoft.com',
            tenant_region_scope: 'EU',
          }),
        );
      }
      const form = new URLSearchParams(body);
      if (form.get('client_secret') !== SECRET) return res.writeHead(401).end('{"error":"invalid_client"}');
      res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: TOKEN }));
    });
  });
  await new Promise<void>((r) => entra.listen(0, '127.0.0.1', r));
  entraUrl = `http://127.0.0.1:${(entra.address() as { port: number }).port}`;
  smtp = createServer((plain) => {
    let socket: Socket | TLSSocket = plain;
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        const tls = socket instanceof TLSSocket;
        heard.push({ line, tls });
        if (/^EHLO /.test(line)) {
          socket.write(
            tls
              ? '250-AM0PR02CA0134.outlook.office365.com Hello [127.0.0.1]\r\n250-AUTH LOGIN XOAUTH2\r\n250 SMTPUTF8\r\n'
              : '250-AM0PR02CA0134.outlook.office365.com Hello [127.0.0.1]\r\n250-STARTTLS\r\n250 SMTPUTF8\r\n',
          );
        } else if (line === 'STARTTLS') {
          socket.write('220 2.0.0 SMTP server ready\r\n');
          plain.removeListener('data', onData);
          socket = new TLSSocket(plain, { isServer: true, key: readFileSync(KEY), cert: readFileSync(CERT) });
          socket.on('data', onData);
          socket.on('error', () => {});
        } else if (/^AUTH XOAUTH2 /.test(line)) socket.write('235 2.7.0 Authentication successful\r\n');
        else if (line === 'QUIT') socket.end('221 2.0.0 Service closing transmission channel\r\n');
      }
    };
    plain.on('data', onData);
    plain.on('error', () => {});
    plain.write('220 AM0PR02CA0134.outlook.office365.com Microsoft ESMTP MAIL Service ready\r\n');
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.address() as { port: number }).port;
}, 30_000);

afterAll(() => {
  entra?.close();
  smtp?.close();
});

function probe(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const args = ['probe', '--protocol', 'smtp', '--tenant', TENANT_ID, '--client-id', CLIENT_ID];
  args.push('--mailbox', 'support@contoso.com', '--grant', 'client-credentials', '--json');
  args.push('--login-host', entraUrl, '--mail-host', `smtp://127.0.0.1:${smtpPort}`);
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PROBE_CLIENT_SECRET: SECRET, TENANT_LOOKUP: 'off', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

type Steps = { steps: { name: string; ok: boolean; detail: string }[] };

describe('probe over SMTP with STARTTLS', () => {
  it('switches to TLS, checks the certificate, and sends the token only over TLS', async () => {
    heard.length = 0;
    const run = await probe({ NODE_EXTRA_CA_CERTS: CERT });
    expect(run.err).toBe('');
    const steps = (JSON.parse(run.out) as Steps).steps.map((s) => [s.name, s.ok, s.detail]);
    expect(steps.slice(3)).toEqual([
      ['smtp-connect', true, expect.any(String)],
      ['smtp-starttls', true, 'TLS after STARTTLS'],
      ['smtp-authenticate', true, '235 2.7.0 Authentication successful'],
    ]);
    expect(run.code).toBe(0);
    const auth = heard.find((h) => h.line.startsWith('AUTH XOAUTH2 '));
    expect(auth?.tls).toBe(true);
    expect(heard.filter((h) => !h.tls).map((h) => h.line)).toEqual(['EHLO mailhandler-doctor.probe', 'STARTTLS']);
    expect(run.out).not.toContain(SECRET);
    expect(run.out).not.toContain(TOKEN.split('.')[1]);
  });

  it('stops at STARTTLS, before the token is sent, when the certificate is not trusted', async () => {
    heard.length = 0;
    const run = await probe({});
    expect(run.code).toBe(1);
    const steps = (JSON.parse(run.out) as Steps).steps;
    const starttls = steps.find((s) => s.name === 'smtp-starttls');
    expect(starttls?.ok).toBe(false);
    expect(starttls?.detail).toMatch(/certificate/i);
    expect(steps.some((s) => s.name === 'smtp-authenticate')).toBe(false);
    expect(heard.some((h) => h.line.startsWith('AUTH'))).toBe(false);
  });
});
