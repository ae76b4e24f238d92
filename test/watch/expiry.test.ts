import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SlackReplies } from '../../adapters/slack/reply.js';
import { reminderMessage } from '../../adapters/slack/watch.js';
import { TeamsBot } from '../../adapters/teams/bot.js';
import { reminderCard } from '../../adapters/teams/watch.js';
import { createLogger } from '../../src/logger.js';
import type { Credential, Expiry } from '../../src/probe/expiry.js';
import { Store } from '../../src/store/db.js';
import { SqliteState } from '../../src/store/sqlite.js';
import { acknowledgeReminder, ExpiryReminders, type Reminder } from '../../src/watch/expiry.js';
import { testContext } from '../helpers.js';

// The forecast as days go by (a fake clock: each day the forecast says one day fewer), posted to a recording outlet,
// with the real SQLite store under a temporary DATA_DIR, restarted halfway.

const secret = (daysLeft: number): Credential => ({
  kind: 'client secret',
  name: 'Jira link 2026',
  id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  endsAt: '2027-01-04T10:00:00Z',
  daysLeft,
});

function reminders(dir: string, days: { left: number }, notes: string[]) {
  const store = new SqliteState(new Store({ dir, logger: createLogger('silent') }));
  const forecast = async (): Promise<Expiry> => ({ ok: true, app: 'Jira mail', credentials: [secret(days.left)] });
  const outlet = { name: 'slack', remind: async (r: Reminder) => void notes.push(r.text) };
  return { store, r: new ExpiryReminders(store, forecast, [outlet], () => {}) };
}

describe('expiry reminders', () => {
  it('post once per threshold (30, 7 and 1 days ahead), and not again after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-expiry-'));
    const days = { left: 40 };
    const notes: string[] = [];
    let { store, r } = reminders(dir, days, notes);
    const postedOn: number[] = [];
    for (; days.left >= 0; days.left--) {
      if (days.left === 20) {
        // A restart: a new process, the same database.
        await store.close();
        ({ store, r } = reminders(dir, days, notes));
      }
      const sent = await r.check();
      await r.check(); // twice a day
      if (sent.length) postedOn.push(days.left);
    }
    await store.close();
    expect(postedOn).toEqual([30, 7, 1]);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(
      /^The client secret "Jira link 2026" of Jira mail expires in 30 days \(2027-01-04\)\. On that day Jira stops reading mail \(AADSTS7000222\)/,
    );
    expect(notes[2]).toMatch(/expires in 1 day \(/);
  });

  it('reminds once, not three times, about a secret first seen five days ahead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-expiry-'));
    const days = { left: 5 };
    const notes: string[] = [];
    const { store, r } = reminders(dir, days, notes);
    for (; days.left >= 2; days.left--) await r.check();
    await store.close();
    expect(notes).toHaveLength(1);
  });

  it('says so, and posts nothing, when Entra cannot be asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-expiry-'));
    const store = new SqliteState(new Store({ dir, logger: createLogger('silent') }));
    const warned: string[] = [];
    const notes: string[] = [];
    const r = new ExpiryReminders(
      store,
      async () => ({ ok: false, detail: 'the token request failed (HTTP 401, AADSTS7000215)' }),
      [{ name: 'slack', remind: async (r) => void notes.push(r.text) }],
      (m) => warned.push(m),
    );
    expect(await r.check()).toEqual([]);
    await store.close();
    expect(notes).toEqual([]);
    expect(warned[0]).toMatch(/AADSTS7000215/);
  });

  it('carry an Acknowledge that any replica answers, drawn again in Slack and Teams with who took it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-expiry-'));
    const state = new SqliteState(new Store({ dir, logger: createLogger('silent') }));
    const posted: Reminder[] = [];
    const r = new ExpiryReminders(
      state,
      async () => ({ ok: true, app: 'Jira mail', credentials: [secret(7)] }),
      [{ name: 'slack', remind: async (x) => void posted.push(x) }],
      () => {},
    );
    await r.check();
    const [reminder] = posted;
    if (!reminder) throw new Error('no reminder');
    expect(reminderMessage(reminder).blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'mh_expiry_ack', value: reminder.key }],
    });
    expect(reminderCard(reminder).card.actions).toEqual([
      expect.objectContaining({ title: 'Acknowledge', data: { mhd: 'reminder', key: reminder.key } }),
    ]);
    // Another replica (another context on the same state) takes the click; a second click keeps the first name.
    const ctx = { ...testContext(), state };
    const [slack] = await new SlackReplies(ctx).conversation.handle({
      kind: 'reminder',
      key: reminder.key,
      person: 'U0ONCALL',
    });
    if (slack?.kind !== 'reminder') throw new Error('not acknowledged');
    const drawn = reminderMessage(slack.reminder);
    expect(JSON.stringify(drawn.blocks)).toContain('Acknowledged by <@U0ONCALL>');
    expect(JSON.stringify(drawn.blocks)).not.toContain('mh_expiry_ack');
    expect((await acknowledgeReminder(state, reminder.key, 'someone else'))?.ackedBy).toBe('U0ONCALL');
    const teams = await new TeamsBot(ctx).message({
      type: 'message',
      id: '1',
      value: { mhd: 'reminder', key: reminder.key },
      replyToId: 'card-1',
      from: { id: '29:x', name: 'Ada Admin' },
      recipient: { id: '28:bot' },
      conversation: { id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel' },
    });
    expect(teams[0]?.update).toBe('card-1');
    expect(JSON.stringify(teams[0]?.card)).toContain('Acknowledged by U0ONCALL');
    const gone = await new SlackReplies(ctx).conversation.handle({ kind: 'reminder', key: '7:nothing', person: 'U1' });
    expect(gone).toEqual([expect.objectContaining({ kind: 'say', what: 'untracked' })]);
    await state.close();
  });
});
