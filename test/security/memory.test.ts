import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { TEST_DATA_DIR } from '../helpers.js';

// The attack that took a server down: big gzips full of distinct error codes and hosts, several at once, from a
// page anywhere. Per-request collections are capped, scans are gated, and the server keeps answering.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** About 43 MB of gzip: every line a new AADSTS code and a new host name. */
function distinctCodesGzip(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < 2_600_000; i++) {
    lines.push(
      `ERROR AADSTS${1_000_000 + i}: x h${i.toString(36)}.login.microsoftonline.com ${(i * 2654435761) % 4294967296}`,
    );
  }
  return gzipSync(lines.join('\n'), { level: 1 });
}

const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
};

let server: ChildProcess;
let port = 0;

beforeAll(async () => {
  // The server as `npm start` runs it (dist/, built before the tests by test/build.ts): under tsx every scan worker
  // also carries a TypeScript loader, about 40 MB each that no user's server has.
  server = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off', DATA_DIR: TEST_DATA_DIR },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (c) => {
      out += c;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
}, 60_000);
afterAll(() => {
  server.kill('SIGKILL');
});

function healthz(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    })
      .on('error', reject)
      .end();
  });
}

describe('three 43 MB gzips of distinct codes at once', () => {
  it('keep the server under 300 MB and answering /healthz', async () => {
    const body = distinctCodesGzip();
    expect(body.length).toBeGreaterThan(30 * 1024 * 1024);
    const uploads = [1, 2, 3].map(
      () =>
        new Promise<void>((resolve) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/diagnose',
              method: 'POST',
              headers: { 'content-type': 'text/plain' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve());
            },
          );
          req.on('error', () => resolve());
          req.end(body);
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 20_000);
        }),
    );
    let peak = 0;
    const waits: number[] = [];
    // Sampled until all three answers are in (or 20 s passed and they were cut off).
    let done = false;
    void Promise.all(uploads).then(() => {
      done = true;
    });
    while (!done) {
      peak = Math.max(peak, rssOf(server.pid ?? 0));
      waits.push(await healthz());
      await new Promise((r) => setTimeout(r, 250));
    }
    await Promise.all(uploads);
    process.stdout.write(
      `peak RSS ${Math.round(peak / 1048576)} MB, /healthz p-max ${Math.round(Math.max(...waits))} ms\n`,
    );
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    expect(waits.length).toBeGreaterThan(0);
  }, 90_000);
});

describe('a capped collection says so', () => {
  it('keeps the first 50 distinct codes and hosts and tells the reader', () => {
    const text = Array.from(
      { length: 400 },
      (_, i) => `AADSTS${2_000_000 + i}: x h${i}.login.microsoftonline.com`,
    ).join('\n');
    const d = diagnose(text);
    expect(d.facts.errorCodes).toHaveLength(50);
    expect(d.facts.hosts.length).toBeLessThanOrEqual(50);
    expect(d.notes.join(' ')).toMatch(
      /more distinct (?:hosts, error codes|error codes, hosts) than this tool keeps; only the first 50/,
    );
  });
});
