import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../scripts/eval.js';
import {
  AADSTS_TABLE,
  familyOf,
  GENERIC_AADSTS_RULE,
  NON_SETTING_FAMILIES,
  nearestRule,
} from '../../src/core/aadsts.js';
import { AADSTS_REFERENCE } from '../../src/core/aadsts-reference.js';
import { diagnose } from '../../src/core/index.js';
import { findRule, RULES } from '../../src/core/rules/index.js';

const seed = (name: string) => readFileSync(join(FIXTURES, 'seed', name), 'utf8');
const fixture = (rule: string, name: string) => readFileSync(join(FIXTURES, rule, name), 'utf8');
const ids = (text: string) => diagnose(text).findings.map((f) => f.id);

// knowledge.md §1 (S1, S2 and 1–35) plus the §8 additions.
const KNOWLEDGE_IDS = [
  'graph-scope-domain-prefix',
  'sovereign-graph-endpoint-hardcoded',
  'entra-secret-id-instead-of-value',
  'entra-client-secret-expired',
  'entra-single-tenant-app-on-common-endpoint',
  'entra-redirect-uri-mismatch',
  'entra-redirect-registered-wrong-platform',
  'entra-app-or-tenant-not-found',
  'entra-consent-missing',
  'entra-invalid-scope',
  'entra-scopes-span-two-resources',
  'oauth-offline-access-missing',
  'entra-refresh-token-inactive',
  'entra-refresh-token-revoked',
  'entra-conditional-access-or-mfa-block',
  'entra-sign-in-frequency-expiry',
  'entra-user-not-in-tenant-or-not-assigned',
  'entra-auth-code-reused',
  'entra-cross-cloud-authority',
  'graph-token-for-wrong-resource',
  'graph-access-denied',
  'graph-odata-disabled',
  'graph-mailbox-not-rest-enabled',
  'graph-authorized-wrong-mailbox',
  'graph-throttled',
  'graph-malformed-or-expired-token',
  'graph-unread-filter-behaviour',
  'imap-scope-missing-outlook-resource',
  'imap-pop-disabled-on-mailbox',
  'imap-shared-mailbox-or-wrong-user',
  'imap-throttled',
  'sovereign-imap-pop-workaround',
  'network-imap-pop-behind-http-proxy',
  'network-outbound-https-proxy-missing',
  'tls-pkix-path-building-failed',
  'jsm-oauth-token-not-defined',
  'handler-type-confusion',
  'exchange-basic-auth-disabled',
  'entra-client-secret-missing',
];

// knowledge.md §4 plus 7000218 from §8.
const SECTION_4_CODES =
  '7000215 7000222 7000218 50194 50011 900971 9002327 9002326 700025 700084 700016 90002 500011 65001 90094 90095 65004 650057 70011 28002 28003 28000 700022 700082 70008 50173 53003 530035 53000 53001 50076 50079 50072 70043 50020 50034 16000 50105 54005 900382 90038 50057 50053 50055'.split(
    ' ',
  );

describe('the catalogue', () => {
  it('has one rule for every failure mode id in knowledge.md, and ids are unique', () => {
    const catalogue = RULES.map((r) => r.id);
    for (const id of KNOWLEDGE_IDS) expect(catalogue, id).toContain(id);
    expect(new Set(catalogue).size).toBe(catalogue.length);
    expect(findRule('entra-client-secret-expired')?.id).toBe('entra-client-secret-expired');
    expect(findRule('no-such-rule')).toBeUndefined();
  });

  it('gives every rule a title, a basis and official links only once each', () => {
    for (const r of RULES) {
      expect(r.title.length, r.id).toBeGreaterThan(10);
      const urls = r.links.map((l) => l.url);
      expect(new Set(urls).size, r.id).toBe(urls.length);
    }
  });
});

