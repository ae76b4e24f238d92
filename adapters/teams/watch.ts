import { basename } from 'node:path';
import type { Diagnosis, Failure, Outlet, WatchState } from '../../src/chat/index.js';
import { toAdaptiveCard } from './card.js';
import type { Proactive } from './sdk.js';

// The watcher's posts in a Teams channel: the card a paste would get, headed "Incoming mail started failing", with
// Acknowledge and Mute 24 h; replies in the post's thread; updates in place. Teams only lets a bot post where it has
// been added, so the channel's reference is the one kept when the bot was added to it or mentioned there.

export const MUTE_HOURS = 24;

/** What the watch card's buttons send back. */
export interface WatchData {
  mhd: 'watch';
  key: string;
  action: 'ack' | 'mute';
}

export function isWatchData(value: unknown): value is WatchData {
  const v = value as Partial<WatchData> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.mhd === 'watch' &&
    typeof v.key === 'string' &&
    v.key.length <= 300 &&
    (v.action === 'ack' || v.action === 'mute')
  );
}

const when = (at: number) => `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function watchCard(
  f: Failure,
  d: Diagnosis,
  now = Date.now(),
): { summary: string; card: Record<string, unknown> } {
  const { summary, card } = toAdaptiveCard(d);
  const title = f.recoveredAt ? 'Incoming mail failed, and has recovered' : 'Incoming mail started failing';
  const muted = Boolean(f.mutedUntil && f.mutedUntil > now);
  const status = [
    f.ackedBy ? `Acknowledged by ${f.ackedBy}` : '',
    muted ? `Muted until ${when(f.mutedUntil ?? 0)} by ${f.mutedBy ?? ''}` : '',
    f.recoveredAt ? `Recovered ${when(f.recoveredAt)}` : '',
  ].filter(Boolean);
  const head = [
    {
      type: 'TextBlock',
      text: title,
      size: 'Large',
      weight: 'Bolder',
      color: f.recoveredAt ? 'Good' : 'Attention',
      wrap: true,
    },
    {
      type: 'TextBlock',
      text: `First seen ${when(f.firstSeen)} in ${basename(f.log)}${f.subject ? ` · ${f.subject}` : ''} · seen ${f.count} time${f.count === 1 ? '' : 's'}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  const tail: Record<string, unknown>[] = status.length
    ? [{ type: 'TextBlock', text: status.join(' · '), wrap: true }]
    : [];
  const actions: Record<string, unknown>[] = [];
  if (!f.recoveredAt && !f.ackedBy)
    actions.push({
      type: 'Action.Submit',
      title: 'Acknowledge',
      data: { mhd: 'watch', key: f.key, action: 'ack' } satisfies WatchData,
    });
  if (!f.recoveredAt && !muted)
    actions.push({
      type: 'Action.Submit',
      title: `Mute ${MUTE_HOURS} h`,
      data: { mhd: 'watch', key: f.key, action: 'mute' } satisfies WatchData,
    });
  if (actions.length) tail.push({ type: 'ActionSet', actions });
  const body = [...head, ...((card.body as Record<string, unknown>[]) ?? []), ...tail];
  return { summary: `${title}: ${summary}`, card: { ...card, body } };
}

/** Posts to WATCH_TEAMS_CHANNEL through the bot; a channel the bot was never added to gets one warning per post. */
export function teamsWatchOutlet(options: { channel: string; state: WatchState; proactive: Proactive }): Outlet {
  const { channel, state, proactive } = options;
  const reference = () => {
    const ref = state.teamsChannel(channel);
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
      await proactive(reference(), channel, async (send) => {
        id = await send.post({ text: summary, card });
      });
      return id ?? null;
    },
    async reply(ref, text) {
      await proactive(reference(), `${channel};messageid=${ref}`, async (send) => {
        await send.post({ text });
      });
    },
    async update(ref, f, d) {
      const { summary, card } = watchCard(f, d);
      await proactive(reference(), channel, async (send) => {
        await send.update({ text: summary, card, update: ref });
      });
    },
    async note(text) {
      await proactive(reference(), channel, async (send) => {
        await send.post({ text });
      });
    },
  };
}
