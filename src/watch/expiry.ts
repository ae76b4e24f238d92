import type { Credential, Expiry } from '../probe/expiry.js';
import type { StatePort } from '../store/port.js';

// Reminders before a client secret or certificate of the mail app expires: posted 30, 7 and 1 days ahead, once per
// threshold, to the watcher's channels. What was posted is kept in the state port, so neither a restart nor a second replica posts it again.

export const THRESHOLDS = [30, 7, 1] as const;

export interface ReminderOutlet {
  readonly name: string;
  note(text: string): Promise<void>;
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
      for (const outlet of this.outlets) await outlet.note(text);
      // Every larger threshold counts as posted too: a secret first seen 5 days ahead is reminded once, not twice.
      for (const t of THRESHOLDS) if (t >= threshold) await this.state.set(`expiry:${t}:${c.id}`, String(Date.now()));
      sent.push(text);
    }
    return sent;
  }
}
