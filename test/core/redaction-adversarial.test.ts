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
  ])('%s: finishes', (_name, text) => {
    const out = redactSecrets(text, counting().sink);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(text.length * 2);
  });

  it.each([
    ['eyJ- repeated', fill('eyJ-')],
    ['fake header.payload pairs', fill('eyJaaaaaaaaaaaa.eyJaaaaaaaaaaaa ')],
    ['password=" repeated', fill('password="')],
    ['mixed fragments', fill('password=eyJaaaa.eyJ&code=M.C1_AB.x ')],
  ])('%s: the whole pipeline answers and shows none of it', (_name, text) => {
    const d = diagnose(text);
    expect(d.secrets.length).toBeGreaterThan(0);
    expect(JSON.stringify(d)).not.toContain('eyJaaaa');
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
