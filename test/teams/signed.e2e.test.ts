import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personal, SERVICE_URL, seed, TeamsHarness } from './helpers.js';

// Requests signed the way the Bot Framework signs them, with a local key served as the Bot Framework's: a good one
// is answered (so the 401s elsewhere do not come from a bot that refuses everything), a wrong one is not.

const APP_ID = '00000000-0000-0000-0000-0000000000b0';
const KID = 'test-signing-key';
const OUTBOUND_TOKEN = 'outbound-token-for-the-connector';
const botFrameworkKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A channel token as the Bot Connector sends it (issuer api.botframework.com, audience the bot's app id). */
function channelToken(claims: Record<string, unknown> = {}, key: KeyObject = botFrameworkKey.privateKey) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: KID });
  const body = b64url({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  });
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url');
  return `Bearer ${head}.${body}.${signature}`;
}

const RC1_WITH_SCOPES = seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt');
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const h = new TeamsHarness();
let authorizations: (string | undefined)[] = [];

beforeEach(async () => {
  await h.start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-password', MicrosoftAppTenantId: TENANT_ID });
  authorizations = [];
  nock(SERVICE_URL)
    .persist()
    .post(/^\/v3\/conversations\/.+\/activities/)
    .reply(function (uri, body) {
      authorizations.push(this.req.headers.authorization);
      h.sent.push({ path: decodeURIComponent(uri), body: body as never });
      return [200, { id: 'reply-1' }];
    });
  // Where botframework-connector looks for the channel's signing keys (AuthenticationConstants).
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: 'https://api.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, {
      keys: [
        { ...botFrameworkKey.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] },
      ],
    });
  // The bot's own token for calling the connector (client credentials at its own tenant: single-tenant, the default).
  nock('https://login.microsoftonline.com')
    .persist()
    .post(`/${TENANT_ID}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: OUTBOUND_TOKEN });
});
afterEach(() => h.stop());

describe('Teams bot with credentials', () => {
  it('answers a correctly signed request, calling the connector with its own token', async () => {
    const activity = personal(RC1_WITH_SCOPES);
    const res = await h.post(activity, { authorization: channelToken() });

    expect(res.status).toBe(200);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.path).toBe(`/v3/conversations/a:1personal-chat/activities/${activity.id}`);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
    expect(authorizations).toEqual([`Bearer ${OUTBOUND_TOKEN}`]);
    expect(h.unexpected).toEqual([]);
  });

  it.each([
    ['signed by another key', channelToken({}, strangerKey.privateKey)],
    ['meant for another bot', channelToken({ aud: '11111111-1111-1111-1111-111111111111' })],
    ['from another issuer', channelToken({ iss: 'https://sts.example.test/' })],
    ['expired', channelToken({ nbf: 1_000_000, exp: 1_000_600 })],
    ['issued for another serviceUrl', channelToken({ serviceurl: 'https://smba.trafficmanager.net/emea/' })],
  ])('answers 401 and sends nothing for a token %s', async (_name, authorization) => {
    const res = await h.post(personal(RC1_WITH_SCOPES), { authorization });

    expect(res.status).toBe(401);
    expect(h.sent).toEqual([]);
    expect(h.unexpected).toEqual([]);
  });
});

describe("the bot's own sign-in on /readyz", () => {
  const readyz = async () => {
    const res = await fetch(`${h.app.url}/readyz`);
    const body = (await res.json()) as { doors: { name: string; ready: boolean; detail: string }[] };
    return { status: res.status, teams: body.doors.find((d) => d.name === 'Teams') };
  };

  it('is ready when the bot signs in at its own tenant (single-tenant, as Azure creates bots now)', async () => {
    const { status, teams } = await readyz();
    expect(status).toBe(200);
    expect(teams).toMatchObject({ ready: true, detail: 'Teams: the bot signs in (SingleTenant)' });
  });

  it('says what to change when a single-tenant bot is run as MultiTenant (AADSTS700016 in "Bot Framework")', async () => {
    await h.stop();
    await h.start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-password', MicrosoftAppType: 'MultiTenant' });
    // Entra's answer when the app is not in the Bot Framework's own directory.
    const refused = nock('https://login.microsoftonline.com')
      .post('/botframework.com/oauth2/v2.0/token')
      .reply(400, {
        error: 'unauthorized_client',
        error_description: `AADSTS700016: Application with identifier '${APP_ID}' was not found in the directory 'Bot Framework'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant. Trace ID: 0f4e2b5c-1a3d-4c6e-8f70-9a1b2c3d4e5f`,
        error_codes: [700016],
      });
    const { status, teams } = await readyz();
    expect(refused.isDone()).toBe(true);
    expect(status).toBe(503);
    expect(teams?.ready).toBe(false);
    expect(teams?.detail).toMatch(/set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId/);
    // The secret it sent is never part of the answer.
    expect(JSON.stringify(teams)).not.toContain('test-password');
  });
});
