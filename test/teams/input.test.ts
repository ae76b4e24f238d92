import { describe, expect, it } from 'vitest';
import { type ActivityLike, toInput } from '../../adapters/teams/input.js';

const BOT = { id: '28:bot', name: 'Mail Handler Doctor' };
const CHANNEL = '19:support@thread.tacv2';
const none = { autoReplyChannels: [] };

const chat = (text: string, extra: Partial<ActivityLike> = {}): ActivityLike => ({
  type: 'message',
  text,
  from: { id: '29:user' },
  recipient: BOT,
  conversation: { id: 'a:1', conversationType: 'personal' },
  ...extra,
});
const inChannel = (text: string, mention: boolean): ActivityLike =>
  chat(mention ? `<at>${BOT.name}</at> ${text}` : text, {
    id: '1',
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true },
    channelData: { channel: { id: CHANNEL } },
    entities: mention ? [{ type: 'mention', mentioned: { id: BOT.id } }] : [],
  });

describe('toInput', () => {
  it('reads commands, and treats any other first word as text to diagnose', () => {
    expect(toInput(chat('help'), none)).toEqual({ kind: 'help' });
    expect(toInput(chat('/HELP'), none)).toEqual({ kind: 'help' });
    expect(toInput(chat('tenant contoso.com'), none)).toEqual({ kind: 'tenant', query: 'contoso.com' });
    expect(toInput(chat('diagnose  AADSTS7000222 secret expired'), none)).toEqual({
      kind: 'diagnose',
      text: 'AADSTS7000222 secret expired',
      auto: false,
    });
    expect(toInput(chat('tenant is in GCC High'), none)).toMatchObject({
      kind: 'diagnose',
      text: 'tenant is in GCC High',
    });
    expect(toInput(chat('help me, Invalid audience'), none)).toMatchObject({ kind: 'diagnose' });
  });

  it('falls back to help for a bare command or an empty message', () => {
    expect(toInput(chat('diagnose'), none)).toEqual({ kind: 'help' });
    expect(toInput(chat('tenant'), none)).toEqual({ kind: 'help' });
    expect(toInput(chat('   '), none)).toEqual({ kind: 'help' });
    expect(toInput(chat('', { text: undefined }), none)).toEqual({ kind: 'help' });
  });

  it('strips the bot mention and Teams HTML in channels', () => {
    expect(toInput(inChannel('<p>diagnose&nbsp;Invalid audience</p>', true), none)).toEqual({
      kind: 'diagnose',
      text: 'Invalid audience',
      auto: false,
    });
    expect(toInput(inChannel('', true), none)).toEqual({ kind: 'help' });
  });

  it('ignores unaddressed channel messages unless the channel is a support channel', () => {
    expect(toInput(inChannel('Invalid audience', false), none)).toEqual({ kind: 'ignore', reason: 'not-addressed' });
    expect(toInput(inChannel('Invalid audience', false), { autoReplyChannels: [CHANNEL] })).toEqual({
      kind: 'diagnose',
      text: 'Invalid audience',
      auto: true,
    });
    expect(toInput(inChannel('', false), { autoReplyChannels: [CHANNEL] })).toEqual({
      kind: 'ignore',
      reason: 'empty',
    });
  });

  it('ignores bots, by role or by Teams bot id', () => {
    expect(toInput(chat('help', { from: { id: '28:other' } }), none)).toEqual({ kind: 'ignore', reason: 'from-bot' });
    expect(toInput(chat('help', { from: { id: 'x', role: 'bot' } }), none)).toMatchObject({ kind: 'ignore' });
  });

  it('prefers the text/html attachment, which keeps a snippet’s line breaks', () => {
    const html = '<pre>line one Invalid audience<br>line two</pre>';
    const input = toInput(
      chat('line one Invalid audience line two', { attachments: [{ contentType: 'text/html', content: html }] }),
      none,
    );
    expect(input).toEqual({ kind: 'diagnose', text: 'line one Invalid audience\nline two', auto: false });
  });

  it('reads a file.download.info attachment by its name, rotated logs included, and refuses other files', () => {
    const file = (name: string, fileType: string, text = '') =>
      chat(text, {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name,
            content: { downloadUrl: 'https://x.sharepoint.com/d', fileType },
          },
        ],
      });
    expect(toInput(file('a.log', 'log'), none)).toEqual({
      kind: 'file',
      name: 'a.log',
      url: 'https://x.sharepoint.com/d',
      text: '',
    });
    // Teams calls the type of atlassian-jira.log.1 "1".
    expect(toInput(file('atlassian-jira.log.1', '1'), none)).toMatchObject({ kind: 'file' });
    expect(toInput(file('atlassian-jira-incoming-mail.log.2.gz', 'gz'), none)).toMatchObject({ kind: 'file' });
    expect(toInput(file('a.docx', 'docx'), none)).toEqual({ kind: 'unsupported-file', name: 'a.docx', text: '' });
    expect(toInput(file('report.1', '1'), none)).toMatchObject({ kind: 'unsupported-file' });
    expect(toInput(file('a.log', 'log', 'our <b>client_secret</b> is below'), none)).toMatchObject({
      kind: 'file',
      text: 'our client_secret is below',
    });
  });

  it('auto-reads only the first post of a support-channel thread, but still answers a mention in a reply', () => {
    const support = { autoReplyChannels: [CHANNEL] };
    const reply = (mention: boolean) => ({ ...inChannel('Invalid audience', mention), id: '2' });
    expect(toInput(reply(false), support)).toEqual({ kind: 'ignore', reason: 'not-top-level' });
    expect(toInput({ ...reply(false), id: undefined }, support)).toEqual({ kind: 'ignore', reason: 'not-top-level' });
    expect(toInput(reply(true), support)).toMatchObject({ kind: 'diagnose', auto: false });
  });

  it('recognises a question button only by its own data', () => {
    const data = { mhd: 'answer', id: 'k', answer: 'Our tenant is in GCC High.' };
    expect(toInput(chat('', { value: data }), none)).toEqual({ kind: 'answer', data });
    expect(toInput(chat('help', { value: { something: 'else' } }), none)).toEqual({ kind: 'help' });
  });
});
