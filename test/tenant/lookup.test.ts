import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearTenantCache, describeTenant, lookupTenant, parseTenant } from '../../src/tenant/lookup.js';
import { testContext } from '../helpers.js';
import {
  fixture,
  MICROSOFT,
  metadataPath,
  microsoftDoesNotKnow,
  microsoftKnows,
  onlyLoopback,
  resetNetwork,
  TENANTS,
} from './helpers.js';

beforeEach(() => {
  clearTenantCache();
  onlyLoopback();
});
afterEach(resetNetwork);

describe('lookupTenant reads the cloud from Microsoft metadata', () => {
  it('finds a worldwide tenant, where the Graph protocol works', async () => {
    const scope = microsoftKnows('worldwide');
    const result = await lookupTenant('contoso.com', { enabled: true });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      ok: true,
      tenant: 'contoso.com',
      tenantId: TENANTS.worldwide.id,
      cloud: 'worldwide',
      graphHost: 'graph.microsoft.com',
      loginHost: 'login.microsoftonline.com',
      imapScopePrefix: 'https://outlook.office.com/',
      graphProtocolWorks: true,
      workaround: [],
    });
    expect(describeTenant(result)).toContain("JSM's Graph protocol can work here");
  });

  it('tells plain GCC apart from GCC High and says it keeps the worldwide endpoints', async () => {
    microsoftKnows('gcc');
    const result = await lookupTenant('countyclerk.gov', { enabled: true });
    expect(result).toMatchObject({
      ok: true,
      cloud: 'gcc',
      graphHost: 'graph.microsoft.com',
      graphProtocolWorks: true,
    });
    const text = describeTenant(result);
    expect(text).toContain('GCC (Government Community Cloud, moderate)');
    expect(text).toContain('Plain GCC uses the worldwide endpoints');
  });

  it('finds a GCC High tenant (DODCON) and gives the IMAP/POP workaround with its tenant id', async () => {
    microsoftKnows('gcc-high');
    const result = await lookupTenant(TENANTS['gcc-high'].domain, { enabled: true });
    expect(result).toMatchObject({
      ok: true,
      cloud: 'gcc-high',
      graphHost: 'graph.microsoft.us',
      loginHost: 'login.microsoftonline.us',
      imapScopePrefix: 'https://outlook.office365.us/',
      graphProtocolWorks: false,
      metadata: { tenant_region_sub_scope: 'DODCON', cloud_instance_name: 'microsoftonline.us' },
    });
    const text = describeTenant(result);
    expect(text).toContain("JSM's Graph protocol cannot work here");
    expect(text).toContain(
      'https://outlook.office365.us/IMAP.AccessAsUser.All https://outlook.office365.us/POP.AccessAsUser.All offline_access',
    );
    expect(text).toContain(`https://login.microsoftonline.us/${TENANTS['gcc-high'].id}/oauth2/v2.0/token`);
    expect(text).toContain('portal.azure.us');
  });

  it('finds a DoD tenant by its GUID and names dod-graph.microsoft.us', async () => {
    microsoftKnows('dod', TENANTS.dod.id);
    const result = await lookupTenant(TENANTS.dod.id.toUpperCase(), { enabled: true });
    expect(result).toMatchObject({
      ok: true,
      cloud: 'dod',
      tenant: TENANTS.dod.id,
      graphHost: 'dod-graph.microsoft.us',
    });
    expect(describeTenant(result)).toContain('not verified for DoD');
  });

  it('finds a 21Vianet tenant and says no workaround is documented', async () => {
    microsoftKnows('china');
    const result = await lookupTenant(TENANTS.china.domain, { enabled: true });
    expect(result).toMatchObject({
      ok: true,
      cloud: 'china',
      graphHost: 'microsoftgraph.chinacloudapi.cn',
      loginHost: 'login.chinacloudapi.cn',
      graphProtocolWorks: false,
    });
    expect(describeTenant(result)).toContain('Atlassian documents no IMAP/POP workaround for 21Vianet');
  });

  it('takes the domain of a mailbox address', async () => {
    microsoftKnows('worldwide');
    expect(await lookupTenant('Helpdesk@Contoso.com', { enabled: true })).toMatchObject({
      ok: true,
      tenant: 'contoso.com',
    });
  });
});

