import { describe, expect, it } from 'vitest';
import { CARD_BUDGET, isAnswerData, toAdaptiveCard } from '../../adapters/teams/card.js';
import { autoReplyView } from '../../src/chat/policy.js';
import { diagnose } from '../../src/core/index.js';
import type { Diagnosis } from '../../src/core/types.js';
import { seed } from './helpers.js';

const types = (card: Record<string, unknown>) => (card.body as { type: string }[]).map((e) => e.type);
const json = (v: unknown) => JSON.stringify(v);

describe('toAdaptiveCard', () => {
  it('puts the root cause first, then the handler/protocol/cloud facts, numbered steps and monospace evidence', () => {
    const { summary, card } = toAdaptiveCard(diagnose(seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt')));

    expect(summary).toBe('The application link writes the Graph address in front of its scopes [confirmed]');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(types(card).slice(0, 3)).toEqual(['TextBlock', 'TextBlock', 'FactSet']);
    expect((card.body as { text?: string }[])[1]?.text).toBe('confirmed · graph-scope-domain-prefix');
    expect(json(card)).toMatch(/"text":"1\. Open[^"]*\\r2\. Replace the scopes/);
    expect(json(card)).toContain('"type":"TextRun","text":"line 1: ');
  });

  it('links the KB article, JSDSERVER-14090 and Microsoft docs as OpenUrl actions, and says no fix exists', () => {
    const { card } = toAdaptiveCard(diagnose(seed('rc2-graph-error.log') + seed('rc2-scopes.txt')));
    const urls = (card.actions as { type: string; url: string }[]).map((a) => `${a.type} ${a.url}`);

    expect(urls.some((u) => u.startsWith('Action.OpenUrl https://confluence.atlassian.com/'))).toBe(true);
    expect(urls.some((u) => u.includes('JSDSERVER-14090'))).toBe(true);
    expect(urls.some((u) => u.includes('learn.microsoft.com'))).toBe(true);
    expect(json(card)).toContain('No fix is available yet');
  });

  it('draws question buttons only when it has a stored paste to re-run', () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    expect(d.questions.length).toBeGreaterThan(0);

    const withId = toAdaptiveCard(d, { answerId: 'k1' }).card;
    const submit = json(withId).match(/"type":"Action.Submit"/g) ?? [];
    expect(submit.length).toBe(d.questions.reduce((n, q) => n + q.options.length, 0));
    expect(json(withId)).toContain('"data":{"mhd":"answer","id":"k1","answer":"The application link scopes are:');

    const preview = toAdaptiveCard(d).card;
    expect(json(preview)).not.toContain('Action.Submit');
    expect(json(preview)).toContain(d.questions[0]?.text);
  });

  it('warns about a pasted secret first and never repeats it', () => {
    const secret =
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlLmNvbSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    const d = diagnose(`Authorization: Bearer ${secret}\nInvalid audience`);
    const { summary, card } = toAdaptiveCard(d);

    expect(json(card)).not.toContain(secret);
    expect(summary).not.toContain(secret);
    expect(types(card)[0]).toBe('Container');
    expect(summary).toContain('rotate');
  });

  it('shows only confident findings and no questions in an auto-reply', () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    const { card, summary } = toAdaptiveCard(autoReplyView(d), { answerId: 'x' });

    expect(json(card)).not.toContain('possible ·');
    expect(json(card)).not.toContain('Action.Submit');
    expect(summary).toBe('No known mail-handler problem found.');
  });

  it('stays under the size budget for a diagnosis with huge findings', () => {
    const base = diagnose(seed('rc1-incoming-mail.log'));
    const first = base.findings[0];
    if (!first) throw new Error('the seed log should give findings');
    const long = 'x'.repeat(5000);
    const big: Diagnosis = {
      ...base,
      findings: Array.from({ length: 8 }, (_, i) => ({
        ...first,
        id: `rule-${i}`,
        cause: long,
        fix: Array.from({ length: 20 }, () => long),
        evidence: Array.from({ length: 10 }, (_, line) => ({ line, text: long })),
      })),
    };
    const { card } = toAdaptiveCard(big);

    expect(Buffer.byteLength(json(card))).toBeLessThanOrEqual(CARD_BUDGET);
    expect(json(card)).toContain('more possible cause(s) left out');
  });

  it('says what to paste when nothing is found', () => {
    const { summary, card } = toAdaptiveCard(diagnose('hello there'));
    expect(summary).toBe('No known mail-handler problem found.');
    expect(json(card)).toContain('atlassian-jira-incoming-mail.log');
  });
});

describe('isAnswerData', () => {
  it('accepts only our own button data', () => {
    expect(isAnswerData({ mhd: 'answer', id: 'a', answer: 'Our tenant is in GCC High.' })).toBe(true);
    expect(isAnswerData({ mhd: 'answer', id: 'a' })).toBe(false);
    expect(isAnswerData({ mhd: 'answer', id: 'a', answer: 'x'.repeat(5000) })).toBe(false);
    expect(isAnswerData('answer')).toBe(false);
    expect(isAnswerData(null)).toBe(false);
  });
});
