import { describe, expect, it } from 'vitest';
import { diagnose, redactText } from '../../src/core/index.js';
import { redactSecrets, type SecretSink } from '../../src/core/secrets.js';

// Hostile one-line pastes of about 1 MB. Every pattern must stay linear on them: a backtracking pattern took 10–20 s
// on the first two, so a regression shows as vitest's timeout. Each finishes in well under a second when linear.

const SIZE = 1_000_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length));
const counting = () => {
  let secrets = 0;
  const sink: SecretSink = { secret: () => void secrets++, token: () => {}, malformedToken: () => {} };
  return { sink, count: () => secrets };
};

describe('redaction stays linear on hostile input', () => {
  it.each([
    ['eyJ- repeated', fill('eyJ-')],
    ['eyJaaaaaaaa- repeated', fill('eyJaaaaaaaa-')],
    ['eyJ.eyJ. repeated', fill('eyJ.eyJ.')],
    ['fake header.payload pairs', fill('eyJaaaaaaaaaaaa.eyJaaaaaaaaaaaa ')],
    ['eyJ and a megabyte of token characters', `eyJ${'a'.repeat(SIZE)}`],
    ['M.C prefixes repeated', fill('M.C507_BAY.')],
    ['a personal-account token of a megabyte', `M.C507_BAY.${'!'.repeat(SIZE)}`],
    ['an opaque refresh token of a megabyte', `0.A${'b'.repeat(SIZE)}`],
    ['XOAUTH2 base64 of a megabyte', `dXNlcj1${'A'.repeat(SIZE)}`],
    ['a bearer value of a megabyte', `Bearer ${'a'.repeat(SIZE)}`],
  ])('%s: redacted with nothing left over', (_name, text) => {
    const { sink, count } = counting();
    const out = redactSecrets(text, sink);
    expect(count()).toBeGreaterThan(0);
    expect(out).not.toMatch(/[A-Za-z0-9!]{12}/);
  });

  it.each([
    [
      'a lower-case bearer value',
      `authorization: bearer ${'a'.repeat(SIZE)}`,
      'authorization: bearer [redacted bearer credential]',
    ],
    ['an NTLM value', `Authorization: NTLM ${'A'.repeat(SIZE)}`, 'Authorization: NTLM [redacted bearer credential]'],
    ['an SMTP AUTH PLAIN value', `AUTH PLAIN ${'A'.repeat(SIZE)}`, 'AUTH PLAIN [redacted password]'],
    ['an SMTP Password: answer', `334 UGFzc3dvcmQ6 ${'A'.repeat(SIZE)}`, '334 UGFzc3dvcmQ6 [redacted password]'],
    ['a POP3 PASS value', `PASS ${'a'.repeat(SIZE)}`, 'PASS [redacted password]'],
    ['an IMAP LOGIN password', `A1 LOGIN svc ${'a'.repeat(SIZE)}`, 'A1 LOGIN svc [redacted password]'],
    ['a CLI flag value', `--client-secret ${'a'.repeat(SIZE)}`, '--client-secret [redacted client secret]'],
    ['a glued SECRET value', `MS_SECRET=${'a'.repeat(SIZE)}`, 'MS_SECRET=[redacted client secret]'],
  ])('%s of a megabyte: redacted whole', (_name, text, expected) => {
    const { sink, count } = counting();
    expect(redactSecrets(text, sink)).toBe(expected);
    expect(count()).toBeGreaterThan(0);
  });

  it('drops a megabyte of token characters glued to a redaction', () => {
    expect(redactSecrets(`[redacted password]${'a'.repeat(SIZE)}`, counting().sink)).toBe('[redacted password]');
  });

  it.each([
    ['eyJ then a megabyte of dots', `eyJ${'.'.repeat(SIZE)}`],
    ['password=" repeated', fill('password="')],
    ["password=' repeated", fill("password='")],
    ['an unterminated quoted password', `password="${'a'.repeat(SIZE)}`],
    ['escapes inside a quoted password', `password="${'\\a'.repeat(SIZE / 2)}`],
    ['a password full of & and short fields', `password=${fill('&x=&')}`],
    ['a password full of & and near-fields', `password=${fill(`&${'x'.repeat(39)}`)}`],
    ['a password full of <', `password=${fill('<a')}`],
    ['password: repeated', fill('password: ')],
    ['client secret value= repeated', fill('client secret value=')],
    ['an unclosed XML password', `<password>${'a'.repeat(SIZE)}`],
    ['XML password tags repeated', fill('<password>a')],
    ['XML password tags with long attributes', fill(`<password ${'a'.repeat(50)}`)],
    ['scheme://user: repeated', fill('a://b:')],
    ['scheme://user: then a megabyte of @', `a://b:${'@'.repeat(SIZE)}`],
    ['IMAP URLs without @', fill(`imaps://john:${'x'.repeat(100)}`)],
    ['dotted scheme-like words', `${fill('a.b.c.d.e.f.g.h.i.')}://x:y@z`],
    ['"code": repeated', fill('"code": "')],
    ['a JSON code with no closing quote', `"code": "${'a'.repeat(SIZE)}`],
    ['?code= repeated', fill('?code=')],
    ['Bearer repeated', fill('Bearer ')],
    ['Authorization: Basic repeated', fill('Authorization: Basic ')],
    ['AUTHENTICATE XOAUTH2 with a base64 run not ending at a space', `A1 AUTHENTICATE XOAUTH2 ${'A'.repeat(SIZE)}x`],
    ['AUTHENTICATE PLAIN repeated', fill('AUTHENTICATE PLAIN QUFBQUFBQUFBQUFB=')],
    ['Entra secret prefixes repeated', fill('abc1Q~')],
    ['xoxb- repeated', fill('xoxb-')],
    ['redaction markers repeated', fill('[redacted password]')],
    ['mixed fragments', fill('password=eyJaaaa.eyJ&code=M.C1_AB.x ')],
    ['a Digest parameter list of a megabyte', `Authorization: Digest ${fill('response="abcdef0123", ')}`],
    ['a URL password after an email user, of a megabyte', `imaps://svc@contoso.com:${'a@'.repeat(SIZE / 2)}host`],
    ['glued field names repeated', fill('A_SECRET=')],
    ['field names repeated with no separator', fill('tokenpasssecretcredentialsapikey')],
    ['token: repeated', fill('token: ')],
    ['token: with prose-like values', fill('token: a.b.c.d.e.f.g.h.i.j:')],
    ['full-width colons repeated', fill('password：')],
    ['keyed add elements repeated', fill('<add key="ClientSecret" value="')],
    ['a keyed add element with an unterminated value', `<add key="ClientSecret" value="${'a'.repeat(SIZE)}`],
    ['a keyed add element with a long name', `<add key="${'a'.repeat(SIZE)}`],
    ['keyed entries repeated', fill('<entry key="password">a')],
    ['a keyed entry never closed', `<entry key="password">${'a'.repeat(SIZE)}`],
    ['keyed entries with long attributes', fill(`<entry ${'k'.repeat(50)}`)],
    ['JSON name/value pairs repeated', fill('{"name":"client_secret","value":"')],
    ['a JSON name/value with no closing quote', `{"name":"client_secret","value":"${'a'.repeat(SIZE)}`],
    ['CLI flags repeated', fill('--client-secret ')],
    ['CLI flags with unterminated quotes', fill('--password "a')],
    ['a CLI flag with a megabyte-long name', `--${'a'.repeat(SIZE)} x`],
    ['dashes repeated', fill('-')],
    ['Authorization: Digest repeated', fill('Authorization: Digest ')],
    ['a Digest list with an unterminated quote', `Authorization: Digest a="${'b'.repeat(SIZE)}`],
    ['Digest parameters without commas', `Authorization: Digest ${fill('a=b')}`],
    ['Authorization: Negotiate repeated', fill('Authorization: Negotiate ')],
    ['AUTH LOGIN repeated', fill('AUTH LOGIN ')],
    ['AUTH PLAIN with a base64 run not ending at a space', `AUTH PLAIN ${'A'.repeat(SIZE)}x`],
    ['AUTH mechanism lists repeated', fill('250-AUTH LOGIN PLAIN XOAUTH2 ')],
    ['334 prompts repeated', fill('334 UGFzc3dvcmQ6 ')],
    ['PASS repeated', fill('PASS ')],
    ['IMAP LOGIN repeated', fill('A1 LOGIN ')],
    ['IMAP LOGIN with an unterminated quoted user', `A1 LOGIN "${'a'.repeat(SIZE)}`],
    ['IMAP LOGIN with an unterminated quoted password', `A1 LOGIN u "${'\\a'.repeat(SIZE / 3)}`],
    ['tag-like words repeated', fill('a1 ')],
    ['URLs with email users repeated', fill('ab://c@d:')],
    ['a URL with a megabyte of user', `imaps://${'a@'.repeat(SIZE / 2)}:pw@host`],
    ['a URL with an email user and a megabyte of @', `imaps://svc@contoso.com:${'@'.repeat(SIZE)}`],
  ])('%s: finishes', (_name, text) => {
    const out = redactSecrets(text, counting().sink);
    expect(out.length).toBeGreaterThan(0);
    // A short value such as `PASS x` grows into a marker of about twenty characters, never more.
    expect(out.length).toBeLessThan(text.length * 5);
  });

  it.each([
    ['fake header.payload pairs', fill('eyJaaaaaaaaaaaa.eyJaaaaaaaaaaaa ')],
    ['mixed fragments', fill('password=eyJaaaa.eyJ&code=M.C1_AB.x ')],
    ['IMAP LOGIN lines', fill('A1 LOGIN svc eyJaaaaPass ')],
  ])('%s: the whole pipeline answers, finds secrets and shows none of them', (_name, text) => {
    const d = diagnose(text);
    expect(d.secrets.length).toBeGreaterThan(0);
    expect(JSON.stringify(d)).not.toContain('eyJaaaa');
    expect(redactText(text)).not.toContain('eyJaaaa');
  });

  // With no separator to cut at, the pipeline drops the cut ends of the run (see cutting.ts), so it may find nothing.
  it.each([
    ['eyJ- repeated', fill('eyJ-')],
    ['password=" repeated', fill('password="')],
  ])('%s, a megabyte with no separator: the whole pipeline answers and shows none of it', (_name, text) => {
    const json = JSON.stringify(diagnose(text));
    expect(json).not.toContain('eyJ-eyJ-');
    expect(json).not.toContain('password="password');
    expect(redactText(text)).not.toContain('eyJaaaa');
  });

  it('decodes only the first few tokens on a line packed with fake ones, and says why it stopped', () => {
    const notes: string[] = [];
    const sink: SecretSink = { secret: () => {}, token: () => {}, malformedToken: (r) => notes.push(r) };
    redactSecrets(fill('eyJaaaaaaaaaaaa.eyJaaaaaaaaaaaa '), sink);
    expect(notes).toContain('the line holds too many tokens to read them all');
    expect(notes.filter((n) => n !== 'the line holds too many tokens to read them all')).toHaveLength(20);
  });
});
