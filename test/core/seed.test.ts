import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

const rc1 = fixture('seed', 'rc1-incoming-mail.log');
const rc1OneLine = fixture('seed', 'rc1-one-line.log');
const rc2 = fixture('seed', 'rc2-graph-error.log');
const rc1Scopes = fixture('seed', 'rc1-scopes.txt');
const rc2Scopes = fixture('seed', 'rc2-scopes.txt');
const ids = (text: string) => diagnose(text).findings.map((f) => f.id);
const SEED_KB =
  'https://confluence.atlassian.com/jirakb/the-jsm-mail-handler-fails-to-be-configured-successfully-when-using-microsoft-graph-api-1283492161.html';

describe('the seed KB article, root cause 1 (domain-prefixed scopes)', () => {
  it('confirms graph-scope-domain-prefix from the log and the scopes, with evidence and the KB link', () => {
    const d = diagnose(`${rc1}\n${rc1Scopes}`);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-scope-domain-prefix', 'confirmed']]);
    const [finding] = d.findings;
    expect(finding?.evidence.map((e) => e.line)).toContain(1);
    expect(finding?.evidence.some((e) => e.text.includes('Invalid audience'))).toBe(true);
    expect(finding?.evidence.some((e) => e.text.includes('https://graph.microsoft.com/offline_access'))).toBe(true);
    expect(finding?.links.map((l) => l.url)).toContain(SEED_KB);
    expect(finding?.fix.join(' ')).toContain('Mail.ReadWrite offline_access');
    expect(finding?.fix.join(' ')).toMatch(/Application links/);
    expect(d.facts).toMatchObject({ protocol: 'graph', handler: 'jsm' });
    expect(d.questions).toEqual([]);
  });

  it('reads the flattened one-line log the KB prints the same way', () => {
    expect(ids(`${rc1OneLine}\n${rc1Scopes}`)).toEqual(['graph-scope-domain-prefix']);
  });

  it('flags prefixed scopes pasted alone as likely, since a prefixed offline_access is never right', () => {
    const d = diagnose(rc1Scopes);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-scope-domain-prefix', 'likely']]);
  });
});

describe('the seed KB article, root cause 2 (government cloud)', () => {
  it('says sovereign-graph-endpoint-hardcoded is likely when the scopes are right, and asks for the cloud', () => {
    const d = diagnose(`${rc2}\n${rc2Scopes}`);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['sovereign-graph-endpoint-hardcoded', 'likely']]);
    expect(d.findings[0]?.fixAvailable).toBe(false);
    expect(d.findings[0]?.links.map((l) => l.url)).toContain('https://jira.atlassian.com/browse/JSDSERVER-14090');
    expect(d.questions.map((q) => q.id)).toEqual(['tenant-cloud']);
  });

  it.each([
    ['Our tenant is in GCC High.', 'graph.microsoft.us'],
    ['we are on DoD', 'dod-graph.microsoft.us'],
  ])('confirms it when the user says "%s", names %s and offers the IMAP/POP workaround', (words, host) => {
    const d = diagnose(`${rc2}\n${words}`);
    const [finding] = d.findings;
    expect(finding?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(finding?.confidence).toBe('confirmed');
    expect(finding?.cause).toContain(host);
    expect(finding?.fix[0]).toMatch(/no setting that fixes the Graph protocol/i);
    expect(finding?.fix.join(' ')).toContain('https://outlook.office365.us/IMAP.AccessAsUser.All');
    expect(finding?.fix.join(' ')).toContain('login.microsoftonline.us');
    expect(d.questions).toEqual([]);
  });

  it('confirms it from a .us login host in the application link endpoints', () => {
    const endpoint =
      'Token endpoint: https://login.microsoftonline.us/0f7a3c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b/oauth2/v2.0/token';
    const d = diagnose(`${rc2}\n${rc2Scopes}\n${endpoint}`);
    expect(d.findings[0]).toMatchObject({ id: 'sovereign-graph-endpoint-hardcoded', confidence: 'confirmed' });
    expect(d.facts.cloud).toBe('gcc-high-or-dod');
    expect(d.facts.endpoints[0]).toContain('login.microsoftonline.us');
  });

  it('keeps a loose "GCC" a possibility and asks, since many people say GCC for GCC High too', () => {
    const d = diagnose(`${rc2}\n${rc2Scopes}\nWe are on GCC.`);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['sovereign-graph-endpoint-hardcoded', 'possible']]);
    expect(d.notes.join(' ')).toMatch(/GCC \(moderate\) uses the worldwide endpoints/);
    expect(d.questions.map((q) => q.id)).toEqual(['tenant-cloud']);
  });

  it('takes "plain GCC" as settled: kindly corrects it and looks at the link the channel really uses', () => {
    const d = diagnose(`${rc2}\n${rc2Scopes}\nWe are on plain GCC.`);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-token-for-wrong-resource', 'possible']]);
    expect(d.findings[0]?.cause).toMatch(/another application link/);
    expect(d.notes.join(' ')).toMatch(/GCC \(moderate\) uses the worldwide endpoints/);
    expect(d.questions).toEqual([]);
  });

  it('does not blame the cloud for a GCC tenant whose scopes are prefixed', () => {
    const d = diagnose(`${rc1}\n${rc1Scopes}\nOur tenant is GCC.`);
    expect(d.findings.map((f) => f.id)).toEqual(['graph-scope-domain-prefix']);
    expect(d.notes.join(' ')).toMatch(/worldwide endpoints/);
  });

  it('lets a .us host outrank a loose "GCC" in the user\'s words', () => {
    const d = diagnose(
      `${rc2}\nwe are GCC\nhttps://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/authorize`,
    );
    expect(d.findings[0]).toMatchObject({ id: 'sovereign-graph-endpoint-hardcoded', confidence: 'confirmed' });
  });
});