describe('lookupTenant when Microsoft cannot answer', () => {
  it('says Microsoft does not know a tenant that answers 400 AADSTS90002', async () => {
    microsoftDoesNotKnow('no-such-tenant.onmicrosoft.com');
    const result = await lookupTenant('no-such-tenant.onmicrosoft.com', { enabled: true });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-tenant' });
    expect(describeTenant(result)).toContain('Microsoft does not know this tenant');
  });

  it('gives up after the timeout with a message', async () => {
    nock(MICROSOFT).get(metadataPath('contoso.com')).delay(2000).reply(200, {});
    const result = await lookupTenant('contoso.com', { enabled: true, timeoutMs: 50 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    if (!result.ok) expect(result.message).toContain('did not answer within');
  });

  it('reports a 500 without throwing, and does not cache it', async () => {
    nock(MICROSOFT).get(metadataPath('contoso.com')).reply(500, 'Internal Server Error');
    const first = await lookupTenant('contoso.com', { enabled: true });
    expect(first).toMatchObject({ ok: false, reason: 'server-error' });
    if (!first.ok) expect(first.message).toContain('HTTP 500');
    microsoftKnows('worldwide');
    expect(await lookupTenant('contoso.com', { enabled: true })).toMatchObject({ ok: true, cached: false });
  });

  it('reports a refused connection as a network failure', async () => {
    nock(MICROSOFT)
      .get(metadataPath('contoso.com'))
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect refused' });
    const result = await lookupTenant('contoso.com', { enabled: true });
    expect(result).toMatchObject({ ok: false, reason: 'network' });
    // Offline: the answer says where to look from a browser that can reach Microsoft, and what the fields mean.
    const url = 'https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration';
    expect(result).toMatchObject({ checkUrl: url });
    expect(describeTenant(result)).toContain(`open ${url} in a browser`);
    expect(describeTenant(result)).toMatch(/"cloud_instance_name": "microsoftonline.us" is a US government cloud/);
  });

  it('says how to check by hand when the look-up is switched off, without asking Microsoft', async () => {
    const result = await lookupTenant('contoso.onmicrosoft.us', { enabled: false });
    expect(result).toMatchObject({ ok: false, reason: 'disabled' });
    expect(describeTenant(result)).toContain('https://login.microsoftonline.com/contoso.onmicrosoft.us/v2.0/');
  });

  it('does not send a tenant Microsoft does not know to the metadata page', async () => {
    microsoftDoesNotKnow('no-such-tenant.onmicrosoft.com');
    const result = await lookupTenant('no-such-tenant.onmicrosoft.com', { enabled: true });
    expect(result).not.toHaveProperty('checkUrl');
  });

  it('treats a 200 that is not OpenID metadata as a bad answer', async () => {
    nock(MICROSOFT).get(metadataPath('contoso.com')).reply(200, '<html>captive portal</html>');
    expect(await lookupTenant('contoso.com', { enabled: true })).toMatchObject({ ok: false, reason: 'bad-response' });
  });
});

describe('lookupTenant keeps answers for an hour', () => {
  it('asks Microsoft once for the same tenant, whatever its case', async () => {
    const scope = nock(MICROSOFT).get(metadataPath('contoso.com')).once().reply(200, fixture('openid-worldwide'));
    expect(await lookupTenant('contoso.com', { enabled: true })).toMatchObject({ ok: true, cached: false });
    expect(await lookupTenant('CONTOSO.COM', { enabled: true })).toMatchObject({ ok: true, cached: true });
    expect(scope.isDone()).toBe(true);
  });
});

describe('lookupTenant never sends anything but a DNS name or a GUID', () => {
  const bad = [
    'evil.com/../x',
    '127.0.0.1:8080',
    '127.0.0.1',
    'contoso.com:443',
    'https://contoso.com',
    '//evil.com',
    'contoso .com',
    'contoso.com?x=1',
    'contoso.com#frag',
    '../common',
    'common',
    'localhost',
    '',
    '   ',
    'exämple.com',
    `${'a'.repeat(64)}.com`,
    'contoso.com%2F..',
  ];
  it.each(bad)('refuses %j with a clear message and no request', async (input) => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, fixture('openid-worldwide'));
    const result = await lookupTenant(input, { enabled: true });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-input' });
    if (!result.ok) expect(result.message).toContain('domain name');
    expect(anything.isDone()).toBe(false);
    nock.cleanAll();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('accepts the shapes a tenant really has', () => {
    expect(parseTenant(' contoso.onmicrosoft.com. ')).toBe('contoso.onmicrosoft.com');
    expect(parseTenant('72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
    expect(parseTenant('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it('makes no request at all when the look-up is off', async () => {
    const scope = microsoftKnows('worldwide');
    const result = await lookupTenant('contoso.com', { enabled: false });
    expect(result).toMatchObject({ ok: false, reason: 'disabled' });
    expect(scope.isDone()).toBe(false);
  });

  it('takes TENANT_LOOKUP=off from the settings the front doors are built from', async () => {
    const scope = microsoftKnows('worldwide');
    expect(await testContext({ TENANT_LOOKUP: 'off' }).doctor.tenant('contoso.com')).toMatchObject({
      ok: false,
      reason: 'disabled',
    });
    expect(scope.isDone()).toBe(false);
  });
});
