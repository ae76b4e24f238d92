import {
  ACKNOWLEDGE_LABEL,
  type Diagnosis,
  type Failure,
  MUTE_LABEL,
  type Outlet,
  type Reminder,
  reminderStatus,
  watchButtons,
  watchStatus,
  watchTitle,
  watchWhere,
} from '../../src/chat/index.js';
import { type ReminderData, type Reply, toAdaptiveCard, type WatchData } from './card.js';

// The watcher's posts in a Teams channel: the card a paste would get, headed "Incoming mail started failing", with
// Acknowledge and Mute 24 h; replies in the post's thread; updates in place. Teams only lets a bot post where it has
// been added, so the channel's reference is the one kept when the bot was added to it or mentioned there.

/** A conversation (by its reference, with `conversation.id` replaced) and what to do there. */
export type Proactive = (
  reference: Record<string, unknown>,
  conversationId: string,
  work: (send: {
    post(r: Reply): Promise<string | undefined>;
    update(r: Reply & { update: string }): Promise<void>;
  }) => Promise<void>,
) => Promise<void>;

export function watchCard(
  f: Failure,
  d: Diagnosis,
  now = Date.now(),
): { summary: string; card: Record<string, unknown> } {
  const { summary, card } = toAdaptiveCard(d);
  const title = watchTitle(f);
  const status = watchStatus(f, (person) => person, now);
  const head = [
    {
      type: 'TextBlock',
      text: title,
      size: 'Large',
      weight: 'Bolder',
      color: f.recoveredAt ? 'Good' : 'Attention',
      wrap: true,
    },
    { type: 'TextBlock', text: watchWhere(f), isSubtle: true, wrap: true, spacing: 'None' },
  ];
  const tail: Record<string, unknown>[] = status.length
    ? [{ type: 'TextBlock', text: status.join(' · '), wrap: true }]
    : [];
  const offer = watchButtons(f, now);
  const actions: Record<string, unknown>[] = [];
  if (offer.acknowledge)
    actions.push({
      type: 'Action.Submit',
      title: ACKNOWLEDGE_LABEL,
      data: { mhd: 'watch', key: f.key, action: 'ack' } satisfies WatchData,
    });
  if (offer.mute)
    actions.push({
      type: 'Action.Submit',
      title: MUTE_LABEL,
      data: { mhd: 'watch', key: f.key, action: 'mute' } satisfies WatchData,
    });
  if (actions.length) tail.push({ type: 'ActionSet', actions });
  const body = [...head, ...((card.body as Record<string, unknown>[]) ?? []), ...tail];
  return { summary: `${title}: ${summary}`, card: { ...card, body } };
}

/** An expiry reminder as a card: its words, then Acknowledge, or who acknowledged it. */
export function reminderCard(r: Reminder): { summary: string; card: Record<string, unknown> } {
  const status = reminderStatus(r.ackedBy, (person) => person);
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: r.text, wrap: true }];
  if (status) body.push({ type: 'TextBlock', text: status, isSubtle: true, wrap: true });
  const actions = status
    ? []
    : [
        {
          type: 'Action.Submit',
          title: ACKNOWLEDGE_LABEL,
          data: { mhd: 'reminder', key: r.key } satisfies ReminderData,
        },
      ];
  return {
    summary: r.text,
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body,
      ...(actions.length ? { actions } : {}),
    },
  };
}

/** Posts to WATCH_TEAMS_CHANNEL through the bot; a channel the bot was never added to gets one warning per post. */
export function teamsWatchOutlet(options: {
  channel: string;
  /** The channel's kept reference (src/watch/state.ts), or null when the bot was never seen there. */
  referenceOf: (channel: string) => Promise<Record<string, unknown> | null>;
  proactive: Proactive;
}): Outlet {
  const { channel, referenceOf, proactive } = options;
  const reference = async () => {
    const ref = await referenceOf(channel);
    if (!ref) {
      throw new Error(
        `the bot has not been added to Teams channel ${channel} yet (or the server never saw it there): add it, or mention it there once`,
      );
    }
    return ref;
  };
  return {
    name: 'teams',
    async post(f, d) {
      const { summary, card } = watchCard(f, d);
      let id: string | undefined;
      await proactive(await reference(), channel, async (send) => {
        id = await send.post({ text: summary, card });
      });
      return id ?? null;
    },
    async reply(ref, text) {
      await proactive(await reference(), `${channel};messageid=${ref}`, async (send) => {
        await send.post({ text });
      });
    },
    async update(ref, f, d) {
      const { summary, card } = watchCard(f, d);
      await proactive(await reference(), channel, async (send) => {
        await send.update({ text: summary, card, update: ref });
      });
    },
    async note(text) {
      await proactive(await reference(), channel, async (send) => {
        await send.post({ text });
      });
    },
    async remind(r) {
      const { summary, card } = reminderCard(r);
      await proactive(await reference(), channel, async (send) => {
        await send.post({ text: summary, card });
      });
    },
  };
}
