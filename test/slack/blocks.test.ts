import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS, splitText, summarise, toBlockKit } from '../../adapters/slack/blocks.js';
import { diagnose } from '../../src/core/index.js';
import type { Diagnosis, Finding } from '../../src/core/types.js';

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');

type Block = {
  type: string;
  text?: { type: string; text: string };
  elements?: { type: string; text?: { text: string } | string; value?: string; url?: string }[];
};

const WORD = 'Authorize';
const longFinding = (i: number): Finding => ({
  id: `synthetic-${i}`,
  title: `Synthetic finding number ${i} with a title that goes on and on about the Graph application link `.repeat(3),
  confidence: i === 0 ? 'confirmed' : 'possible',
  cause: `${WORD} the mailbox again in Project settings. `.repeat(120),
  fix: Array.from(
    { length: 8 },
    (_, n) => `Step ${n + 1} of finding ${i}: ${`${WORD} the channel and test. `.repeat(30)}`,
  ),
  evidence: [{ line: 3, text: `GraphServiceException ${'x'.repeat(500)} \`\`\` <b>` }],
  links: Array.from({ length: 9 }, (_, n) => ({ title: `Link ${n}`, url: `https://example.com/${n}` })),
  fixAvailable: i !== 1,
});

function huge(): Diagnosis {
  const d = diagnose(`${seed('rc1-incoming-mail.log')}\nclient_secret=Qx8~vT3pL9sK2mN7bR4wY6zA1cD5eF0gH`);
  return { ...d, findings: Array.from({ length: 30 }, (_, i) => longFinding(i)), notes: ['A note. '.repeat(600)] };
}

const sectionTexts = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('toBlockKit', () => {
  it('stays inside Slack limits for a huge diagnosis', () => {
    const { text, blocks } = toBlockKit(huge(), { pasteId: 'p1', share: true }) as { text: string; blocks: Block[] };
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const t of sectionTexts(blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect((blocks[0]?.text?.text ?? '').length).toBeLessThanOrEqual(LIMITS.headerText);
    for (const b of blocks.filter((x) => x.type === 'actions')) {
      expect(b.elements?.length).toBeLessThanOrEqual(25);
      for (const e of b.elements ?? []) {
        expect((e.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(typeof e.text === 'object' ? e.text.text.length : 0).toBeLessThanOrEqual(LIMITS.buttonText);
      }
    }
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  });

  it('keeps every fix step of the top finding in full, even when long', () => {
    const d = huge();
    const all = sectionTexts(toBlockKit(d).blocks as Block[]).join('\n');
    for (const step of d.findings[0]?.fix ?? []) expect(all.replace(/\n/g, ' ')).toContain(step.trim());
  });

  it('never cuts a word: every shortened text ends on a whole word', () => {
    const d = huge();
    const { blocks } = toBlockKit(d) as { blocks: Block[] };
    const header = blocks[0]?.text?.text ?? '';
    expect(header).toMatch(/(\w|…)$/);
    expect(
      header
        .replace(/…$/, '')
        .split(/\s+/)
        .every((w) => d.findings[0]?.title.includes(w)),
    ).toBe(true);
    for (const t of sectionTexts(blocks).filter((x) => x.endsWith('…'))) {
      const lastWord = t.slice(0, -1).trim().split(/\s+/).pop() ?? '';
      expect(['Authorize', 'the', 'mailbox', 'again', 'in', 'Project', 'settings.', 'A', 'note.']).toContain(lastWord);
    }
  });

  it('says how many findings did not fit rather than dropping them silently', () => {
    const { blocks } = toBlockKit(huge()) as { blocks: Block[] };
    expect(sectionTexts(blocks).some((t) => /…and \d+ more possible causes/.test(t))).toBe(true);
  });

  it('warns about the secret without repeating it and escapes markup in evidence', () => {
    const out = toBlockKit(huge());
    const json = JSON.stringify(out);
    expect(json).not.toContain('Qx8~vT3pL9sK2mN7bR4wY6zA1cD5eF0gH');
    expect(out.text).toMatch(/delete the message and rotate/);
    expect(json).not.toContain('<b>');
    const code = sectionTexts(out.blocks as Block[]).filter((t) => t.startsWith('```'));
    expect(code.length).toBeGreaterThan(0);
    for (const t of code) expect(t.match(/```/g)).toHaveLength(2);
  });

  it('renders the seed answer with header, fix, evidence, link buttons and a facts context line', () => {
    const d = diagnose(`${seed('rc1-incoming-mail.log')}\n${seed('rc1-scopes.txt')}`);
    const { text, blocks } = toBlockKit(d) as { text: string; blocks: Block[] };
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blocks[0]?.text?.text).toContain(d.findings[0]?.title ?? '?');
    expect(sectionTexts(blocks).some((t) => t.startsWith('*Fix*\n1. '))).toBe(true);
    expect(sectionTexts(blocks).some((t) => t.startsWith('```'))).toBe(true);
    const urls = blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.url ? [e.url] : []));
    expect(urls.some((u) => u.includes('confluence.atlassian.com'))).toBe(true);
    const context = blocks.at(-1);
    expect(context?.type).toBe('context');
    expect(JSON.stringify(context)).toMatch(/Handler.*Protocol.*Cloud/);
    expect(text).toMatch(/confirmed/);
  });

  it('turns questions into answer buttons carrying the paste id', () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    expect(d.questions.length).toBeGreaterThan(0);
    const { blocks } = toBlockKit(d, { pasteId: 'abc' }) as { blocks: Block[] };
    const values = blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.value ? [JSON.parse(e.value)] : []));
    expect(values).toContainEqual({ p: 'abc', a: 'Our tenant is in GCC High.' });
  });

  it('answers an empty paste with the next step instead of a finding', () => {
    const { text, blocks } = toBlockKit(diagnose('')) as { text: string; blocks: Block[] };
    expect(blocks[0]?.text?.text).toBe('No known mail-handler problem found.');
    expect(text).toContain('atlassian-jira-incoming-mail.log');
  });
});

describe('text helpers', () => {
  it('summarise ends on a whole word and keeps short text as it is', () => {
    expect(summarise('short', 10)).toBe('short');
    const s = summarise('alpha beta gamma delta epsilon', 18);
    expect(s).toBe('alpha beta gamma…');
    expect(s.length).toBeLessThanOrEqual(18);
  });

  it('splitText loses nothing and splits at spaces', () => {
    const text = 'one two three four five six seven';
    const parts = splitText(text, 10);
    expect(parts.every((p) => p.length <= 10)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });
});
