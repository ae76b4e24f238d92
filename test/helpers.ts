import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { type AppContext, createContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { MemoryState } from '../src/store/index.js';

/** Where apps started by tests keep their database (DATA_DIR): a fresh directory per test file. */
export const TEST_DATA_DIR = mkdtempSync(join(tmpdir(), 'mhd-data-'));

/** A DATA_DIR of its own, for an app started as a fresh install. */
export const freshDataDir = () => mkdtempSync(join(tmpdir(), 'mhd-data-'));

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const fixture = (...parts: string[]) => readFileSync(join(FIXTURES, ...parts), 'utf8');

/** Every fixture file under test/fixtures, as [relative path, text]. */
export function allFixtures(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(log|txt|json|html)$/.test(name)) out.push([path.slice(FIXTURES.length), readFileSync(path, 'utf8')]);
    }
  };
  walk(FIXTURES);
  return out;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned but well-formed JWT with the given claims, shaped like an Entra access token. */
export function makeJwt(claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: 'test-key-id', nonce: 'abc' };
  const body = {
    iat: 1_700_000_000,
    nbf: 1_700_000_000,
    exp: 4_102_444_800,
    tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scp: 'Mail.ReadWrite',
    ...claims,
  };
  return `${b64url(header)}.${b64url(body)}.${Buffer.from('not-a-real-signature-but-long-enough-to-look-like-one').toString('base64url')}`;
}

/** Secret values to splice into fixtures; none may ever come back out. */
export const SECRETS = {
  accessToken: makeJwt({ aud: 'https://graph.microsoft.com', upn: 'mailbox@contoso.com' }),
  clientSecret: 'Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2',
  refreshToken: `0.AXkAv4j5cvGGr0GRqy180BHbR8mS${'qZ3nT7vL1kP9xW2cF5bH8jD4gN6sA0eR'.repeat(6)}`,
  password: 'Summer2023!Secret',
  slackToken: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  bearer: 'ya29.a0AfB_byCexampleopaquebearervalue1234567890',
};

export function spliceSecrets(text: string): string {
  const s = SECRETS;
  return [
    `Authorization: Bearer ${s.accessToken}`,
    text,
    `client_secret=${s.clientSecret}&grant_type=refresh_token&refresh_token=${s.refreshToken}`,
    `"password": "${s.password}"`,
    `token for the bot: ${s.slackToken}`,
    `Authorization: Bearer ${s.bearer}`,
  ].join('\n');
}

/** The context front doors are built from, as app.ts builds it, from environment-style settings. */
export function testContext(env: Record<string, string> = {}): AppContext {
  // Its own state in memory: what one test claims or keeps is not seen by the next.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: TEST_DATA_DIR, ...env });
  return createContext(config, createLogger('silent'), new MemoryState());
}
