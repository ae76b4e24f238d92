import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { main } from '../../src/cli.js';
import { diagnose, redactText } from '../../src/core/index.js';
import { DATABASE_FILE } from '../../src/store/db.js';

// Every secret shape, through every way out an attacker or a careless admin could use: the command line (text,
// --json, --markdown), the JSON API (JSON, text/plain, gzip, UTF-16 LE and BE, Windows-1252), the playground preview
// and its "Not it — keep the paste", Slack (a DM and the slash command), Teams (an activity on /api/messages), the
// log watcher posting to Slack and its --json output, the pino log at trace level, the learning report (API, the
// download of every unknown, the `report` command) and every byte under DATA_DIR. No eight characters of a secret may
// come out anywhere, in any of the forms it could be turned into (URL-decoded, JSON-unescaped, base64-decoded).
// Public values (thumbprints, ids, codes, hosts) must stay readable.

interface Shape {
  family: string;
  text: string;
  secret: string;
}
interface PublicValue {
  kind: string;
  text: string;
  value: string;
}
const read = <T>(name: string) => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
const SHAPES = [...read<Shape[]>('secret-shapes.json'), ...read<Shape[]>('secret-shapes-attack.json')];
const PUBLIC = read<PublicValue[]>('public-values.json');
const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));

/** The secret as it was pasted, and what the doctor might turn it into on the way. */
function variants(secret: string): string[] {
  const out = new Set([secret]);
  try {
    out.add(decodeURIComponent(secret));
  } catch {}
  try {
    out.add(JSON.parse(`"${secret}"`) as string);
  } catch {}
  if (/^[A-Za-z0-9+/]{8,}={0,2}$/.test(secret)) {
    const plain = Buffer.from(secret, 'base64').toString('latin1');
    // Only a decoded password, not a SASL blob (whose user and host parts are public).
    if (/^[\x21-\x7e]{8,}$/.test(plain) && !plain.includes('@')) out.add(plain);
  }
  return [...out];
}

