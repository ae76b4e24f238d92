import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/core/types.js';
import { createDoctor } from '../../src/doctor.js';
import { Store } from '../../src/store/db.js';
import { SqliteState } from '../../src/store/sqlite.js';
import { type Failure, WatchState } from '../../src/watch/state.js';
import { type Outlet, type WatchEvent, Watcher } from '../../src/watch/watcher.js';

// The watcher's clock-driven promises, with real files and a real database but a clock the test moves: the count in
// the thread at most once an hour, a repost only after WATCH_REPOST_HOURS, a mute that ends, recovery per handler,
// and a database that cannot be opened (the watcher still posts a failure once, not once per repeat).

const HOUR = 60 * 60 * 1000;
const at = (s: number) => `2024-05-02 10:00:${String(s).padStart(2, '0')},000+0000`;
// Jira's columns: time, level, thread, ServiceRunner, the logger's category, then the handler's name and id.
const failure = (s: number, handler = 'Support mailbox[10100]', thread = 'Caesium-1-2') =>
  `${at(s)} ERROR anonymous ${thread} ServiceRunner     [c.a.mail.incoming.mailfetcherservice] ${handler}: AADSTS7000222: The provided client secret keys for app '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b' are expired.\n`;
const pulled = (s: number, handler: string) =>
  `${at(s)} INFO anonymous Caesium-1-4 ServiceRunner     [c.a.mail.incoming.mailfetcherservice] ${handler}: Pulled 2 new messages\n`;

/** What the watcher said, to whom: an outlet of our own (the Slack and Teams ones are tested through their SDKs). */
class Recorder implements Outlet {
  readonly name = 'recorder';
  readonly calls: { kind: 'post' | 'reply' | 'update' | 'note'; text: string; ref?: string }[] = [];
  async post(f: Failure, _d: Diagnosis) {
    this.calls.push({ kind: 'post', text: `${f.key} seen ${f.count}` });
    return `ref-${this.calls.length}`;
  }
  async reply(ref: string, text: string) {
    this.calls.push({ kind: 'reply', text, ref });
  }
  async update(ref: string, f: Failure) {
    this.calls.push({ kind: 'update', text: `${f.key} open=${f.open}`, ref });
  }
  async note(text: string) {
    this.calls.push({ kind: 'note', text });
  }
  async remind(r: { text: string }) {
    this.calls.push({ kind: 'note', text: r.text });
  }
  of(kind: string) {
    return this.calls.filter((c) => c.kind === kind);
  }
}

