import { describe, expect, it } from 'vitest';
import { addressedMention, addressedMessage, messageKey, type SlackMessage } from '../../adapters/slack/input.js';
import { SlackReplies } from '../../adapters/slack/reply.js';
import { TeamsBot } from '../../adapters/teams/bot.js';
import type { ActivityLike } from '../../adapters/teams/input.js';
import type { ChatReply } from '../../src/chat/index.js';
import { fixture, SECRETS, testContext } from '../helpers.js';

// One table of conversations, each said to Slack and to Teams as each platform delivers it (a Slack event, a Teams
// activity), through each adapter's own parsing and into the one conversation core. Both must decide the same: how
// many replies, which answer (top finding and confidence) or which sentence, and whether the paste is kept.

const SUPPORT_SLACK = 'C0SUPPORT';
const SUPPORT_TEAMS = '19:support@thread.tacv2';
const CONFIRMED = `${fixture('seed', 'rc1-incoming-mail.log')}${fixture('seed', 'rc1-scopes.txt')}`;
const POSSIBLE = fixture('seed', 'rc1-incoming-mail.log');

type Where = 'direct' | 'mention' | 'support';
interface Said {
  where: Where;
  text: string;
  /** The platform delivers the same message this many times (retries, redeliveries, twin events). */
  times?: number;
  files?: { name: string }[];
}

/** What a reply decided, in platform-neutral words. */
function decision(r: ChatReply): string {
  switch (r.kind) {
    case 'answer': {
      const top = r.answer.diagnosis.findings[0];
      const secret = r.answer.diagnosis.secrets.length > 0 ? ' +secret warning' : '';
      const kept = r.answer.pasteId ? ' kept' : '';
      return `answer ${top ? `${top.id} ${top.confidence}` : 'none'}${secret}${kept}${r.answer.label ? ` (${r.answer.label})` : ''}`;
    }
    case 'say':
      return `say ${r.what}`;
    case 'feedback':
      return `feedback ${r.state}`;
    case 'watch':
      return `watch ${r.muted ? 'muted' : 'acknowledged'}`;
    case 'reminder':
      return `reminder acknowledged by ${r.reminder.ackedBy}`;
  }
}

let ts = 1700000000;

async function viaSlack(said: Said): Promise<string[]> {
  const replies = new SlackReplies(testContext({ SLACK_AUTO_REPLY_CHANNELS: SUPPORT_SLACK }));
  const decided: string[] = [];
  const handle = replies.conversation.handle.bind(replies.conversation);
  replies.conversation.handle = async (input) => {
    const out = await handle(input);
    decided.push(...out.map(decision));
    return out;
  };
  ts += 1;
  const event: SlackMessage = {
    channel: said.where === 'direct' ? 'D0ADMIN' : said.where === 'mention' ? 'C0OTHER' : SUPPORT_SLACK,
    channel_type: said.where === 'direct' ? 'im' : 'channel',
    user: 'U0ADMIN',
    ts: `${ts}.000100`,
    text: said.where === 'mention' ? `<@U0BOT> ${said.text}` : said.text,
    ...(said.files ? { subtype: 'file_share', files: said.files.map((f, i) => ({ id: `F${i}`, ...f })) } : {}),
  };
  for (let i = 0; i < (said.times ?? 1); i++) {
    const input =
      said.where === 'mention'
        ? addressedMention(event, 'U0BOT')
        : addressedMessage(event, 'U0BOT', new Set([SUPPORT_SLACK]));
    if (!input) continue;
    const files = input.files.map((f) => ({ name: f.name ?? undefined, open: async () => 'not read in this test' }));
    await replies.message(input, messageKey(event.channel, event.ts), files);
  }
  return decided;
}

