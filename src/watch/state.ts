import type { StatePort } from '../store/port.js';
import type { Offset, OffsetStore } from './tail.js';

// What the watcher remembers across restarts and replicas, through the state port: where each log was read up to,
// each failure it saw (posted when, counted how often, acknowledged or muted by whom), where it posted it, and how
// many posts this hour. Also the Teams channels the bot may post to (kept when it is added to one or mentioned there).

export interface Failure {
  key: string;
  rule: string;
  subject: string;
  log: string;
  /** The record that showed it, redacted: what the post is drawn from again. */
  text: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
  postedAt: number | null;
  /** When the count was last said in the thread, and what it was. */
  countPostedAt: number | null;
  counted: number;
  open: boolean;
  recoveredAt: number | null;
  ackedBy: string | null;
  mutedUntil: number | null;
  mutedBy: string | null;
}

const HOUR = 60 * 60 * 1000;
/** How long Mute silences a failure. */
export const MUTE_HOURS = 24;
export const MUTE_MS = MUTE_HOURS * HOUR;
/** A failure not seen for this long is forgotten; seen again, it is new. */
const FAILURE_TTL_MS = 90 * 24 * HOUR;
const OPEN = 'watch:open';

export class WatchState implements OffsetStore {
  constructor(private readonly state: StatePort) {}

  async get(path: string): Promise<Offset | null> {
    const v = await this.state.get(`watch:offset:${path}`);
    return v ? (JSON.parse(v) as Offset) : null;
  }

  async set(path: string, offset: Offset): Promise<void> {
    await this.state.set(`watch:offset:${path}`, JSON.stringify({ inode: offset.inode, offset: offset.offset }));
  }

  async failure(key: string): Promise<Failure | null> {
    const v = await this.state.get(`watch:failure:${key}`);
    return v ? (JSON.parse(v) as Failure) : null;
  }

  /** Failures still open (posted, not recovered) that a success line for `subject` in `log` ends. */
  async openFailures(log: string, subject: string): Promise<Failure[]> {
    const found: Failure[] = [];
    for (const key of await this.state.members(OPEN)) {
      const f = await this.failure(key);
      if (!f?.open || f.postedAt === null) {
        await this.state.remove(OPEN, key);
        continue;
      }
      if (f.log === log && (f.subject === subject || !f.subject || !subject)) found.push(f);
    }
    return found;
  }

  async save(f: Failure): Promise<void> {
    await this.state.set(`watch:failure:${f.key}`, JSON.stringify(f), FAILURE_TTL_MS);
    if (f.open && f.postedAt !== null) await this.state.add(OPEN, f.key);
    else await this.state.remove(OPEN, f.key);
  }

  ref(key: string, outlet: string): Promise<string | null> {
    return this.state.get(`watch:ref:${outlet}:${key}`);
  }

  async setRef(key: string, outlet: string, ref: string): Promise<void> {
    await this.state.set(`watch:ref:${outlet}:${key}`, ref, FAILURE_TTL_MS);
  }

  /** Counts a top-level post against the hourly limit, shared by every replica; false past `limit`. */
  takePost(now: number, limit: number): Promise<boolean> {
    return this.state.take('watch:posts', limit, HOUR, now);
  }

  /** Notes a post held back this hour; true the first time in the hour (when the one summary line is due). */
  holdBack(now: number): Promise<boolean> {
    return this.state.claim(`watch:held:${Math.floor(now / HOUR)}`, 2 * HOUR);
  }

  /** Someone took the failure: kept, so the post shows who. Null when it is no longer tracked. */
  async acknowledge(key: string, by: string): Promise<Failure | null> {
    const f = await this.failure(key);
    if (!f) return null;
    if (f.ackedBy) return f;
    const taken = { ...f, ackedBy: by };
    await this.save(taken);
    return taken;
  }

  /** No posts for the failure for MUTE_HOURS from `now`. */
  async mute(key: string, by: string, now = Date.now()): Promise<Failure | null> {
    const f = await this.failure(key);
    if (!f) return null;
    const muted = { ...f, mutedUntil: now + MUTE_MS, mutedBy: by };
    await this.save(muted);
    return muted;
  }

  async teamsChannel(channel: string): Promise<Record<string, unknown> | null> {
    const v = await this.state.get(`teams:channel:${channel}`);
    return v ? (JSON.parse(v) as Record<string, unknown>) : null;
  }

  async setTeamsChannel(channel: string, reference: Record<string, unknown>): Promise<void> {
    await this.state.set(`teams:channel:${channel}`, JSON.stringify(reference));
  }
}
