import { basename } from 'node:path';
import { type Failure, MUTE_HOURS } from './state.js';

export { MUTE_HOURS, MUTE_MS } from './state.js';

// What a watch post says, in words both chat platforms draw: the title, where it was seen, who took it, the mute.
// The adapters only decide how a person is shown (a Slack mention, a Teams name) and lay the words out.

export const when = (at: number) => `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export const watchTitle = (f: Failure) =>
  f.recoveredAt ? 'Incoming mail failed, and has recovered' : 'Incoming mail started failing';

/**
 * "First seen … in <log> · <subject> · seen N times"; `code` shows the log's name as the platform shows code, `text`
 * escapes what came from the log for its markup.
 */
export const watchWhere = (f: Failure, code = (s: string) => s, text = (s: string) => s) =>
  `First seen ${when(f.firstSeen)} in ${code(text(basename(f.log)))}${f.subject ? ` · ${text(f.subject)}` : ''} · seen ${f.count} time${f.count === 1 ? '' : 's'}`;

export const isMuted = (f: Failure, now = Date.now()) => Boolean(f.mutedUntil && f.mutedUntil > now);

/** Who took it, who muted it until when, when it recovered; `person` shows a platform's user id. */
export function watchStatus(f: Failure, person: (id: string) => string, now = Date.now()): string[] {
  const status: string[] = [];
  if (f.ackedBy) status.push(`Acknowledged by ${person(f.ackedBy)}`);
  if (isMuted(f, now)) status.push(`Muted until ${when(f.mutedUntil ?? 0)} by ${person(f.mutedBy ?? '')}`);
  if (f.recoveredAt) status.push(`Recovered ${when(f.recoveredAt)}`);
  return status;
}

/** Which buttons a post still offers. */
export const watchButtons = (f: Failure, now = Date.now()) => ({
  acknowledge: !f.recoveredAt && !f.ackedBy,
  mute: !f.recoveredAt && !isMuted(f, now),
});

export const ACKNOWLEDGE_LABEL = 'Acknowledge';
export const MUTE_LABEL = `Mute ${MUTE_HOURS} h`;

/** Said in the post's thread when someone mutes it. */
export const mutedSentence = (f: Failure, person: string) =>
  `Muted for ${MUTE_HOURS} h by ${person}: no posts for this failure until ${when(f.mutedUntil ?? 0)} (repeats are still counted).`;

/** Under an expiry reminder once someone took it. */
export const reminderStatus = (ackedBy: string | null, person: (id: string) => string) =>
  ackedBy ? `Acknowledged by ${person(ackedBy)}` : '';
