import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { freePort } from './fake-slack.js';
import { freshGet, processesWithMark, startServerProcess, upload } from './server-process.js';

// `npm start` as systemd, Docker or Kubernetes run it: a platform that is down, a stop signal with an answer in
// flight, a second signal. The server is a child process here, so what is tested is what an operator gets.

const LOG = fixture('seed', 'rc2-graph-error.log');

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm start with Slack unreachable', () => {
  it('stays up and answers the JSON API 15 s later, with the reason on /readyz', { timeout: 60_000 }, async () => {
    const slackPort = await freePort();
    const server = await startServerProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-1-A0-1-test',
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    });
    try {
      expect(server.output()).toMatch(/Slack: on \(Socket Mode; connecting in the background, see \/readyz\)/);
      await new Promise((r) => setTimeout(r, 15_000));
      expect(server.child.exitCode).toBeNull();
      const res = await fetch(`${server.url}/api/diagnose`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: LOG,
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { findings: { id: string }[] }).findings[0]?.id).toBe('graph-scope-domain-prefix');
      const ready = await freshGet(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatch(/Slack: reconnecting in \d+ s, last error: connection refused \(ECONNREFUSED\)/);
      // No stack trace, and no uncaught error, in what the operator sees.
      expect(server.output()).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|Uncaught|unhandled/i);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

describe('npm start and stop signals', () => {
  it('on SIGTERM stops taking connections, delivers the answer in flight, frees the port and exits 0', async () => {
    const server = await startServerProcess();
    // A 2 MB log, sent in two halves: the signal arrives between them.
    const body = Buffer.from(`${'INFO [http-nio-8080-exec-1] served /browse/ABC-1\n'.repeat(40_000)}${LOG}`);
    let release = () => {};
    const hold = new Promise<void>((r) => (release = r));
    const answer = upload(`${server.url}/api/diagnose`, body, 'text/plain', hold);
    await new Promise((r) => setTimeout(r, 500));

    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(await refused(server.port)).toBe(true);
    release();

    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).findings[0].id).toBe('graph-scope-domain-prefix');
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(await refused(server.port)).toBe(true);
    // Nothing left behind: no orphaned node or tsx still holding the port.
    await new Promise((r) => setTimeout(r, 200));
    expect(processesWithMark(server.mark)).toEqual([]);
    expect(server.output()).toMatch(/SIGTERM: finishing answers in flight/);
  });

  it('exits at once on a second signal, even with an answer still in flight', async () => {
    const server = await startServerProcess();
    const body = Buffer.alloc(4 * 1024 * 1024, 'INFO nothing to see here\n');
    // The upload stalls halfway and never finishes: only the second signal ends the wait.
    const stalled = upload(`${server.url}/api/diagnose`, body, 'text/plain', new Promise<void>(() => {})).catch(
      (err: Error) => err,
    );
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGINT');
    const { code, signal } = await server.exited;
    expect(code === 130 || signal === 'SIGINT').toBe(true);
    expect(await stalled).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 200));
    expect(processesWithMark(server.mark)).toEqual([]);
  });
});
