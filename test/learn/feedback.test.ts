import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/store/db.js';
import { fixture } from '../helpers.js';
import { SlackHarness } from '../slack/harness.js';
import { personal, TeamsHarness, USER } from '../teams/helpers.js';

// "Fixed it" / "Not it" the way each platform delivers a click: a signed Slack interaction payload, a Teams card
// action activity, the playground's own request. Each records once per person per answer, and the answer is
// updated where it is (its buttons become a thank-you), never followed by a new message.

const KNOWN = fixture('seed', 'rc2-graph-error.log');

type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string; text?: unknown }[] };

function rows(dataDir: string, sql: string, ...args: unknown[]): Record<string, unknown>[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('in Slack', () => {
  const h = new SlackHarness();
  afterEach(() => h.reset());
  const ACT = '/actions/T0TEAM/1/act';

  const click = (
    user: string,
    button: { action_id?: string; value?: string },
    message?: { text: string; blocks: Block[] },
  ) => h.click({ user, channel: 'D0ADMIN', button, message, responseUrl: ACT, ts: '1700000000.000200' });

  const feedbackButton = (blocks: Block[], action: string) =>
    blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === action) ?? {};

  it('records a click once per person, updates the answer in place, and keeps a "Not it" paste when asked', async () => {
    await h.start();
    h.api('chat.postMessage');
    await h.event({
      type: 'message',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'U0ADMIN',
      text: KNOWN,
      ts: '1700000000.000100',
    });
    await h.exactly(1);
    const answer = { text: String(h.calls[0]?.body.text), blocks: h.calls[0]?.body.blocks as Block[] };
    const fixed = feedbackButton(answer.blocks, 'mh_feedback_fixed');
    const { a: answerId, r: rule } = JSON.parse(fixed.value ?? '{}') as { a: string; r: string };
    expect(rule).toBe('graph-scope-domain-prefix');

    // The click: Slack sends the message's blocks back; the answer is replaced with the buttons turned to thanks.
    h.hook(ACT, 2);
    expect((await click('U0ADMIN', fixed, answer)).status).toBe(200);
    await h.exactly(2);
    const updated = h.calls[1]?.body ?? {};
    expect(h.calls[1]?.method).toBe(`response_url ${ACT}`);
    expect(updated.replace_original).toBe(true);
    const updatedBlocks = updated.blocks as Block[];
    expect(JSON.stringify(updatedBlocks)).toContain('Thanks — recorded.');
    expect(updatedBlocks.find((b) => b.block_id === `fb_${rule}`)?.type).toBe('context');
    // Everything else in the answer is as it was.
    expect(updatedBlocks.length).toBe(answer.blocks.length);

    // A second click by the same person: acknowledged, still one row.
    await click('U0ADMIN', fixed, answer);
    await h.exactly(3);
    const dir = h.app.config.DATA_DIR;
    expect(rows(dir, 'SELECT verdict, door FROM feedback WHERE answer_id = ?', answerId)).toEqual([
      { verdict: 'fixed', door: 'slack' },
    ]);

    // Someone else says "Not it": the buttons offer to keep the paste; keeping it stores it, redacted.
    h.hook(ACT, 2);
    await click('U0OTHER', feedbackButton(answer.blocks, 'mh_feedback_notit'), answer);
    await h.exactly(4);
    const offer = h.calls[3]?.body.blocks as Block[];
    const keep = feedbackButton(offer, 'mh_feedback_keep');
    expect(keep.action_id).toBe('mh_feedback_keep');
    await click('U0OTHER', keep, { text: answer.text, blocks: offer });
    await h.exactly(5);
    expect(JSON.stringify(h.calls[4]?.body.blocks)).toContain('Kept, with its secrets removed');
    expect(rows(dir, 'SELECT count(*) AS n FROM feedback WHERE answer_id = ?', answerId)).toEqual([{ n: 2 }]);
    const kept = rows(dir, "SELECT reason, example FROM unknowns WHERE reason = 'not it'");
    expect(kept).toHaveLength(1);
    expect(String(kept[0]?.example)).toContain('Invalid audience');
    expect(h.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('draws an ephemeral answer again from the kept paste (Slack does not send its blocks back)', async () => {
    await h.start();
    h.hook('/commands/T0TEAM/1/cmd');
    await h.command(`diagnose ${KNOWN}`);
    await h.exactly(1);
    const fixed = feedbackButton(h.calls[0]?.body.blocks as Block[], 'mh_feedback_fixed');
    h.hook(ACT);
    await click('U0ADMIN', fixed);
    await h.exactly(2);
    expect(h.calls[1]?.body.replace_original).toBe(true);
    expect(JSON.stringify(h.calls[1]?.body.blocks)).toContain('Thanks — recorded.');
    // Still the answer, with its share button.
    expect(JSON.stringify(h.calls[1]?.body.blocks)).toContain('mh_share');
  });

  it('ignores a forged button value', async () => {
    await h.start();
    await click('U0ADMIN', { action_id: 'mh_feedback_fixed', value: '{"a":"x","r":"../../etc"}' });
    await h.settle();
    expect(h.calls).toEqual([]);
  });
});

describe('in Teams', () => {
  const t = new TeamsHarness();
  afterEach(() => t.stop());

  it('records a card action once per person and updates the card, with no new message', async () => {
    await t.start({ TENANT_LOOKUP: 'off' });
    t.catchReplies();
    const updates = t.catchUpdates();
    await t.post(personal(KNOWN));
    expect(t.sent).toHaveLength(1);
    const card = JSON.stringify(t.sent[0]?.body.attachments?.[0]?.content);
    const data = JSON.parse(/"data":(\{"mhd":"feedback"[^}]*"verdict":"fixed"\})/.exec(card)?.[1] ?? '{}') as {
      id: string;
      rule: string;
    };
    expect(data.rule).toBe('graph-scope-domain-prefix');

    const action = (from = USER) =>
      personal('', {
        value: { mhd: 'feedback', id: data.id, rule: data.rule, verdict: 'fixed' },
        replyToId: 'reply-1',
        from,
      });
    await t.post(action());
    await t.post(action());
    expect(t.sent).toHaveLength(1);
    expect(updates).toHaveLength(2);
    expect(updates[0]?.path).toMatch(/\/activities\/reply-1$/);
    expect(JSON.stringify(updates[0]?.body.attachments?.[0]?.content)).toContain('Thanks — recorded.');
    const dir = t.app.config.DATA_DIR;
    expect(rows(dir, 'SELECT verdict, door FROM feedback WHERE answer_id = ?', data.id)).toEqual([
      { verdict: 'fixed', door: 'teams' },
    ]);
  });
});

describe('in the playground', () => {
  const t = new TeamsHarness();
  afterEach(() => t.stop());

  it('records once per browser, offers to keep a "Not it" paste, and refuses what the page does not send', async () => {
    await t.start();
    const url = t.app.url;
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    };
    const preview = await post('/api/preview', { text: KNOWN });
    const answerId = String(preview.body.answerId);
    const rule = 'graph-scope-domain-prefix';
    const person = 'browser-0123456789';
    expect((await post('/api/feedback', { answerId, rule, verdict: 'fixed', person })).body).toEqual({
      result: 'recorded',
      canKeep: false,
    });
    expect((await post('/api/feedback', { answerId, rule, verdict: 'not-it', person })).body.result).toBe('already');
    expect(
      (await post('/api/feedback', { answerId, rule, verdict: 'not-it', person: 'browser-other-1' })).body,
    ).toEqual({
      result: 'recorded',
      canKeep: true,
    });
    expect((await post('/api/feedback/keep', { answerId })).body).toEqual({ result: 'kept' });
    expect((await post('/api/feedback', { answerId: 'not-a-uuid', rule, verdict: 'fixed', person })).status).toBe(400);
    expect((await post('/api/feedback', { answerId, rule: '<script>', verdict: 'fixed', person })).status).toBe(400);
    expect((await post('/api/feedback', '{not json')).status).toBe(400);
    const big = await post('/api/feedback', {
      answerId,
      rule,
      verdict: 'fixed',
      person: 'p'.repeat(80),
      pad: 'x'.repeat(8000),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      (await post('/api/feedback', { answerId, rule, verdict: 'fixed', person }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect((await post('/api/feedback/keep', { answerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(410);
  });
});
