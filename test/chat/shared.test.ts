import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SlackReplies } from '../../adapters/slack/reply.js';
import { TeamsBot } from '../../adapters/teams/bot.js';
import { ChatFileError, diagnoseChatFile } from '../../src/chat/files.js';
import { autoReplyView, PASTE_TTL_MS } from '../../src/chat/policy.js';
import { PasteStore } from '../../src/chat/store.js';
import { diagnose } from '../../src/core/index.js';
import { createDoctor } from '../../src/doctor.js';
import { fixture, SECRETS, testContext } from '../helpers.js';

// What Slack and Teams share, tested once: how a shared file is read, what is kept for buttons, what an
// unasked answer may show.

const doctor = createDoctor({ tenantLookup: false });
const seed = (name: string) => fixture('seed', name);
const CONFIRMED = `${seed('rc1-incoming-mail.log')}${seed('rc1-scopes.txt')}`;

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

describe('a file shared in chat', () => {
  it('is read up to MAX_UPLOAD_MB, and the answer says the rest was not read', async () => {
    const big = `${CONFIRMED}\n${'INFO nothing to see here\n'.repeat(200_000)}`;
    const answer = await diagnoseChatFile(doctor, 'big.log', chunks(big), 1024 * 1024);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.diagnosis.findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect(answer.diagnosis.input.truncated).toBe(true);
    expect(answer.diagnosis.notes.join(' ')).toMatch(/only its beginning was read/);
  });

  it('stops pulling the download once the limit is read', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 64 * 1024;
        yield Buffer.from('INFO line\n'.repeat(6554));
      }
    }
    const answer = await diagnoseChatFile(doctor, 'endless.log', endless(), 256 * 1024);
    expect(answer.ok).toBe(true);
    expect(pulled).toBeLessThan(1024 * 1024);
  });

  it('keeps a small file whole, redacted, for question buttons, and only evidence of a gzip one', async () => {
    const text = `${seed('rc1-incoming-mail.log')}\nclient_secret=${SECRETS.clientSecret}\n`;
    const small = await diagnoseChatFile(doctor, 'small.log', chunks(text), 1024 * 1024);
    if (!small.ok) throw new Error(small.message);
    expect(small.paste).toContain('Invalid audience');
    expect(small.paste).not.toContain(SECRETS.clientSecret);
    const gz = await diagnoseChatFile(doctor, 'small.log.gz', chunks(gzipSync(text)), 1024 * 1024);
    if (!gz.ok) throw new Error(gz.message);
    expect(gz.paste).not.toContain(SECRETS.clientSecret);
    expect(gz.paste.split('\n').length).toBeLessThanOrEqual(gz.diagnosis.findings.length * 3);
  });

  it('says in a sentence when it is binary, or the download failed', async () => {
    const binary = await diagnoseChatFile(doctor, 'a.zip', chunks(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1])), 1024);
    expect(binary).toMatchObject({ ok: false, message: expect.stringMatching(/^a\.zip is not a text log/) });
    async function* refused(): AsyncGenerator<Uint8Array> {
      yield* [];
      throw new ChatFileError('the host said no.');
    }
    expect(await diagnoseChatFile(doctor, 'x.log', refused(), 1024)).toEqual({
      ok: false,
      message: 'I could not read x.log: the host said no. Try again, or paste the ERROR lines instead.',
    });
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('INFO start\n');
      throw new Error('socket hang up at 10.0.0.5:443');
    }
    const answer = await diagnoseChatFile(doctor, 'x.log', broken(), 1024);
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('The download broke off.') });
    expect(JSON.stringify(answer)).not.toContain('10.0.0.5');
  });
});

describe('kept pastes', () => {
  it('live a day, in one memory budget for every paste', () => {
    let now = 0;
    const store = new PasteStore(10_000, PASTE_TTL_MS, () => now, 1000);
    const ids = Array.from({ length: 30 }, (_, i) => store.put(`${i}`.padEnd(100, '.')));
    expect(store.weight).toBeLessThanOrEqual(1000);
    expect(store.get(ids[0] ?? '')).toBeUndefined();
    expect(store.get(ids[29] ?? '')).toMatch(/^29/);
    now = PASTE_TTL_MS - 1;
    expect(store.get(ids[29] ?? '')).toMatch(/^29/);
    now = 2 * PASTE_TTL_MS;
    expect(store.get(ids[29] ?? '')).toBeUndefined();
  });
});

describe('one paste store for every chat platform', () => {
  it('holds what Slack and Teams keep in the one budget of the context', async () => {
    const ctx = testContext();
    const paste = seed('rc1-incoming-mail.log');
    await new SlackReplies(ctx).paste(paste);
    const afterSlack = ctx.pastes.weight;
    expect(afterSlack).toBeGreaterThan(0);
    const replies = await new TeamsBot(ctx).message({
      type: 'message',
      text: paste,
      conversation: { id: 'c1', conversationType: 'personal' },
      from: { id: 'u1' },
      recipient: { id: 'bot' },
    });
    expect(replies.length).toBeGreaterThan(0);
    // The Teams answer asks a question, so its paste is kept too: in the same store, counted in the same budget.
    expect(ctx.pastes.weight).toBeGreaterThan(afterSlack);
  });
});

describe('an unasked answer in a support channel', () => {
  it('shows only confirmed and likely findings, no questions and no notes', () => {
    const d = diagnose(seed('rc1-incoming-mail.log'));
    expect(d.findings.some((f) => f.confidence === 'possible')).toBe(true);
    const view = autoReplyView(d);
    expect(view.findings.every((f) => f.confidence !== 'possible')).toBe(true);
    expect(view.questions).toEqual([]);
    expect(view.notes).toEqual([]);
    expect(autoReplyView(diagnose(CONFIRMED)).findings[0]?.id).toBe('graph-scope-domain-prefix');
  });
});
