import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { createDoctor, tenantNamedBy } from '../../src/doctor.js';
import { clearTenantCache } from '../../src/tenant/lookup.js';
import { testContext } from '../helpers.js';
import {
  MICROSOFT,
  metadataPath,
  microsoftDoesNotKnow,
  microsoftKnows,
  onlyLoopback,
  resetNetwork,
  TENANTS,
} from './helpers.js';

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const GRAPH_ERROR = seed('rc2-graph-error.log');
const SCOPES = `Application link scopes: ${seed('rc2-scopes.txt').trim()}`;
const GCC_HIGH_ID = TENANTS['gcc-high'].id;

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A v1 ID token as pasted from a browser trace: it names the tenant (tid) but not its cloud. */
const ID_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'abc' })}.${b64({
  aud: '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b',
  iss: `https://sts.windows.net/${GCC_HIGH_ID}/`,
  tid: GCC_HIGH_ID,
  name: 'Service Desk',
  nonce: 'n-0S6_WzA2Mj',
  exp: 4102444800,
})}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;

const lookingUp = createDoctor({ tenantLookup: true });
const diagnoseText = (text: string, options: { tenantLookup?: boolean; tenantLookupTimeoutMs?: number } = {}) =>
  createDoctor({
    tenantLookup: options.tenantLookup ?? false,
    tenantLookupTimeoutMs: options.tenantLookupTimeoutMs,
  }).text(text);
const diagnoseFile = (source: Readable) => lookingUp.file(source);

beforeEach(() => {
  clearTenantCache();
  onlyLoopback();
});
afterEach(resetNetwork);

describe('the doctor answers "which cloud?" from Microsoft metadata', () => {
  it('turns an ambiguous "Invalid audience" into the GCC High finding when a token names the tenant', async () => {
    const paste = `${GRAPH_ERROR}\n${SCOPES}\nid_token=${ID_TOKEN}`;
    expect(diagnose(paste).questions.map((q) => q.id)).toContain('tenant-cloud');
    const scope = microsoftKnows('gcc-high', GCC_HIGH_ID);
    const d = await diagnoseText(paste, { tenantLookup: true });
    expect(scope.isDone()).toBe(true);
    const top = d.findings[0];
    expect(top?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(top?.confidence).toBe('confirmed');
    expect(top?.cause).toContain(`Microsoft's public metadata for ${GCC_HIGH_ID} shows the tenant is in GCC High`);
    expect(top?.fix.join(' ')).toContain('https://outlook.office365.us/IMAP.AccessAsUser.All');
    expect(d.questions.map((q) => q.id)).not.toContain('tenant-cloud');
    expect(d.notes.join('\n')).toContain(
      `The cloud came from Microsoft's public metadata for ${GCC_HIGH_ID}: GCC High`,
    );
    expect(d.input).toEqual(diagnose(paste).input);
    expect(JSON.stringify(d)).not.toContain(ID_TOKEN.split('.')[1]);
  });

  it('looks up the domain of the mailbox address in the paste', async () => {
    microsoftKnows('gcc-high');
    const d = await diagnoseText(`${GRAPH_ERROR}\n${SCOPES}\nMailbox: servicedesk@${TENANTS['gcc-high'].domain}`, {
      tenantLookup: true,
    });
    expect(d.findings[0]?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(d.notes.join('\n')).toContain(`metadata for ${TENANTS['gcc-high'].domain}`);
  });

  it('names dod-graph for a DoD tenant', async () => {
    microsoftKnows('dod');
    const d = await diagnoseText(`${GRAPH_ERROR}\nMailbox: jira@${TENANTS.dod.domain}`, { tenantLookup: true });
    expect(d.findings[0]).toMatchObject({ id: 'sovereign-graph-endpoint-hardcoded', confidence: 'confirmed' });
    expect(d.findings[0]?.cause).toContain('dod-graph.microsoft.us');
  });

  it('rules the government-cloud limit out for a worldwide tenant', async () => {
    microsoftKnows('worldwide');
    const d = await diagnoseText(`${GRAPH_ERROR}\nMailbox: jira@contoso.com`, { tenantLookup: true });
    expect(d.findings.map((f) => f.id)).not.toContain('sovereign-graph-endpoint-hardcoded');
    expect(d.findings.length).toBeGreaterThan(0);
    expect(d.questions.map((q) => q.id)).not.toContain('tenant-cloud');
    expect(d.notes.join('\n')).toContain('the government-cloud limit is not the cause');
  });

  it('takes plain GCC from the metadata as settled, unlike the word "GCC" in a paste', async () => {
    microsoftKnows('gcc');
    const d = await diagnoseText(`${GRAPH_ERROR}\n${SCOPES}\nMailbox: jira@countyclerk.gov`, { tenantLookup: true });
    expect(d.findings.map((f) => f.id)).not.toContain('sovereign-graph-endpoint-hardcoded');
    expect(d.questions).toEqual([]);
    expect(d.notes.join('\n')).toContain('GCC (Government Community Cloud, moderate), which uses graph.microsoft.com');
  });
});

describe('the doctor when the look-up cannot help', () => {
  const paste = `${GRAPH_ERROR}\n${SCOPES}\nMailbox: servicedesk@contoso.com`;

  it('keeps the diagnosis and says the look-up could not be made on a 500', async () => {
    nock(MICROSOFT).get(metadataPath('contoso.com')).reply(500, 'upstream error');
    const d = await diagnoseText(paste, { tenantLookup: true });
    const core = diagnose(paste);
    expect(d.findings).toEqual(core.findings);
    expect(d.questions).toEqual(core.questions);
    expect(d.notes.at(-1)).toContain('the look-up could not be made');
  });

  it('keeps the diagnosis on a timeout', async () => {
    nock(MICROSOFT).get(metadataPath('contoso.com')).delay(2000).reply(200, {});
    const d = await diagnoseText(paste, { tenantLookup: true, tenantLookupTimeoutMs: 50 });
    expect(d.findings).toEqual(diagnose(paste).findings);
    expect(d.notes.at(-1)).toContain('did not answer within');
  });

  it('passes on "Microsoft does not know this tenant"', async () => {
    microsoftDoesNotKnow('contoso.com');
    const d = await diagnoseText(paste, { tenantLookup: true });
    expect(d.notes.at(-1)).toContain('Microsoft does not know this tenant');
    expect(d.questions.map((q) => q.id)).toContain('tenant-cloud');
  });

  it('makes no request with TENANT_LOOKUP=off, and answers exactly as the core does', async () => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, {});
    expect(await testContext({ TENANT_LOOKUP: 'off' }).doctor.text(paste)).toEqual(diagnose(paste));
    expect(await diagnoseText(paste, { tenantLookup: false })).toEqual(diagnose(paste));
    expect(anything.isDone()).toBe(false);
  });

  it('asks nothing when the core has no cloud question, even if a mailbox is named', async () => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, {});
    const text = `${seed('rc1-one-line.log')}\nscopes: ${seed('rc1-scopes.txt')}\nMailbox: servicedesk@contoso.com`;
    expect(diagnose(text).findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect(await diagnoseText(text, { tenantLookup: true })).toEqual(diagnose(text));
    expect(anything.isDone()).toBe(false);
  });

  it('asks nothing when the paste names no tenant', async () => {
    const anything = nock(MICROSOFT)
      .get(() => true)
      .reply(200, {});
    expect(await diagnoseText(GRAPH_ERROR, { tenantLookup: true })).toEqual(diagnose(GRAPH_ERROR));
    expect(anything.isDone()).toBe(false);
  });
});

