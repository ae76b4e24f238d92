import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, fileHosts, isLogFile } from '../../adapters/slack/files.js';
import { ChatFileError } from '../../src/chat/index.js';
import { SECRETS } from '../helpers.js';
import { API, allText, BOT_USER, SlackHarness } from './harness.js';

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url));
const MB = 1024 * 1024;
const RC1_CONFIRMED = Buffer.concat([seed('rc1-incoming-mail.log'), seed('rc1-scopes.txt')]);

const h = new SlackHarness();
let downloads: { path: string; auth: string | undefined }[] = [];
beforeEach(async () => {
  downloads = [];
  await h.start();
});
// Fails the test when the app sent a request nothing was set up to answer.
afterEach(() => h.reset());

let ts = 1700000500;
const file = (name: string, path: string, size: number, extra: Record<string, unknown> = {}) => ({
  id: `F${ts}`,
  name,
  size,
  mimetype: 'text/plain',
  filetype: 'text',
  mode: 'hosted',
  url_private_download: `${API}${path}`,
  ...extra,
});
const shareInDm = (files: unknown[], text = '') => ({
  type: 'message',
  subtype: 'file_share',
  channel: 'D0ADMIN',
  channel_type: 'im',
  user: 'U0ADMIN',
  text,
  files,
  ts: `${ts++}.000100`,
});
function serve(path: string, body: Buffer | (() => Readable)) {
  nock(API)
    .get(path)
    .reply(function () {
      downloads.push({ path, auth: this.req.headers.authorization as string | undefined });
      return [200, typeof body === 'function' ? body() : body];
    });
}