/** An output as a reader sees it, whatever escaping it went through. */
function readable(output: string): string[] {
  const json = output.replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  const unescaped = json.replace(/\\(["\\/])/g, '$1');
  const html = unescaped
    .replace(/&quot;/g, '"')
    .replace(/&#x?0*27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [output, unescaped, html];
}

/**
 * A piece of lowercase hex with a dash in it is part of a GUID, and the doctor writes random GUIDs of its own (ids of
 * kept pastes and answers): among thousands of them, one holds such a piece by chance now and then (CI met one,
 * "9-40fd-b" of an MSA auth code). GUIDs are public by design; the hex runs around the dashes still count.
 */
const guidPiece = (piece: string) => /^[0-9a-f-]{8}$/.test(piece) && piece.includes('-');

/** The first eight-character piece of the secret (in any of its forms) an output shows, or null. */
function leak(output: string, secret: string): string | null {
  const forms = readable(output);
  for (const v of variants(secret)) {
    for (let i = 0; i + 8 <= v.length; i++) {
      const piece = v.slice(i, i + 8);
      if (!guidPiece(piece) && forms.some((f) => f.includes(piece))) return piece;
    }
  }
  return null;
}

/** Every shape's text without its secret: what any output may quote (one shape's account name is another's password). */
const SAID_OPENLY = SHAPES.map((s) => s.text.split(s.secret).join('\n')).join('\n');

/** Every eight-character piece of every secret form, and the shape it belongs to: one pass over a big output. */
const PIECES = new Map<string, Shape>();
for (const s of SHAPES) {
  for (const v of variants(s.secret)) {
    for (let i = 0; i + 8 <= v.length; i++) {
      const piece = v.slice(i, i + 8);
      if (!SAID_OPENLY.includes(piece) && !guidPiece(piece)) PIECES.set(piece, s);
    }
  }
}

/**
 * Leaks in an output that holds the answers to every shape at once (megabytes of logs and posts), found in one pass
 * per readable form; a piece some paste shows openly is no leak.
 */
function leaksIn(where: string, output: string): string[] {
  const found = new Set<string>();
  for (const form of readable(output)) {
    for (let i = 0; i + 8 <= form.length; i++) {
      const shape = PIECES.get(form.slice(i, i + 8));
      if (shape) found.add(`${where}: ${shape.family} "${form.slice(i, i + 8)}"`);
    }
  }
  return [...found];
}

/** UTF-16 and Windows-1252 bodies, as Notepad and PowerShell 5 write them. */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  '›': 0x9b,
  '‹': 0x8b,
};
function cp1252(text: string): Buffer | null {
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (CP1252_HIGH[c] !== undefined) bytes.push(CP1252_HIGH[c] as number);
    else return null;
  }
  return Buffer.from(bytes);
}

const SIGNING_SECRET = 'every-path-signing-secret';
const SLACK_API = 'http://slack.test';
const HOOKS = 'https://hooks.slack.com';
const TEAMS = 'http://127.0.0.1:47998';

const sign = (body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
};

describe('no secret leaves through any path', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mhd-every-path-'));
  const work = mkdtempSync(join(tmpdir(), 'mhd-every-path-files-'));
  const watched = join(work, 'atlassian-jira-incoming-mail.log');
  const logs: string[] = [];
  const outbound: string[] = [];
  let app: RunningApp;

  beforeAll(async () => {
    // The watcher reads every shape as a failing handler's record, from the start of the log.
    writeFileSync(
      watched,
      SHAPES.map(
        (s, i) =>
          `2026-12-04 10:00:00,000+0000 ERROR [] Caesium-1-1 ServiceRunner [c.a.mail.incoming.mailfetcherservice] Mailbox${i}[1${i}]: AADSTS7000215: Invalid client secret provided. ${s.text}\n`,
      ).join(''),
    );
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    const capture = (_uri: string, body: unknown) => {
      outbound.push(typeof body === 'string' ? body : JSON.stringify(body));
      return { ok: true, ts: '1700000000.000100', channel: 'C0WATCH' };
    };
    nock(SLACK_API)
      .persist()
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });
    nock(SLACK_API)
      .persist()
      .post(/\/api\/.*/)
      .reply(200, capture);
    nock(HOOKS)
      .persist()
      .post(/.*/)
      .reply(200, (uri, body) => {
        capture(uri, body);
        return 'ok';
      });
    nock(TEAMS)
      .persist()
      .post(/\/v3\/conversations\/.+\/activities/)
      .reply(200, (uri, body) => {
        capture(uri, body);
        return { id: 'reply' };
      });
    const { pino } = await import('pino');
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    app = await startApp(
      {
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'trace',
        TENANT_LOOKUP: 'off',
        SLACK_BOT_TOKEN: 'xoxb-every-path',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `${SLACK_API}/api/`,
        WATCH_LOGS: watched,
        WATCH_SLACK_CHANNEL: 'C0WATCH',
        WATCH_FROM_START: 'on',
        WATCH_MAX_POSTS_PER_HOUR: '1000',
      },
      logger,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const post = async (path: string, body: string | Buffer, type: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body,
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };

  it('holds at least 350 shapes in at least 25 families, each a fake of the real shape', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(350);
    expect(new Set(SHAPES.map((s) => s.family)).size).toBeGreaterThanOrEqual(25);
    for (const s of SHAPES) {
      expect(s.text, s.family).toContain(s.secret);
      expect(s.secret.length, s.family).toBeGreaterThanOrEqual(8);
    }
  });

  it('through the command line: text, --json and --markdown', async () => {
    const found: string[] = [];
    let written = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
    try {
      for (const [i, s] of SHAPES.entries()) {
        const file = join(work, `shape-${i}.txt`);
        writeFileSync(file, s.text);
        for (const format of [[], ['--json'], ['--markdown']]) {
          written = '';
          const code = await main(['diagnose', file, ...format], { TENANT_LOOKUP: 'off' });
          expect(code).toBe(0);
          const piece = leak(written, s.secret);
          if (piece) found.push(`cli ${format.join('') || 'text'}: ${s.family} "${piece}"`);
        }
      }
    } finally {
      spy.mockRestore();
    }
    // The installed command as a process, once over every shape as its own file.
    const files = SHAPES.map((_s, i) => join(work, `shape-${i}.txt`));
    const run = spawnSync(process.execPath, [BIN, 'diagnose', ...files, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TENANT_LOOKUP: 'off' },
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.status).toBe(0);
    found.push(...leaksIn('bin --json', run.stdout + run.stderr));
    expect(found).toEqual([]);
  }, 240_000);

  it('through the JSON API in every body it takes, and the playground preview with "Not it — keep the paste"', async () => {
    const found: string[] = [];
    let warned = 0;
    for (const s of SHAPES) {
      const json = JSON.stringify({ text: s.text });
      const answers = [
        await post('/api/diagnose', json, 'application/json'),
        await post('/api/diagnose?format=text', s.text, 'text/plain'),
        await post('/api/diagnose?format=markdown', gzipSync(s.text), 'application/gzip'),
        await post('/api/diagnose', utf16le(s.text), 'application/octet-stream'),
        await post('/api/diagnose?format=text', utf16be(s.text), 'application/octet-stream'),
        await post('/api/preview', utf16le(s.text), 'application/octet-stream', { 'x-paste-bytes': '0' }),
      ];
      const windows = cp1252(s.text);
      if (windows) answers.push(await post('/api/diagnose', windows, 'text/plain'));
      const preview = await post('/api/preview', json, 'application/json');
      answers.push(preview);
      const { answerId, diagnosis, secretLines } = JSON.parse(preview.text) as {
        answerId: string;
        diagnosis: { findings: { id: string }[]; secrets: unknown[] };
        secretLines: number[];
      };
      // The paste was seen to hold a secret: the answer warns, and the page blanks the line in its own copy.
      if (secretLines.length === 0) found.push(`not blanked in the page: ${s.family} ${s.text.slice(0, 60)}`);
      if (diagnosis.secrets.length > 0) warned++;
      const verdict = {
        answerId,
        rule: diagnosis.findings[0]?.id ?? 'out-of-scope',
        verdict: 'not-it',
        person: `person-${s.secret.length}-x`,
      };
      answers.push(await post('/api/feedback', JSON.stringify(verdict), 'application/json'));
      answers.push(await post('/api/feedback/keep', JSON.stringify({ answerId }), 'application/json'));
      for (const a of answers) {
        expect(a.status, a.text.slice(0, 200)).toBeLessThan(500);
        const piece = leak(a.text, s.secret);
        if (piece) found.push(`api: ${s.family} "${piece}"`);
      }
    }
    expect(found).toEqual([]);
    // A pattern that knows the secret's kind warns to rotate it; the rest are masked as random-looking runs.
    expect(warned / SHAPES.length).toBeGreaterThanOrEqual(0.95);
  }, 240_000);

  it('through Slack (a DM and the slash command) and Teams (a personal chat)', async () => {
    const before = outbound.length;
    for (const [i, s] of SHAPES.entries()) {
      const event = JSON.stringify({
        type: 'event_callback',
        team_id: 'T0TEAM',
        api_app_id: 'A0APP',
        event_id: `EvEveryPath${i}`,
        event_time: 1700000000,
        authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
        event: {
          type: 'message',
          channel: 'D0ADMIN',
          channel_type: 'im',
          user: 'U0ADMIN',
          text: s.text,
          ts: `17000${i}.000100`,
        },
      });
      expect((await post('/slack/events', event, 'application/json', sign(event))).status).toBe(200);
      const command = new URLSearchParams({
        team_id: 'T0TEAM',
        channel_id: 'C0GENERAL',
        user_id: 'U0ADMIN',
        command: '/mailhandler',
        text: `diagnose ${s.text}`,
        response_url: `${HOOKS}/commands/T0TEAM/${i}/x`,
        trigger_id: '1.2.3',
      }).toString();
      expect((await post('/slack/events', command, 'application/x-www-form-urlencoded', sign(command))).status).toBe(
        200,
      );
      const activity = {
        type: 'message',
        id: `every-path-${i}`,
        timestamp: new Date().toISOString(),
        serviceUrl: `${TEAMS}/`,
        channelId: 'msteams',
        from: { id: '29:1user', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-00000000000a' },
        conversation: { id: 'a:1personal', conversationType: 'personal', tenantId: 'tenant-1' },
        recipient: { id: '28:bot', name: 'Mail Handler Doctor' },
        text: s.text,
        channelData: { tenant: { id: 'tenant-1' } },
      };
      expect((await post('/api/messages', JSON.stringify(activity), 'application/json')).status).toBeLessThan(300);
    }
    // Three replies per shape (a DM answer, the slash command's, the Teams card), plus the watcher's posts.
    const until = Date.now() + 60_000;
    while (outbound.length - before < SHAPES.length * 3 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(outbound.length - before).toBeGreaterThanOrEqual(SHAPES.length * 3);
  }, 240_000);

  it('through the watcher: its posts to Slack and its --json lines', async () => {
    // The server's watcher has read the log from its start: every record became a post (or a count in a thread).
    const until = Date.now() + 60_000;
    while (!outbound.some((o) => o.includes('C0WATCH')) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(outbound.some((o) => o.includes('C0WATCH'))).toBe(true);
    const watchData = mkdtempSync(join(tmpdir(), 'mhd-every-path-watch-'));
    const alone = spawn(process.execPath, [BIN, 'watch', watched, '--json', '--from-start'], {
      env: { ...process.env, DATA_DIR: watchData, TENANT_LOOKUP: 'off', LOG_LEVEL: 'warn' },
    });
    let out = '';
    alone.stdout.on('data', (d) => (out += d));
    alone.stderr.on('data', (d) => (out += d));
    // Read until the output has been still for two seconds.
    const failures = () => (out.match(/"failure"/g) ?? []).length;
    for (let last = -1, still = 0, stop = Date.now() + 90_000; still < 20 && Date.now() < stop; ) {
      await new Promise((r) => setTimeout(r, 100));
      still = failures() === last && last > 0 ? still + 1 : 0;
      last = failures();
    }
    const exited = alone.exitCode !== null ? Promise.resolve() : new Promise((r) => alone.once('exit', r));
    alone.kill('SIGTERM');
    await exited;
    // Nearly every record is a failure of its own (a few pastes hold lines the watcher reads as another record).
    expect(failures()).toBeGreaterThanOrEqual(Math.floor(SHAPES.length * 0.95));
    const found = leaksIn('watch --json', out);
    for (const name of readdirSync(watchData)) {
      const bytes = readFileSync(join(watchData, name));
      found.push(
        ...leaksIn(`watch state ${name}`, bytes.toString('utf8')),
        ...leaksIn(`watch state ${name} (utf16)`, bytes.toString('utf16le')),
      );
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('in everything that went out to Slack and Teams, and in the trace-level log', () => {
    expect(leaksIn('slack/teams', outbound.join('\n'))).toEqual([]);
    expect(logs.length).toBeGreaterThan(SHAPES.length);
    expect(leaksIn('log', logs.join('\n'))).toEqual([]);
  });

  it('in the learning report, the download of every unknown, the report command and every byte under DATA_DIR', async () => {
    const report = await fetch(`${app.url}/api/report?since=30d`).then((r) => r.text());
    const page = await fetch(`${app.url}/report`).then((r) => r.text());
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const shapes = (db.prepare('SELECT shape FROM unknowns').all() as { shape: string }[]).map((r) => r.shape);
    db.close();
    expect(shapes.length).toBeGreaterThan(50);
    const downloads: string[] = [];
    for (const shape of shapes) {
      const res = await fetch(`${app.url}/api/report/unknowns/${shape}.txt`);
      expect(res.status).toBe(200);
      downloads.push(await res.text());
    }
    const command = spawnSync(process.execPath, [BIN, 'report', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
    });
    const words = spawnSync(process.execPath, [BIN, 'report'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(command.status).toBe(0);
    const found = [
      ...leaksIn('/api/report', report),
      ...leaksIn('/report', page),
      ...leaksIn('download', downloads.join('\n')),
      ...leaksIn('report --json', command.stdout),
      ...leaksIn('report', words.stdout),
    ];
    // The database, its write-ahead log and anything else there, as raw bytes, read as UTF-8 and as UTF-16.
    for (const name of readdirSync(dataDir)) {
      const path = join(dataDir, name);
      if (!statSync(path).isFile()) continue;
      const bytes = readFileSync(path);
      found.push(
        ...leaksIn(`${name} (utf8)`, bytes.toString('utf8')),
        ...leaksIn(`${name} (utf16)`, bytes.toString('utf16le')),
      );
    }
    expect(found).toEqual([]);
  }, 120_000);
});

describe('what is public stays readable', () => {
  it.each(PUBLIC.map((p) => [p.kind, p] as const))('%s', (_kind, p) => {
    // What is kept of a paste and what evidence is quoted from it are made the same way.
    expect(redactText(p.text)).toContain(p.value);
    const d = diagnose(p.text);
    // Evidence quotes a long line in part (ending in …): what it shows of the value is the value, never a mask.
    for (const e of d.findings.flatMap((f) => f.evidence)) {
      const at = e.text.indexOf(p.value.slice(0, 8));
      if (at === -1) continue;
      const shown = e.text.slice(at, at + p.value.length).replace(/….*$/, '');
      expect(p.value.startsWith(shown), e.text).toBe(true);
    }
  });
});
