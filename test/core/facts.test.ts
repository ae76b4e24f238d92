import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture, makeJwt } from '../helpers.js';

const rc2 = fixture('seed', 'rc2-graph-error.log').trimEnd();
const ids = (text: string) => diagnose(text).findings.map((f) => f.id);

describe('facts read the way people actually paste', () => {
  it('reads domain-prefixed scopes written without https://', () => {
    const d = diagnose(`${rc2}\nScopes: graph.microsoft.com/Mail.ReadWrite graph.microsoft.com/offline_access`);
    expect(d.facts.scopes).toEqual([
      'https://graph.microsoft.com/Mail.ReadWrite',
      'https://graph.microsoft.com/offline_access',
    ]);
    expect(d.findings[0]).toMatchObject({ id: 'graph-scope-domain-prefix', confidence: 'confirmed' });
  });

  it('keeps a scope that ends a sentence', () => {
    const d = diagnose('The application link has the scopes Mail.ReadWrite offline_access.');
    expect(d.facts.scopes).toEqual(['Mail.ReadWrite', 'offline_access']);
    expect(d.findings.map((f) => f.id)).not.toContain('oauth-offline-access-missing');
  });

  it('does not take a comma in prose for commas between scopes', () => {
    const d = diagnose(`${rc2}\nThe scopes are Mail.ReadWrite offline_access, and it still fails`);
    expect(d.findings.map((f) => f.id)).not.toContain('entra-invalid-scope');
  });

  it('does take commas between scope names for what they are', () => {
    expect(ids('Scopes: Mail.ReadWrite, offline_access')).toContain('entra-invalid-scope');
  });

  it.each([
    ['We are not GCC High, just plain GCC.', 'gcc'],
    ["Our tenant isn't DoD, it is GCC High", 'gcc-high'],
    ['The dod-contractor tenant is a commercial tenant', 'worldwide'],
    ['we are on DoD', 'dod'],
    ['Department of Defense tenant', 'dod'],
  ])('reads "%s" as %s', (words, cloud) => {
    expect(diagnose(words).facts.cloud).toBe(cloud);
  });
});

describe('tokens that are not about Graph or Exchange', () => {
  const idToken = makeJwt({
    aud: '1d5c0c2b-7f4e-4a3b-9c8d-2e1f0a9b8c7d',
    nonce: 'n',
    preferred_username: 'jira@contoso.com',
    scp: undefined,
  });

  it('an ID token in the paste does not hide the causes of the error', () => {
    expect(ids(`${rc2}\nid_token=${idToken}`)).toEqual(ids(rc2));
  });

  it('an ID token before an Outlook access token does not hide the Outlook one', () => {
    const outlook = makeJwt({ aud: 'https://outlook.office.com', scp: 'IMAP.AccessAsUser.All' });
    const d = diagnose(`${rc2}\nid_token=${idToken}\naccess_token=${outlook}`);
    expect(d.facts.token?.resource).toBe('outlook');
    expect(d.findings[0]?.id).toBe('graph-token-for-wrong-resource');
  });

  it('says so when the user names a government cloud but the token is for the worldwide Graph', () => {
    const token = makeJwt({ aud: 'https://graph.microsoft.com' });
    const d = diagnose(`${rc2}\nWe are on GCC High\n${token}`);
    const s2 = d.findings.find((f) => f.id === 'sovereign-graph-endpoint-hardcoded');
    expect(s2?.confidence).toBe('possible');
    expect(s2?.cause).toMatch(/worldwide Graph/);
  });
});