describe('shared log files', () => {
  it('downloads a .log shared in a DM with the bot token and answers in its thread', async () => {
    serve('/files/F1/incoming.log', RC1_CONFIRMED);
    h.api('chat.postMessage');
    const event = shareInDm([file('atlassian-jira-incoming-mail.log', '/files/F1/incoming.log', RC1_CONFIRMED.length)]);
    await h.event(event);
    await h.waitForCalls(1);
    await h.settle();
    expect(downloads).toEqual([{ path: '/files/F1/incoming.log', auth: 'Bearer xoxb-test' }]);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.body).toMatchObject({ channel: 'D0ADMIN', thread_ts: event.ts });
    expect(String(h.calls[0]?.body.text)).toMatch(/^atlassian-jira-incoming-mail\.log: .*confirmed/);
  });

  it('reads a gzipped log attached with a mention', async () => {
    const gz = gzipSync(RC1_CONFIRMED);
    serve('/files/F2/log.gz', gz);
    h.api('chat.postMessage');
    await h.event({
      type: 'app_mention',
      channel: 'C0OTHER',
      user: 'U0ADMIN',
      text: `<@${BOT_USER}> here is the log`,
      files: [file('atlassian-jira-incoming-mail.log.gz', '/files/F2/log.gz', gz.length, { filetype: 'gzip' })],
      ts: `${ts++}.000100`,
    });
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toMatch(/confirmed/);
  });

  it('asks files.info for the download link when the event carries only the file id', async () => {
    serve('/files/F3/a.log', RC1_CONFIRMED);
    h.api('files.info', { file: file('a.log', '/files/F3/a.log', RC1_CONFIRMED.length, { id: 'F3' }) });
    h.api('chat.postMessage');
    await h.event(shareInDm([{ id: 'F3', mode: 'hidden_by_limit' }]));
    await h.exactly(2);
    expect(h.calls.map((c) => c.method)).toEqual(['files.info', 'chat.postMessage']);
    expect(h.calls[0]?.body.file).toBe('F3');
    expect(String(h.calls[1]?.body.text)).toMatch(/confirmed/);
  });

  it('never sends the token to a host that is not Slack’s', async () => {
    const evil = nock('https://evil.example').get('/steal').reply(200, 'x');
    h.api('chat.postMessage');
    await h.event(shareInDm([{ ...file('a.log', '/x', 10), url_private_download: 'https://evil.example/steal' }]));
    await h.exactly(1);
    expect(evil.isDone()).toBe(false);
    expect(String(h.calls[0]?.body.text)).toMatch(/not hosted by Slack/);
  });

  it('reads a file over MAX_UPLOAD_MB up to the limit and says the rest was not read', async () => {
    await h.stop();
    await h.start({ MAX_UPLOAD_MB: '1' });
    serve(
      '/files/F4/huge.log',
      Buffer.from(`${RC1_CONFIRMED}\n${'x'.repeat(100)}\n`.repeat(Math.ceil((5 * MB) / 4000))),
    );
    h.api('chat.postMessage');
    await h.event(shareInDm([file('huge.log', '/files/F4/huge.log', 5 * MB)]));
    await h.exactly(1);
    expect(allText(h.calls[0]?.body ?? {})).toMatch(/confirmed/);
    expect(allText(h.calls[0]?.body ?? {})).toMatch(/longer than the size limit, so only its beginning was read/);
  });

  it('says a binary file is not a text log', async () => {
    serve('/files/F5/blob.log', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 1, 2, 3, 0, 0, 9, 9]));
    h.api('chat.postMessage');
    await h.event(shareInDm([file('blob.log', '/files/F5/blob.log', 14)]));
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toMatch(/not a text log/);
  });

  it('says which files it reads when an image is shared', async () => {
    h.api('chat.postMessage');
    await h.event(
      shareInDm([file('screenshot.png', '/files/F6/s.png', 100, { mimetype: 'image/png', filetype: 'png' })]),
    );
    await h.exactly(1);
    expect(downloads).toEqual([]);
    expect(String(h.calls[0]?.body.text)).toMatch(/\.log, \.txt, \.out and \.gz/);
  });

  it('answers the pasted text when only a screenshot is attached', async () => {
    h.api('chat.postMessage');
    const png = file('screenshot.png', '/files/F9/s.png', 100, { mimetype: 'image/png', filetype: 'png' });
    await h.event(shareInDm([png], RC1_CONFIRMED.toString('utf8')));
    await h.exactly(1);
    expect(downloads).toEqual([]);
    expect(String(h.calls[0]?.body.text)).toMatch(/confirmed/);
  });

  it('warns about a secret typed beside a shared file, without repeating it', async () => {
    serve('/files/F11/a.log', RC1_CONFIRMED);
    h.api('chat.postMessage', {}, 2);
    const event = shareInDm(
      [file('a.log', '/files/F11/a.log', RC1_CONFIRMED.length)],
      `here is the log, and our client secret is client_secret=${SECRETS.clientSecret}`,
    );
    await h.event(event);
    await h.exactly(2);
    expect(h.calls.map((c) => c.body.thread_ts)).toEqual([event.ts, event.ts]);
    expect(String(h.calls[0]?.body.text)).toMatch(/^a\.log: .*confirmed/);
    expect(String(h.calls[1]?.body.text)).toMatch(/^Your message: /);
    expect(allText(h.calls[1]?.body ?? {})).toMatch(/delete the message and rotate/);
    for (const c of h.calls) expect(allText(c.body)).not.toContain(SECRETS.clientSecret.slice(0, 12));
  });

  it('answers an error pasted beside a shared file as well as the file', async () => {
    serve('/files/F12/a.log', Buffer.from('2024-05-02 10:00:00,000 INFO nothing to see here\n'));
    h.api('chat.postMessage', {}, 2);
    await h.event(shareInDm([file('a.log', '/files/F12/a.log', 48)], RC1_CONFIRMED.toString('utf8')));
    await h.exactly(2);
    expect(String(h.calls[0]?.body.text)).toMatch(/^a\.log: /);
    expect(String(h.calls[1]?.body.text)).toMatch(/^Your message: .*confirmed/);
  });

  it('adds nothing for a plain remark beside a shared file', async () => {
    serve('/files/F13/a.log', RC1_CONFIRMED);
    h.api('chat.postMessage', {}, 2);
    await h.event(shareInDm([file('a.log', '/files/F13/a.log', RC1_CONFIRMED.length)], 'here is the log, thanks!'));
    await h.exactly(1);
  });

  it('gives a clear reply when files.info fails', async () => {
    nock(API).post('/api/files.info').reply(200, { ok: false, error: 'missing_scope' });
    h.api('chat.postMessage');
    await h.event(shareInDm([{ id: 'F10', mode: 'hidden_by_limit' }]));
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toMatch(/files:read/);
  });

  it('gives a clear reply when the download fails', async () => {
    nock(API).get('/files/F7/a.log').reply(403, 'forbidden');
    h.api('chat.postMessage');
    await h.event(shareInDm([file('a.log', '/files/F7/a.log', 100)]));
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toMatch(/a\.log: Slack answered 403/);
  });

  it('answers a 50 MB uploaded log with bounded memory', async () => {
    // Mostly web-request lines with a mail-handler line now and then, as in a real atlassian-jira.log.
    const block = `${'2024-05-02 10:00:00,010 INFO [http-nio-8080-exec-1] c.a.j.web.dispatcher.Dispatcher: served /browse/ABC-1\n'.repeat(49)}2024-05-02 10:00:00,000 INFO [Caesium-1-3] c.a.j.i.mail.processor.feature.puller.MailPullerWorker: polling mailbox\n`;
    const filler = Buffer.from(block.repeat(Math.ceil(MB / block.length)).slice(0, MB));
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, used());
    };
    // Served chunk by chunk, the seed error in the middle, so a scanner that buffers the file would show in the heap.
    function* chunks() {
      for (let i = 0; i < 50; i++) {
        sample();
        yield i === 25 ? RC1_CONFIRMED : filler;
      }
    }
    serve('/files/F8/big.log', () => Readable.from(chunks()));
    h.api('chat.postMessage');
    global.gc?.();
    const before = used();
    await h.event(shareInDm([file('big.log', '/files/F8/big.log', 50 * MB + RC1_CONFIRMED.length)]));
    await h.exactly(1, 110_000);
    expect(String(h.calls[0]?.body.text)).toMatch(/confirmed/);
    expect(peak - before).toBeLessThan(40 * MB);
  }, 120_000);
});

