import type { Credential, Expiry } from '../probe/expiry.js';
import type { StatePort } from '../store/port.js';

// Reminders before a client secret or certificate of the mail app expires: posted 30, 7 and 1 days ahead, once per
// threshold, to the watcher's channels, with an Acknowledge button. What was posted is kept in the state port, so
// neither a restart nor a second replica posts it again, and any replica can answer the button.

export const THRESHOLDS = [30, 7, 1] as const;

/** A reminder as posted: its key (credential and threshold), its words, and who acknowledged it. */
export interface Reminder {
  key: string;
  text: string;
  ackedBy: string | null;
}

export interface ReminderOutlet {
  readonly name: string;
  /** Posts a reminder with an Acknowledge button. */
  remind(r: Reminder): Promise<void>;
}

/** How long a posted reminder can still be acknowledged (beyond the last threshold, the secret has expired). */
const REMINDER_TTL_MS = 45 * 24 * 60 * 60 * 1000;
const reminderKey = (key: string) => `expiry:reminder:${key}`;

/** Someone took the reminder: kept (any replica may be asked), so the post shows who. Null when it is unknown. */
export async function acknowledgeReminder(state: StatePort, key: string, by: string): Promise<Reminder | null> {
  const kept = await state.get(reminderKey(key));
  if (!kept) return null;
  const r = JSON.parse(kept) as Reminder;
  if (r.ackedBy) return r;
  const taken = { ...r, ackedBy: by };
  await state.set(reminderKey(key), JSON.stringify(taken), REMINDER_TTL_MS);
  return taken;
}

export class ExpiryReminders {
  constructor(
    private readonly state: StatePort,
    private readonly forecast: () => Promise<Expiry>,
    private readonly outlets: ReminderOutlet[],
    private readonly warn: (message: string) => void,
  ) {}

  /** The smallest threshold a credential has reached, or null when it is further off than every threshold. */
  static due(c: Credential): number | null {
    const reached = THRESHOLDS.filter((t) => c.daysLeft <= t);
    return reached.length > 0 ? Math.min(...reached) : null;
  }

  private async posted(credential: string, threshold: number): Promise<boolean> {
    return (await this.state.get(`expiry:${threshold}:${credential}`)) !== null;
  }

  /** Asks Entra once and posts what is due; the texts posted. */
  async check(): Promise<string[]> {
    const e = await this.forecast().catch((err: Error) => ({ ok: false as const, detail: err.message }));
    if (!e.ok) {
      this.warn(`cannot read when the mail app's secrets expire: ${e.detail}`);
      return [];
    }
    const sent: string[] = [];
    for (const c of e.credentials) {
      const threshold = ExpiryReminders.due(c);
      if (threshold === null || c.daysLeft < 0 || (await this.posted(c.id, threshold))) continue;
      const when = c.daysLeft === 0 ? 'today' : `in ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'}`;
      const text = `The ${c.kind} "${c.name}" of ${e.app} expires ${when} (${c.endsAt.slice(0, 10)}). On that day Jira stops reading mail (AADSTS7000222): make a new one under the app registration's Certificates & secrets and put its value in Jira's application link before then.`;
      const reminder: Reminder = { key: `${threshold}:${c.id}`.slice(0, 200), text, ackedBy: null };
      await this.state.set(reminderKey(reminder.key), JSON.stringify(reminder), REMINDER_TTL_MS);
      for (const outlet of this.outlets) await outlet.remind(reminder);
      // Every larger threshold counts as posted too: a secret first seen 5 days ahead is reminded once, not twice.
      for (const t of THRESHOLDS) if (t >= threshold) await this.state.set(`expiry:${t}:${c.id}`, String(Date.now()));
      sent.push(text);
    }
    return sent;
  }
}