describe('the AADSTS table', () => {
  it('routes every §4 code, and every code maps to a real rule id', () => {
    for (const code of SECTION_4_CODES) expect(AADSTS_TABLE[code], code).toBeDefined();
    for (const [code, entry] of Object.entries(AADSTS_TABLE)) expect(findRule(entry.rule), code).toBeDefined();
    expect(findRule(GENERIC_AADSTS_RULE)).toBeDefined();
  });

  it("places every code of Microsoft's reference in a rule or a named family, and that rule answers it", () => {
    const ruleIds = new Set(RULES.map((r) => r.id));
    const codes = Object.keys(AADSTS_REFERENCE);
    expect(codes.length).toBeGreaterThan(300);
    for (const code of codes) {
      const family = familyOf(code) ?? '';
      const isRule = ruleIds.has(family);
      expect(isRule || (NON_SETTING_FAMILIES as readonly string[]).includes(family), `${code} → ${family}`).toBe(true);
      const answeredBy = isRule ? family : 'entra-code-not-a-setting';
      const d = diagnose(`Refresh failed: AADSTS${code}: something went wrong.`);
      expect(
        d.findings.map((f) => f.id),
        code,
      ).toContain(answeredBy);
      expect(
        d.findings.map((f) => f.id),
        code,
      ).not.toContain(GENERIC_AADSTS_RULE);
    }
  });

  it('routes codes by meaning: PKCE to the platform rule, a revoked grant, a disabled app', () => {
    expect(familyOf('AADSTS501481')).toBe('entra-redirect-registered-wrong-platform');
    expect(familyOf('AADSTS70000')).toBe('entra-refresh-token-revoked');
    expect(familyOf('AADSTS7000112')).toBe('entra-app-disabled');
    expect(familyOf('AADSTS90002')).toBe('entra-app-or-tenant-not-found');
  });

  it('places a code Microsoft does not list by its range, or nowhere', () => {
    expect(familyOf('AADSTS900439')).toBeNull();
    expect(nearestRule('AADSTS900439')).toBe('entra-cross-cloud-authority');
    expect(nearestRule('AADSTS53099')).toBe('entra-conditional-access-or-mfa-block');
    expect(nearestRule('AADSTS12345')).toBeNull();
  });

  it("answers a code of a rule's family as likely, with Microsoft's meaning and the lookup link", () => {
    const d = diagnose('AADSTS50126: Error validating credentials due to invalid username or password.');
    expect(d.findings.map((f) => f.id)).toEqual(['entra-user-not-in-tenant-or-not-assigned']);
    const f = d.findings[0];
    expect(f?.confidence).toBe('likely');
    expect(f?.cause).toContain('wrong username or password');
    expect(f?.links.map((l) => l.url)).toContain('https://login.microsoftonline.com/error?code=50126');
  });

  it('answers a code that is no setting (a malformed request) without blaming the setup', () => {
    const f = diagnose('AADSTS900561: The endpoint only accepts POST requests. Received a GET request.').findings[0];
    expect(f?.id).toBe('entra-code-not-a-setting');
    expect(f?.cause).toMatch(/malformed/);
  });

  it('still answers a code it has never heard of, with the lookup link and no invented meaning', () => {
    const f = diagnose('AADSTS4242424: something new').findings[0];
    expect(f?.id).toBe('entra-unknown-aadsts-code');
    expect(f?.cause).toContain("not in Microsoft's error reference");
    expect(f?.links.map((l) => l.url)).toContain('https://login.microsoftonline.com/error?code=4242424');
  });

  it('links the per-code page on a routed code', () => {
    const f = diagnose(fixture('entra-client-secret-expired', 'positive-jira-log.log')).findings[0];
    expect(f?.links.map((l) => l.url)).toContain('https://login.microsoftonline.com/error?code=7000222');
  });
});

describe('the seed causes keep working', () => {
  it('rc1 log + rc1 scopes → graph-scope-domain-prefix confirmed', () => {
    const d = diagnose(`${seed('rc1-incoming-mail.log')}\n${seed('rc1-scopes.txt')}`);
    expect(d.findings[0]).toMatchObject({ id: 'graph-scope-domain-prefix', confidence: 'confirmed' });
  });
  it('rc2 log + rc2 scopes → sovereign-graph-endpoint-hardcoded', () => {
    expect(ids(`${seed('rc2-graph-error.log')}\n${seed('rc2-scopes.txt')}`)[0]).toBe(
      'sovereign-graph-endpoint-hardcoded',
    );
  });
  it('rc1 log alone → the three seed causes, all possible, with questions', () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    expect(d.findings.map((f) => f.id).sort()).toEqual([
      'graph-scope-domain-prefix',
      'graph-token-for-wrong-resource',
      'sovereign-graph-endpoint-hardcoded',
    ]);
    expect(d.findings.every((f) => f.confidence === 'possible')).toBe(true);
    expect(d.questions.length).toBeGreaterThan(0);
  });

  it("rc1 log alone → the KB's documented cause first, and its three error lines shown once", () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    expect(d.findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect(d.findings[0]?.evidence).toHaveLength(3);
    expect(d.findings.slice(1).map((f) => f.evidence.length)).toEqual([1, 1]);
  });
});