describe('downloadFile', () => {
  it('refuses plain http for files.slack.com and any other host, before any request', async () => {
    const hosts = fileHosts(undefined);
    await expect(downloadFile('http://files.slack.com/x', 't', hosts).next()).rejects.toBeInstanceOf(ChatFileError);
    await expect(downloadFile('https://files.slack.com.evil.example/x', 't', hosts).next()).rejects.toThrow(
      /not hosted by Slack/,
    );
    await expect(downloadFile('not a url', 't', hosts).next()).rejects.toThrow(/not a valid address/);
  });

  it.each([
    ['atlassian-jira.log.1', true],
    ['atlassian-jira-incoming-mail.log.12.gz', true],
    ['x.txt.gz', true],
    ['catalina.out', true],
    ['shot.png', false],
    ['report.docx', false],
    ['log', false],
  ])('recognises %s by its name: %s', (name, expected) => {
    expect(isLogFile({ id: 'F', name, filetype: 'binary', mimetype: 'application/octet-stream' })).toBe(expected);
  });

  it("also reads Slack's own text snippets, whatever their name", () => {
    expect(isLogFile({ id: 'F', name: 'Untitled', filetype: 'text' })).toBe(true);
    expect(isLogFile({ id: 'F', name: 'paste', mimetype: 'text/plain' })).toBe(true);
    expect(isLogFile({ id: 'F', name: 'shot.png', filetype: 'png', mimetype: 'image/png' })).toBe(false);
  });
});