describe('an Invalid audience with nothing else', () => {
  it("gives all three causes, the KB's documented ones before the inferred one, and asks the two settling questions", () => {
    const d = diagnose(rc2);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([
      ['graph-scope-domain-prefix', 'possible'],
      ['sovereign-graph-endpoint-hardcoded', 'possible'],
      ['graph-token-for-wrong-resource', 'possible'],
    ]);
    // One error read three ways: its lines are shown once, then at most one of them is pointed at again.
    const shown = new Set(d.findings[0]?.evidence.map((e) => e.line));
    for (const f of d.findings.slice(1))
      expect(f.evidence.filter((e) => shown.has(e.line)).length).toBeLessThanOrEqual(1);
    expect(d.questions.map((q) => q.id)).toEqual(['app-link-scopes', 'tenant-cloud']);
  });

  it('settles it when a question option is appended, as the chat buttons do', () => {
    const first = diagnose(rc2);
    for (const option of first.questions[0]?.options ?? []) {
      const again = diagnose(`${rc2}\n${option.answer}`);
      expect(again.findings.length).toBeGreaterThan(0);
      expect(again.findings[0]?.confidence).not.toBe('possible');
    }
    const scopesAnswers = first.questions[0]?.options.map((o) => diagnose(`${rc2}\n${o.answer}`).findings[0]?.id);
    expect(scopesAnswers).toEqual([
      'sovereign-graph-endpoint-hardcoded',
      'graph-scope-domain-prefix',
      'graph-token-for-wrong-resource',
    ]);
    const cloudAnswers = first.questions[1]?.options.map(
      (o) => diagnose(`${rc2}\n${rc2Scopes}\n${o.answer}`).findings[0],
    );
    // Worldwide and plain GCC rule the cloud out and point at the link in use; the government clouds confirm it
    // (21Vianet stays "likely": that part of the limit is inferred). No answer asks the same question again.
    expect(cloudAnswers?.map((f) => [f?.id, f?.confidence])).toEqual([
      ['graph-token-for-wrong-resource', 'possible'],
      ['graph-token-for-wrong-resource', 'possible'],
      ['sovereign-graph-endpoint-hardcoded', 'confirmed'],
      ['sovereign-graph-endpoint-hardcoded', 'confirmed'],
      ['sovereign-graph-endpoint-hardcoded', 'likely'],
    ]);
    for (const option of first.questions[1]?.options ?? []) {
      expect(diagnose(`${rc2}\n${rc2Scopes}\n${option.answer}`).questions.map((q) => q.id)).not.toContain(
        'tenant-cloud',
      );
    }
  });

  it('names the IMAP/POP application link when its Outlook scopes are in the paste', () => {
    const d = diagnose(
      `${rc2}\nScopes: https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access`,
    );
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-token-for-wrong-resource', 'likely']]);
    expect(d.findings[0]?.evidence.some((e) => e.text.includes('outlook.office.com/IMAP'))).toBe(true);
  });
});

describe('the same paste on every platform', () => {
  const plain = `${rc1}\n${rc1Scopes}`;
  const slack = `\`\`\`${plain
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/https:\/\/graph\.microsoft\.com\/([\w.?=%&;$-]+)/g, '<https://graph.microsoft.com/$1>')}\`\`\``;
  const teams = `<p><at>mailhandler-doctor</at>&nbsp;</p><pre><code>${plain
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n')
    .join('<br>')}</code></pre>`;

  it.each([
    ['Slack markup', slack],
    ['Teams HTML', teams],
  ])('gives the same ids and facts for %s', (_name, text) => {
    const expected = diagnose(plain);
    const got = diagnose(text);
    expect(got.findings.map((f) => [f.id, f.confidence])).toEqual(expected.findings.map((f) => [f.id, f.confidence]));
    expect(got.facts.scopes).toEqual(expected.facts.scopes);
    expect(got.facts.handler).toBe('jsm');
  });

  it('decodes the URL-encoded query string of the logged Graph request', () => {
    const d = diagnose(rc2);
    expect(d.findings[0]?.evidence[0]?.text).toContain('$filter=isRead eq false');
  });

  it('unwraps Slack links with labels and drops user mentions', () => {
    const d = diagnose(
      '<@U0123ABC> scopes: <https://graph.microsoft.com/Mail.ReadWrite|https://graph.microsoft.com/Mail.ReadWrite> <https://graph.microsoft.com/offline_access>',
    );
    expect(d.facts.scopes).toEqual([
      'https://graph.microsoft.com/Mail.ReadWrite',
      'https://graph.microsoft.com/offline_access',
    ]);
  });
});
