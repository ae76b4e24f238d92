import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SlackReplies } from '../../adapters/slack/reply.js';
import { TeamsBot } from '../../adapters/teams/bot.js';
import { ChatFileError, diagnoseChatFile } from '../../src/chat/files.js';
import { autoReplyView, PASTE_TTL_MS } from '../../src/chat/policy.js';
import { Pastes } from '../../src/chat/store.js';
import { diagnose } from '../../src/core/index.js';
import { createDoctor } from '../../src/doctor.js';
import { MemoryState } from '../../src/store/index.js';
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
  it('live a day, in one memory budget for every paste', async () => {
    let now = 0;
    const store = new Pastes(new MemoryState(() => now, 1000));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await store.put(`${i}`.padEnd(100, '.')));
    expect(await store.get(ids[0] ?? '')).toBeUndefined();
    expect(await store.get(ids[19] ?? '')).toBeUndefined();
    expect(await store.get(ids[29] ?? '')).toMatch(/^29/);
    now = PASTE_TTL_MS - 1;
    expect(await store.get(ids[29] ?? '')).toMatch(/^29/);
    now = 2 * PASTE_TTL_MS;
    expect(await store.get(ids[29] ?? '')).toBeUndefined();
  });
});

describe('one paste store for every chat platform', () => {
  it("holds what Slack and Teams keep, so either can answer a button on the other one's answer", async () => {
    const ctx = testContext();
    const paste = seed('rc1-incoming-mail.log');
    const [slack] = await new SlackReplies(ctx).conversation.handle({
      kind: 'message',
      thread: 't',
      text: paste,
      files: [],
      auto: false,
    });
    if (slack?.kind !== 'answer') throw new Error('no answer');
    // The question button of Slack's answer, pressed through Teams' conversation: the same kept paste answers it.
    const [teams] = await new TeamsBot(ctx).conversation.handle({
      kind: 'question',
      pasteId: slack.answer.pasteId,
      answer: 'The Graph scope is https://graph.microsoft.com/Mail.Read',
    });
    expect(teams?.kind).toBe('answer');
    expect(await ctx.pastes.get(slack.answer.pasteId)).toContain('graph');
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
