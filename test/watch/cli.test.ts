import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

// `mailhandler-doctor watch` the way cron or a log shipper runs it: the installed bin, real files, one JSON line per
// event on stdout, warnings on stderr, SIGTERM to stop.

const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const at = (s: number) => `2024-05-02 10:00:${String(s).padStart(2, '0')},000+0000`;
const SECRET_FAILURE = (s: number) =>
  `${at(s)} ERROR [] Caesium-1-2 ServiceRunner AADSTS7000222: The provided client secret keys for app '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b' are expired. client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2\n`;
const GRAPH_FAILURE = (s: number) =>
  `${at(s)} ERROR [] Caesium-1-4 ServiceRunner Exception when MailPullerWorker pulls emails:\n${fixture('seed', 'rc2-graph-error.log').trimEnd()}\n`;

interface Watching {
  child: ChildProcessWithoutNullStreams;
  events: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: Watching[] = [];
afterEach(() => {
  for (const w of running.splice(0)) w.child.kill('SIGKILL');
});

async function watch(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<Watching> {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], {
    cwd: dataDir,
    env: { ...process.env, DATA_DIR: dataDir, WATCH_POLL_MS: '50', SLACK_BOT_TOKEN: '', WATCH_LOGS: '', ...env },
  });
  const events: Record<string, unknown>[] = [];
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    for (let nl = out.indexOf('\n'); nl !== -1; nl = out.indexOf('\n')) {
      events.push(JSON.parse(out.slice(0, nl)));
      out = out.slice(nl + 1);
    }
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const w = { child, events, stderr: () => err, exited };
  running.push(w);
  await until('the watcher to start', () => /Watching /.test(err));
  return w;
}

async function until(what: string, check: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mailhandler-doctor watch --json', () => {
  it('writes one JSON line per event, redacted, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-cli-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, SECRET_FAILURE(0));
    const w = await watch([log, '--json'], dir);

    appendFileSync(log, GRAPH_FAILURE(1));
    appendFileSync(log, GRAPH_FAILURE(2));
    await until('two events', () => w.events.length >= 2);
    // The failure that was already in the file is not read (tailing from the end); the new one is, then counted.
    expect(w.events.map((e) => e.event)).toEqual(['failure', 'repeat']);
    expect(w.events[0]?.rule).toBe(diagnose(GRAPH_FAILURE(1)).findings[0]?.id);
    expect(w.events[1]?.count).toBe(2);
    expect(Number.isNaN(Date.parse(String(w.events[0]?.at)))).toBe(false);

    // Rotation, then a failure with a secret in it: diagnosed, and the secret is nowhere in the output.
    renameSync(log, `${log}.1`);
    writeFileSync(log, SECRET_FAILURE(3));
    await until('the third event', () => w.events.length >= 3);
    expect(w.events[2]).toMatchObject({ event: 'failure', rule: diagnose(SECRET_FAILURE(3)).findings[0]?.id });
    expect(JSON.stringify(w.events) + w.stderr()).not.toContain('Xk28Q~Jt0bP3nGq8vTz');

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });

  it('warns once about a log it cannot read, keeps going, and reads it once it appears', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-cli-'));
    const log = join(dir, 'not-there-yet.log');
    const w = await watch([log, '--json', '--from-start'], dir);
    await until('the warning', () => /does not exist/.test(w.stderr()));
    await new Promise((r) => setTimeout(r, 300));
    expect(w.stderr().match(/does not exist/g)).toHaveLength(1);
    expect(w.stderr()).not.toMatch(/\n\s+at /);

    writeFileSync(log, SECRET_FAILURE(1));
    await until('the failure', () => w.events.length === 1);
    expect(w.events[0]?.rule).toBe('entra-client-secret-expired');
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });

  it('says what is missing instead of watching nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-cli-'));
    const env = { ...process.env, DATA_DIR: dir, WATCH_LOGS: '', SLACK_BOT_TOKEN: '' };
    const none = spawnSync(process.execPath, [BIN, 'watch'], { cwd: dir, env, encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('give the log file(s) to watch');
    const nowhere = spawnSync(process.execPath, [BIN, 'watch', join(dir, 'a.log')], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('--json');
    const bad = spawnSync(process.execPath, [BIN, 'watch', 'a.log', '--slack-channel', 'general'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('mailhandler-doctor watch, as a newcomer meets it', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, 'watch', ...args], {
      env: { ...process.env, SLACK_BOT_TOKEN: '', WATCH_LOGS: '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('refuses a directory with a sentence naming the file to give, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-dir-'));
    const r = run([dir, '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir} is a directory; name the log file inside it`);
    expect(r.stderr).not.toContain('Watching');
  });

  it('says a missing log as a sentence on a terminal (LOG_FORMAT=text), not as JSON, and stops on the first Ctrl-C', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-text-'));
    const w = await watch([join(dir, 'not-yet.log'), '--json'], dir, { LOG_FORMAT: 'text' });
    await until('the warning', () => /warning: cannot read/.test(w.stderr()));
    expect(w.stderr()).toMatch(
      /^mailhandler-doctor watch: warning: cannot read .*not-yet\.log: it does not exist \(yet\)/m,
    );
    expect(w.stderr()).not.toContain('{"level"');
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    expect(w.stderr()).toContain('Stopping…');
  });

  it('posts with only SLACK_BOT_TOKEN: no signing secret asked for, which only the HTTP receiver of npm start uses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-slack-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    const w = await watch([log, '--slack-channel', 'C0123456789'], dir, {
      SLACK_BOT_TOKEN: 'xoxb-1-2-abcdefghijklmnopqrstuvwx',
      SLACK_SIGNING_SECRET: '',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(w.stderr()).toMatch(/Watching .* → slack/);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });
});