function setup(options: { dataDir?: string; repostHours?: number; before?: (dir: string) => string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mhd-watcher-'));
  const log = join(dir, 'atlassian-jira-incoming-mail.log');
  const others = options.before?.(dir) ?? [];
  writeFileSync(log, '');
  const warnings: string[] = [];
  const logger = { warn: (_info: object, message: string) => warnings.push(message) };
  const state = new WatchState(new SqliteState(new Store({ dir: options.dataDir ?? dir, logger })));
  const outlet = new Recorder();
  const events: WatchEvent[] = [];
  let now = Date.UTC(2024, 4, 2, 10);
  const watcher = new Watcher({
    logs: [...others, log],
    fromStart: false,
    repostHours: options.repostHours ?? 24,
    maxPostsPerHour: 6,
    pollMs: 50,
    doctor: createDoctor({ tenantLookup: false }),
    state,
    outlets: [outlet],
    warn: (message) => warnings.push(message),
    onEvent: (e) => events.push(e),
    now: () => now,
  });
  /** Writes to the log and lets the watcher read it (a second poll finds the log quiet and closes the record). */
  const write = async (text: string) => {
    appendFileSync(log, text);
    await watcher.poll();
    await watcher.poll();
  };
  const later = (ms: number) => {
    now += ms;
  };
  return { watcher, state, outlet, events, warnings, write, later };
}

describe('the watcher over time', () => {
  it('says the count in the thread at most once an hour, and posts again only after the repost time', async () => {
    const { watcher, outlet, write, later } = setup({ repostHours: 24 });
    await watcher.poll();
    await write(failure(1));
    expect(outlet.of('post')).toHaveLength(1);
    later(60_000);
    await write(failure(2));
    expect(outlet.of('reply')).toHaveLength(0);
    later(HOUR);
    await write(failure(3));
    expect(outlet.of('reply').map((r) => r.text)).toEqual(['Seen 2 more times since the last count (3 in all).']);
    expect(outlet.of('reply')[0]?.ref).toBe('ref-1');
    later(60_000);
    await write(failure(4));
    expect(outlet.of('reply')).toHaveLength(1);
    expect(outlet.of('post')).toHaveLength(1);

    later(25 * HOUR);
    await write(failure(5));
    expect(outlet.of('post')).toHaveLength(2);
    await watcher.stop();
  });

  it('holds posts back while muted and posts again once the mute has ended', async () => {
    const { watcher, state, outlet, events, write, later } = setup({ repostHours: 1 });
    await watcher.poll();
    await write(failure(1));
    const key = events[0]?.rule ? `${events[0].rule}|${events[0].subject}` : '';
    expect((await state.mute(key, 'U0ONCALL', Date.UTC(2024, 4, 2, 10)))?.mutedBy).toBe('U0ONCALL');
    later(2 * HOUR);
    await write(failure(2));
    expect(events.at(-1)?.event).toBe('muted');
    expect(outlet.of('post')).toHaveLength(1);
    later(23 * HOUR);
    await write(failure(3));
    expect(events.at(-1)?.event).toBe('failure');
    expect(outlet.of('post')).toHaveLength(2);
    await watcher.stop();
  });

  it('says "recovered" only for the handler that pulls mail again', async () => {
    const { watcher, outlet, events, write } = setup();
    await watcher.poll();
    await write(failure(1, 'Support mailbox[10100]'));
    // The same handler logged from another worker thread is the same failure.
    await write(failure(2, 'Support mailbox[10100]', 'Caesium-1-3'));
    expect(events.map((e) => [e.event, e.subject])).toEqual([
      ['failure', 'Support mailbox[10100]'],
      ['repeat', 'Support mailbox[10100]'],
    ]);
    await write(pulled(2, 'Sales mailbox[10200]'));
    expect(outlet.of('reply')).toHaveLength(0);
    await write(pulled(3, 'Support mailbox[10100]'));
    expect(outlet.of('reply').map((r) => r.text)).toEqual([
      expect.stringMatching(/^Recovered: the log shows Support mailbox\[10100\] reading mail again/),
    ]);
    expect(outlet.of('update').map((u) => u.text)).toEqual([expect.stringMatching(/open=false$/)]);
    // Recovered, then failing again: a new post.
    await write(failure(4, 'Support mailbox[10100]'));
    expect(outlet.of('post')).toHaveLength(2);
    await watcher.stop();
  });

  it('still posts a failure once, not once per repeat, when the database cannot be opened', async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'mhd-watcher-')), 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const { watcher, outlet, warnings, write, later } = setup({ dataDir: notADirectory });
    await watcher.poll();
    for (let i = 1; i <= 5; i++) {
      await write(failure(i));
      later(60_000);
    }
    expect(outlet.of('post')).toHaveLength(1);
    expect(warnings.filter((w) => /database/.test(w))).toHaveLength(1);
    await watcher.stop();
  });

  it('refuses a named pipe and a directory in the list with a sentence each, and keeps watching the real log', async () => {
    const { watcher, outlet, warnings, write } = setup({
      before: (dir) => {
        const fifo = join(dir, 'mail.fifo');
        execFileSync('mkfifo', [fifo]);
        const folder = join(dir, 'log');
        mkdirSync(folder);
        return [fifo, folder];
      },
    });
    await watcher.poll();
    await write(failure(1));
    expect(outlet.of('post')).toHaveLength(1);
    expect(warnings.filter((w) => /named pipe \(FIFO\), not a log file/.test(w))).toHaveLength(1);
    expect(warnings.filter((w) => /is a directory; name the log file inside it/.test(w))).toHaveLength(1);
    await watcher.stop();
  });
});