describe('answers', () => {
  it('gives several findings for several problems, most certain first', () => {
    const text = [
      fixture('tls-pkix-path-building-failed', 'positive-imap.log'),
      fixture('imap-throttled', 'positive-jira-log.log'),
      'The connection has failed. Check the application logs for details.',
      fixture('graph-unread-filter-behaviour', 'positive-words.txt'),
    ].join('\n');
    const d = diagnose(text);
    const found = d.findings.map((f) => f.id);
    expect(found).toEqual(expect.arrayContaining(['tls-pkix-path-building-failed', 'imap-throttled']));
    const order = { confirmed: 0, likely: 1, possible: 2 };
    const ranks = d.findings.map((f) => order[f.confidence]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('reports the same problem on forty lines once, with its first three evidence lines', () => {
    const d = diagnose(fixture('entra-client-secret-expired', 'positive-forty-lines.log'));
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]?.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
    const text = Array.from(
      { length: 40 },
      () => 'A3 BAD Request is throttled. Suggested Backoff Time: 299 milliseconds',
    ).join('\n');
    const t = diagnose(text).findings;
    expect(t).toHaveLength(1);
    expect(t[0]?.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it('asks for the deciding line on umbrella messages instead of guessing', () => {
    const cases: [string, string, string[]][] = [
      [
        'OAuth token not defined for connection. OAuth Authorisation required.',
        'token-refresh-aadsts',
        ['jsm-oauth-token-not-defined'],
      ],
      [
        'The connection has failed. Check the application logs for details.',
        'connection-test-aadsts',
        ['entra-single-tenant-app-on-common-endpoint', 'entra-secret-id-instead-of-value'],
      ],
      [
        "JIRA couldn't open the folder 'inbox' at outlook.office365.com",
        'imap-auth-setup',
        ['imap-shared-mailbox-or-wrong-user', 'imap-pop-disabled-on-mailbox', 'imap-scope-missing-outlook-resource'],
      ],
      [
        'java.net.SocketTimeoutException: Read timed out',
        'timeout-host',
        ['network-imap-pop-behind-http-proxy', 'network-outbound-https-proxy-missing'],
      ],
    ];
    for (const [text, question, expected] of cases) {
      const d = diagnose(text);
      expect(
        d.findings.map((f) => f.id),
        text,
      ).toEqual(expected);
      expect(
        d.findings.every((f) => f.confidence === 'possible'),
        text,
      ).toBe(true);
      expect(
        d.questions.map((q) => q.id),
        text,
      ).toContain(question);
    }
  });

  it('lets a question option settle the umbrella case when appended to the paste', () => {
    const d = diagnose('OAuth token not defined for connection. OAuth Authorisation required.');
    const option = d.questions[0]?.options[0];
    expect(option).toBeDefined();
    const settled = diagnose(`OAuth token not defined for connection.\n${option?.answer}`);
    expect(settled.findings[0]).toMatchObject({ id: 'entra-client-secret-expired', confidence: 'confirmed' });
  });

  it('names the handler and protocol from the log classes, not from the advice', () => {
    const jira = diagnose(fixture('handler-type-confusion', 'positive-jira-log-graph-advice.txt'));
    expect(jira.facts.handler).toBe('jira');
    expect(jira.facts.protocol).not.toBe('graph');
    const inbox = diagnose(fixture('imap-shared-mailbox-or-wrong-user', 'positive-jsm-ui.txt'));
    expect([inbox.facts.handler, inbox.facts.protocol]).toEqual(['jsm', 'imap']);
    const imap = diagnose(fixture('imap-throttled', 'positive-jira-log.log'));
    expect([imap.facts.handler, imap.facts.protocol]).toEqual(['jira', 'imap']);
  });

  it('says outgoing mail at other providers and start-up failures are out of scope, with no finding and what to paste', () => {
    for (const name of ['positive-gmail-smtp.txt', 'positive-startup.log']) {
      const d = diagnose(fixture('out-of-scope', name));
      expect(d.findings).toEqual([]);
      expect(d.notes.join(' ')).toMatch(/This looks like .*atlassian-jira-incoming-mail\.log/);
    }
  });

  it('never repeats a pasted client secret, and still lints its shape', () => {
    const text = fixture('entra-secret-id-instead-of-value', 'positive-config-guid-secret.txt');
    const json = JSON.stringify(diagnose(text));
    expect(json).not.toContain('5c3e1a7b-9d2f-4e8a-b6c1-0f2e3d4a5b6c');
    expect(diagnose(text).findings[0]?.id).toBe('entra-secret-id-instead-of-value');
  });

  it('keeps inferred rules below confirmed', () => {
    const inferred = new Set(RULES.filter((r) => r.basis === 'inferred').map((r) => r.id));
    const d = diagnose(fixture('network-imap-pop-behind-http-proxy', 'positive-connect.log'));
    for (const f of d.findings) if (inferred.has(f.id)) expect(f.confidence).not.toBe('confirmed');
  });

  it('copes with bad input: empty, whitespace, binary noise and a huge line', () => {
    expect(diagnose('').findings).toEqual([]);
    expect(diagnose('   \n\n').findings).toEqual([]);
    expect(() => diagnose('\u0000\u0001\u0002AADSTS\u0000')).not.toThrow();
    const huge = `${'AADSTS'.repeat(50_000)} ${'scope=Mail.ReadWrite,'.repeat(10_000)}`;
    expect(() => diagnose(huge)).not.toThrow();
  });
});
