import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, flat, personal, seed, TeamsHarness } from './helpers.js';

const h = new TeamsHarness();
afterEach(() => h.stop());

const FILE_HOST = 'https://contoso.sharepoint.com';
const RC1_WITH_SCOPES = seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt');
const SECRET = 'Q8r~aZ3kLmN0pQrStUvWxYz1234567890abcdEF';

/** What Teams sends when someone attaches a file in a personal chat with a bot that supportsFiles. */
function fileMessage(name: string, downloadUrl: string, fileType = name.split('.').pop()) {
  return personal('', {
    text: undefined,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `${FILE_HOST}/personal/ada/Documents/${name}`,
        name,
        content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C', fileType },
      },
    ],
  });
}

describe('Teams bot with files', () => {
  it('downloads a .log file over https and answers with its findings', async () => {
    await h.start();
    h.catchReplies();
    const download = nock(FILE_HOST).get('/download/rc1.log').query(true).reply(200, RC1_WITH_SCOPES);
    const activity = fileMessage('atlassian-jira-incoming-mail.log', `${FILE_HOST}/download/rc1.log?tempauth=abc`);
    await h.post(activity);

    expect(download.isDone()).toBe(true);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.replyToId).toBe(activity.id);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
    expect(h.unexpected).toEqual([]);
  });

  it('acknowledges Teams at once and sends the answer when the download finishes', async () => {
    await h.start();
    h.catchReplies();
    let finish: () => void = () => {};
    nock(FILE_HOST)
      .get('/download/slow.log')
      .reply((_uri, _body, callback) => {
        finish = () => callback(null, [200, RC1_WITH_SCOPES]);
      });
    const res = await h.ack(fileMessage('atlassian-jira-incoming-mail.log', `${FILE_HOST}/download/slow.log`));

    expect(res.status).toBe(200);
    expect(h.sent).toEqual([]);
    finish();
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
  });

  it('reads a rotated log whose type Teams gives as "1"', async () => {
    await h.start();
    h.catchReplies();
    const download = nock(FILE_HOST).get('/download/rotated').reply(200, RC1_WITH_SCOPES);
    await h.post(fileMessage('atlassian-jira.log.1', `${FILE_HOST}/download/rotated`, '1'));

    expect(download.isDone()).toBe(true);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
  });

  it('also reads the text sent with a file, warning about a secret in it without repeating it', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/rc1.log').reply(200, RC1_WITH_SCOPES);
    const activity = fileMessage('rc1.log', `${FILE_HOST}/download/rc1.log`);
    await h.post({ ...activity, text: `log attached, our client_secret=${SECRET}` });

    expect(h.sent).toHaveLength(2);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
    // As in Slack: the text beside the file gets an answer of its own, labelled, with the delete-and-rotate warning.
    expect(h.sent[1]?.body.text).toMatch(/^Your message: [\s\S]*delete the message and rotate/);
    expect(h.sent.every((s) => s.body.replyToId === activity.id)).toBe(true);
    expect(flat(h.sent)).not.toContain(SECRET);
  });

  it('answers an error typed beside a file it cannot read, without complaining about the file', async () => {
    await h.start();
    h.catchReplies();
    await h.post({
      ...fileMessage('notes.docx', `${FILE_HOST}/download/notes.docx`),
      text: seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt'),
    });

    // As in Slack: a document or a screenshot next to a pasted error is taken as illustration, the paste is answered.
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
    expect(h.unexpected).toEqual([]);
  });

  it('reads a gzip-compressed log the same way', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/rc1.log.gz').reply(200, gzipSync(RC1_WITH_SCOPES));
    await h.post(fileMessage('incoming-mail.log.gz', `${FILE_HOST}/download/rc1.log.gz`));

    expect(h.sent[0]?.body.text).toContain('[confirmed]');
  });

  it('offers question buttons for a small file and answers them from the kept copy', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/rc1-only.log').reply(200, seed('rc1-incoming-mail.log'));
    await h.post(fileMessage('rc1.log', `${FILE_HOST}/download/rc1-only.log`));
    const data = cardOf(h.sent[0])
      .body.flatMap((e) => (e as { actions?: { title: string; data: unknown }[] }).actions ?? [])
      .find((a) => a.title.startsWith('https://graph.microsoft.com/'))?.data;
    expect(data).toBeDefined();

    await h.post(personal('', { text: undefined, value: data }));
    expect(h.sent[1]?.body.text).toContain('[confirmed]');
  });

  it('refuses a plain-http download link without making the request', async () => {
    await h.start();
    h.catchReplies();
    const plain = nock('http://files.example.test').get(/.*/).reply(200, RC1_WITH_SCOPES);
    await h.post(fileMessage('rc1.log', 'http://files.example.test/rc1.log'));

    expect(plain.isDone()).toBe(false);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('not https');
  });

  it('fetches nothing from a host that is not a Microsoft file host, an address, or another port', async () => {
    await h.start();
    h.catchReplies();
    const elsewhere = nock('https://files.example.test').get(/.*/).reply(200, RC1_WITH_SCOPES);
    const loopback = nock('https://127.0.0.1').get(/.*/).reply(200, 'internal');
    const port = nock('https://contoso.sharepoint.com:8443').get(/.*/).reply(200, 'internal');
    await h.post(fileMessage('a.log', 'https://files.example.test/rc1.log'));
    await h.post(fileMessage('b.log', 'https://127.0.0.1/internal/admin'));
    await h.post(fileMessage('c.log', 'https://contoso.sharepoint.com:8443/internal'));

    expect([elsewhere.isDone(), loopback.isDone(), port.isDone()]).toEqual([false, false, false]);
    expect(h.sent.map((s) => s.body.text)).toEqual([
      expect.stringContaining('not on a Microsoft file host'),
      expect.stringContaining('points at an address'),
      expect.stringContaining('unusual port'),
    ]);
    expect(JSON.stringify(h.sent)).not.toContain('internal');
  });

  it('stops at a redirect to another host, even another Microsoft one', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/moved.log').reply(302, '', { location: 'https://evil.sharepoint.com/steal' });
    const other = nock('https://evil.sharepoint.com').get(/.*/).reply(200, RC1_WITH_SCOPES);
    await h.post(fileMessage('rc1.log', `${FILE_HOST}/download/moved.log`));

    expect(other.isDone()).toBe(false);
    expect(h.sent[0]?.body.text).toContain('redirected to another host');
  });

  it('refuses a redirect from https to plain http', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/moved.log').reply(302, '', { location: 'http://files.example.test/rc1.log' });
    const plain = nock('http://files.example.test').get(/.*/).reply(200, RC1_WITH_SCOPES);
    await h.post(fileMessage('rc1.log', `${FILE_HOST}/download/moved.log`));

    expect(plain.isDone()).toBe(false);
    expect(h.sent[0]?.body.text).toContain('not https');
  });

  it('reads no more than MAX_UPLOAD_MB and says the file was cut', async () => {
    await h.start({ MAX_UPLOAD_MB: '0.001' });
    h.catchReplies();
    nock(FILE_HOST)
      .get('/download/big.log')
      .reply(200, `${'x'.repeat(200)}\n`.repeat(50));
    await h.post(fileMessage('big.log', `${FILE_HOST}/download/big.log`));

    expect(h.sent).toHaveLength(1);
    expect(flat(cardOf(h.sent[0]))).toContain('only its beginning was read');
  });

  it('answers kindly when the file host refuses the download', async () => {
    await h.start();
    h.catchReplies();
    nock(FILE_HOST).get('/download/expired.log').reply(403, 'expired');
    await h.post(fileMessage('rc1.log', `${FILE_HOST}/download/expired.log`));

    expect(h.sent[0]?.body.text).toMatch(/^I could not read rc1.log: Teams would not hand over the file \(HTTP 403\)/);
  });

  it('explains which files it reads when sent a Word document', async () => {
    await h.start();
    h.catchReplies();
    await h.post(fileMessage('notes.docx', `${FILE_HOST}/download/notes.docx`));

    expect(h.sent[0]?.body.text).toContain('.log, .txt, .out and .gz');
    expect(h.unexpected).toEqual([]);
  });
});