describe('the doctor reading a file', () => {
  const log = `${GRAPH_ERROR}\n${SCOPES}\nMailbox: servicedesk@${TENANTS['gcc-high'].domain}\n`;

  it('re-reads a plain log with the looked-up cloud', async () => {
    microsoftKnows('gcc-high');
    const d = await diagnoseFile(Readable.from([Buffer.from(log)]));
    expect(d.findings[0]?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(d.input.bytes).toBe(Buffer.byteLength(log));
  });

  it('settles a gzipped log with the looked-up cloud, without reading the file twice', async () => {
    microsoftKnows('gcc');
    const gccLog = `${GRAPH_ERROR}\n${SCOPES}\nMailbox: servicedesk@${TENANTS.gcc.domain}\n`;
    const d = await diagnoseFile(Readable.from([gzipSync(gccLog)]));
    expect(d.findings.map((f) => f.id)).not.toContain('sovereign-graph-endpoint-hardcoded');
    expect(d.notes.join('\n')).toContain(`Microsoft's public metadata for ${TENANTS.gcc.domain}`);
    expect(d.input.lines).toBe(gccLog.split('\n').length - 1);
  });
});

describe('tenantNamedBy', () => {
  it('reads the tenant of a token endpoint, skipping common and organizations', () => {
    const facts = diagnose(
      'Token URL https://login.microsoftonline.com/common/oauth2/v2.0/token and https://login.microsoftonline.us/C7D21E95-6A4B-4F08-B3C1-9E5D7A2F0B83/oauth2/v2.0/authorize',
    ).facts;
    expect(tenantNamedBy(facts)).toBe(GCC_HIGH_ID);
  });

  it('skips vendor and example addresses', () => {
    const facts = diagnose('user=support@atlassian.com, login: a@example.com, Mailbox: jira@agency.gov').facts;
    expect(tenantNamedBy(facts)).toBe('agency.gov');
    expect(tenantNamedBy(diagnose('nobody here').facts)).toBeNull();
  });

  it('does not take a customer who sent mail for the mailbox tenant', () => {
    const log =
      'INFO [c.a.j.i.m.processor.feature.processor.MessageHandlerService] Processing message from alice@customer-corp.com';
    expect(tenantNamedBy(diagnose(log).facts)).toBeNull();
  });
});
