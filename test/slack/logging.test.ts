import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../../src/logger.js';
import { SECRETS, spliceSecrets } from '../helpers.js';
import { API, BOT_USER, SlackHarness } from './harness.js';

// Debug and trace logging must not let a pasted secret through: the Slack libraries log raw payloads at debug.

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const PASTE = spliceSecrets(seed('rc1-incoming-mail.log'));
const CMD_URL = '/commands/T0TEAM/1/cmd';

const h = new SlackHarness();
afterEach(() => h.reset());

function memoryLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
}

describe('Slack logs', () => {
  it.each(['debug', 'trace'])('never carry a pasted token or client secret at LOG_LEVEL=%s', async (level) => {
    const lines: string[] = [];
    await h.start({ LOG_LEVEL: level }, { logger: memoryLogger(lines) });
    h.hook(CMD_URL);
    h.api('chat.postMessage', {}, 4);
    // files.info results (logged whole by the Web API client at debug) carry a preview of the file's text.
    h.api('files.info', {
      file: {
        id: 'F1',
        name: 'a.log',
        size: PASTE.length,
        filetype: 'text',
        preview: PASTE.slice(0, 2000),
        url_private_download: `${API}/files/F1/a.log`,
      },
    });
    nock(API).get('/files/F1/a.log').reply(200, PASTE);

    await h.command(`diagnose ${PASTE}`);
    await h.command(`${SECRETS.slackToken} is what I have`);
    await h.event({
      type: 'message',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'U0ADMIN',
      text: PASTE,
      ts: '1700000900.000100',
    });
    await h.event({
      type: 'app_mention',
      channel: 'C0OTHER',
      user: 'U0ADMIN',
      text: `<@${BOT_USER}> ${PASTE}`,
      ts: '1700000901.000100',
    });
    await h.event({
      type: 'message',
      subtype: 'file_share',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'U0ADMIN',
      text: `the log; secret is client_secret=${SECRETS.clientSecret}`,
      files: [{ id: 'F1', mode: 'hidden_by_limit' }],
      ts: '1700000902.000100',
    });
    // Command answer, DM answer, mention answer, files.info, file answer and the warning about the typed secret.
    await h.exactly(6);

    const all = lines.join('');
    expect(all).toMatch(/slash command/);
    for (const secret of Object.values(SECRETS)) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(0, 16));
    }
    expect(all).not.toContain('Invalid audience');
  });
});
