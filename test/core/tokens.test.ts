import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture, makeJwt } from '../helpers.js';

const rc2 = fixture('seed', 'rc2-graph-error.log').trimEnd();

describe('a pasted access token', () => {
  it('with an Outlook audience points at the IMAP/POP application link', () => {
    const token = makeJwt({ aud: 'https://outlook.office.com', scp: 'IMAP.AccessAsUser.All POP.AccessAsUser.All' });
    const d = diagnose(`${rc2}\nHere is the token Jira used: ${token}`);
    expect(d.findings.map((f) => f.id)).toEqual(['graph-token-for-wrong-resource']);
    expect(d.findings[0]?.confidence).toBe('likely');
    expect(d.findings[0]?.cause).toContain('https://outlook.office.com');
    expect(d.facts.token).toMatchObject({ aud: 'https://outlook.office.com', resource: 'outlook', line: 2 });
    expect(d.secrets).toEqual([{ kind: 'access-token', line: 2 }]);
  });

  it('with the Exchange GUID audience reads the same', () => {
    const token = makeJwt({ aud: '00000002-0000-0ff1-ce00-000000000000' });
    expect(diagnose(`${rc2}\n${token}`).findings[0]?.id).toBe('graph-token-for-wrong-resource');
  });

  it('with a worldwide Graph audience rules out the other clouds and resources and points at the scopes', () => {
    const token = makeJwt({
      aud: 'https://graph.microsoft.com',
      iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    });
    const d = diagnose(`${rc2}\n${token}`);
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-scope-domain-prefix', 'possible']]);
    expect(d.questions.map((q) => q.id)).toEqual(['app-link-scopes']);
  });

  it('with a graph.microsoft.us audience confirms the government-cloud cause', () => {
    const token = makeJwt({
      aud: 'https://graph.microsoft.us',
      iss: 'https://login.microsoftonline.us/0f7a3c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b/v2.0',
    });
    const d = diagnose(`${rc2}\nAuthorization: Bearer ${token}`);
    expect(d.findings[0]).toMatchObject({ id: 'sovereign-graph-endpoint-hardcoded', confidence: 'confirmed' });
    expect(d.facts.cloud).toBe('gcc-high');
    expect(d.facts.token?.tid).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
  });

  it('marks an expired token', () => {
    const d = diagnose(makeJwt({ aud: 'https://graph.microsoft.com', exp: 1_600_000_000 }), { now: 1_700_000_000_000 });
    expect(d.facts.token?.expired).toBe(true);
  });

  it.each([
    ['cut off after the header', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9'],
    ['with a payload that is not JSON', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJub3QganNvbiBhdCBhbGw.c2ln'],
    ['with garbage in the middle', `eyJhbGciOiJub25lIn0.eyJ${'%%%'.repeat(3)}.abc`],
  ])('that is malformed (%s) gives a clear note, never a crash, and is not repeated', (_name, token) => {
    const d = diagnose(`${rc2}\naccess token: ${token}`);
    expect(d.notes.join(' ')).toMatch(/looks like a token but could not be read/);
    expect(JSON.stringify(d)).not.toContain(token.slice(0, 30));
  });
});
