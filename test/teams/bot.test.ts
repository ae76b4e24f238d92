import { describe, expect, it } from 'vitest';
import { TeamsBot } from '../../adapters/teams/bot.js';
import type { ActivityLike } from '../../adapters/teams/input.js';
import { testContext } from '../helpers.js';
import { seed } from './helpers.js';

const CHANNEL = '19:support@thread.tacv2';
const bot = () => new TeamsBot(testContext({ TEAMS_AUTO_REPLY_CHANNELS: CHANNEL, TENANT_LOOKUP: 'off' }));

const post = (id: string, text: string): ActivityLike => ({
  type: 'message',
  id,
  text,
  from: { id: '29:user' },
  recipient: { id: '28:bot' },
  conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true },
  channelData: { channel: { id: CHANNEL } },
});

describe('TeamsBot auto-replies', () => {
  it('answers a thread once even when the same post is handled twice at the same moment', async () => {
    const b = bot();
    const root = post('1700000000001', seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt'));
    const [first, second] = await Promise.all([b.message(root), b.message(root)]);

    expect([first?.length, second?.length].sort()).toEqual([0, 1]);
    expect(await b.message(root)).toEqual([]);
  });

  it('still answers other threads', async () => {
    const b = bot();
    const paste = seed('rc1-incoming-mail.log') + seed('rc1-scopes.txt');
    expect(await b.message(post('1700000000001', paste))).toHaveLength(1);
    expect(await b.message(post('1700000000002', paste))).toHaveLength(1);
  });
});