async function viaTeams(said: Said): Promise<string[]> {
  const bot = new TeamsBot(testContext({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_TEAMS }));
  const decided: string[] = [];
  const handle = bot.conversation.handle.bind(bot.conversation);
  bot.conversation.handle = async (input) => {
    const out = await handle(input);
    decided.push(...out.map(decision));
    return out;
  };
  ts += 1;
  const id = String(ts);
  const inChannel = said.where !== 'direct';
  const channel = said.where === 'support' ? SUPPORT_TEAMS : '19:other@thread.tacv2';
  const activity: ActivityLike = {
    type: 'message',
    id,
    text: said.where === 'mention' ? `<at>Doctor</at> ${said.text}` : said.text,
    from: { id: '29:admin', aadObjectId: '00000000-0000-0000-0000-00000000000a' },
    recipient: { id: '28:bot' },
    conversation: inChannel
      ? { id: `${channel};messageid=${id}`, conversationType: 'channel', isGroup: true }
      : { id: 'a:personal', conversationType: 'personal' },
    ...(inChannel ? { channelData: { channel: { id: channel } } } : {}),
    entities: said.where === 'mention' ? [{ type: 'mention', mentioned: { id: '28:bot' } }] : [],
    attachments: (said.files ?? []).map((f) => ({
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: f.name,
      content: { downloadUrl: 'https://files.example/x', fileType: f.name.split('.').pop() },
    })),
  };
  for (let i = 0; i < (said.times ?? 1); i++) await bot.message(activity);
  return decided;
}

const TABLE: [string, Said, string[]][] = [
  [
    'a confirmed problem pasted to the bot directly',
    { where: 'direct', text: CONFIRMED },
    ['answer graph-scope-domain-prefix confirmed kept'],
  ],
  [
    'the same message delivered three times',
    { where: 'direct', text: CONFIRMED, times: 3 },
    ['answer graph-scope-domain-prefix confirmed kept'],
  ],
  [
    'a mention in another channel with a paste that only allows a guess',
    { where: 'mention', text: POSSIBLE },
    ['answer graph-scope-domain-prefix possible kept'],
  ],
  [
    'a confirmed problem posted in a support channel, unasked',
    { where: 'support', text: CONFIRMED },
    ['answer graph-scope-domain-prefix confirmed kept'],
  ],
  ['a guess posted in a support channel, unasked: silence', { where: 'support', text: POSSIBLE }, []],
  ['chatter in a support channel: silence', { where: 'support', text: 'anyone around? mail seems slow today' }, []],
  [
    'a token pasted directly: answered, with the warning',
    { where: 'direct', text: `is this right? client_secret=${SECRETS.clientSecret}` },
    ['answer none +secret warning kept'],
  ],
  [
    'a screenshot beside a pasted error: the paste is answered',
    { where: 'direct', text: CONFIRMED, files: [{ name: 'screenshot.png' }] },
    ['answer graph-scope-domain-prefix confirmed kept'],
  ],
  [
    'only a screenshot: which files are read',
    { where: 'direct', text: '', files: [{ name: 'screenshot.png' }] },
    ['say file'],
  ],
];

describe('the same conversation through Slack and Teams', () => {
  it.each(TABLE)('%s', async (_name, said, expected) => {
    const [slack, teams] = [await viaSlack(said), await viaTeams(said)];
    expect(slack).toEqual(expected);
    expect(teams).toEqual(expected);
  });

  it('answers a button on an answer the other platform gave, and records feedback once per person', async () => {
    const ctx = testContext();
    const slack = new SlackReplies(ctx).conversation;
    const teams = new TeamsBot(ctx).conversation;
    const [answer] = await slack.handle({ kind: 'message', thread: 't', text: POSSIBLE, files: [], auto: false });
    if (answer?.kind !== 'answer' || !answer.answer.answerId) throw new Error('no recorded answer');
    const { answerId, pasteId } = answer.answer;
    const rule = answer.answer.diagnosis.findings[0]?.id ?? '';
    const [rerun] = await teams.handle({ kind: 'question', pasteId, answer: 'https://graph.microsoft.com/Mail.Read' });
    expect(rerun && decision(rerun)).toMatch(/^answer /);
    const click = { kind: 'feedback' as const, verdict: 'not-it' as const, answerId, rule, redraw: false };
    expect((await teams.handle({ ...click, person: 'ada' })).map(decision)).toEqual(['feedback keep-offered']);
    expect((await slack.handle({ ...click, person: 'ada' })).map(decision)).toEqual(['feedback already']);
    expect((await slack.handle({ ...click, verdict: 'keep', person: 'ada' })).map(decision)).toEqual(['feedback kept']);
    expect((await teams.handle({ kind: 'question', pasteId: 'gone', answer: 'x' })).map(decision)).toEqual([
      'say expired',
    ]);
    expect(
      (await slack.handle({ kind: 'watch', action: 'ack', key: 'nothing|here', person: 'ada' })).map(decision),
    ).toEqual(['say untracked']);
  });
});
