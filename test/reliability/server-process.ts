import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The server as an operator runs it: `npm start` in a child process, so signals, exit codes and a crash are real.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** A value in the server's environment, to find its processes (and any left behind) in /proc. */
  mark: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const mark = randomUUID();
  const dataDir = mkdtempSync(join(tmpdir(), 'mhd-data-'));
  const base = { ...process.env };
  // The test runner's own settings stay out of the server's process.
  for (const key of Object.keys(base)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete base[key];
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...base, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, MHD_TEST_MARK: mark, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const end = Date.now() + 60_000;
  for (;;) {
    const url = /Playground and JSON API: (http:\/\/[^/\s]+)\//.exec(out)?.[1];
    if (url) return { child, url, port: Number(new URL(url).port), mark, output: () => out, exited };
    if (child.exitCode !== null || Date.now() > end) throw new Error(`the server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes still carrying the mark: the server and anything it started, or what a stop left behind. */
export function processesWithMark(mark: string): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`MHD_TEST_MARK=${mark}`)) found.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

/** A fresh TCP connection's GET (no pooled keep-alive socket), and how long it took. */
export function freshGet(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface Upload {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/**
 * POSTs `body` in 64 KB writes, as curl or a browser would, and resolves only when the answer was read to its end;
 * a reset or a broken pipe rejects (what the client would see as an error).
 */
export function upload(url: string, body: Buffer, contentType: string, hold?: Promise<void>): Promise<Upload> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': contentType, 'content-length': body.length } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - started }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const PIECE = 64 * 1024;
    let at = 0;
    const write = async () => {
      const half = Math.floor(body.length / 2);
      while (at < body.length) {
        if (hold && at >= half) {
          await hold;
          hold = undefined;
        }
        const piece = body.subarray(at, Math.min(at + PIECE, body.length));
        at += piece.length;
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        if (req.destroyed) return;
      }
      req.end();
    };
    write().catch(reject);
  });
}

/** A slash command as Slack sends it in HTTP mode (a signed form post); resolves with the time to Slack's 200. */
export function slashCommand(
  url: string,
  options: { secret: string; text: string; responseUrl: string },
): Promise<{ status: number; ms: number }> {
  const body = new URLSearchParams({
    command: '/mailhandler',
    text: options.text,
    team_id: 'T0',
    channel_id: 'C0',
    user_id: 'U0',
    response_url: options.responseUrl,
    trigger_id: '1',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/slack/events`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
