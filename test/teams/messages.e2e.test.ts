import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { clearTenantCache } from '../../src/tenant/lookup.js';
import {
  BOT,
  cardOf,
  channelPost,
  flat,
  personal,
  SERVICE_URL,
  SUPPORT_CHANNEL,
  seed,
  TeamsHarness,
  USER,
} from './helpers.js';

const h = new TeamsHarness();
afterEach(() => h.stop());

const RC1 = seed('rc1-incoming-mail.log');
const RC1_WITH_SCOPES = RC1 + seed('rc1-scopes.txt');
const RC2_WITH_SCOPES = seed('rc2-graph-error.log') + seed('rc2-scopes.txt');
const SECRET = 'Q8r~aZ3kLmN0pQrStUvWxYz1234567890abcdEF';

describe('Teams bot in a personal chat', () => {
  it('answers a pasted seed log with one threaded Adaptive Card naming the scope-prefix cause', async () => {
    await h.start();
    h.catchReplies();
    const activity = personal(RC1_WITH_SCOPES);
    const res = await h.post(activity);

    expect(res.status).toBe(200);
    expect(h.sent).toHaveLength(1);
    const [reply] = h.sent;
    expect(reply?.path).toBe(`/v3/conversations/a:1personal-chat/activities/${activity.id}`);
    expect(reply?.body.replyToId).toBe(activity.id);
    expect(reply?.body.recipient).toMatchObject({ id: USER.id });
    expect(reply?.body.text).toBe('The application link writes the Graph address in front of its scopes [confirmed]');
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: expect.stringContaining('Graph address') });
    expect(flat(card)).toContain('"title":"Protocol","value":"Microsoft Graph API"');
    expect(flat(card)).toContain('1. Open ⚙ Administration > Applications > Application links');
    expect(flat(card)).toContain('"fontType":"Monospace"');
    expect(card.actions).toContainEqual(
      expect.objectContaining({ type: 'Action.OpenUrl', url: expect.stringContaining('confluence.atlassian.com') }),
    );
    expect(h.unexpected).toEqual([]);
  });

  it('runs "diagnose <text>" and links JSDSERVER-14090 with the IMAP/POP workaround for a government tenant', async () => {
    await h.start();
    h.catchReplies();
    await h.post(personal(`diagnose ${RC2_WITH_SCOPES}`));

    expect(h.sent).toHaveLength(1);
    const card = cardOf(h.sent[0]);
    expect(h.sent[0]?.body.text).toContain('government cloud');
    expect(flat(card)).toContain('No fix is available yet');
    expect(flat(card)).toContain('JSDSERVER-14090');
  });

  it('treats an unknown first word as text to diagnose', async () => {
    await h.start();
    h.catchReplies();
    await h.post(
      personal('Hello, our mail handler says InvalidAuthenticationToken Invalid audience and we are in GCC High'),
    );

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).not.toMatch(/^I find out why/);
    expect(cardOf(h.sent[0]).type).toBe('AdaptiveCard');
  });

  it('answers "help" with the commands and no card', async () => {
    await h.start();
    h.catchReplies();
    await h.post(personal('help'));

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('**tenant** _domain or tenant id_');
    expect(h.sent[0]?.body.attachments ?? []).toEqual([]);
  });

  it('says the tenant look-up is off when TENANT_LOOKUP=off, without asking Microsoft', async () => {
    await h.start({ TENANT_LOOKUP: 'off' });
    h.catchReplies();
    await h.post(personal('tenant contoso.com'));

    expect(h.sent[0]?.body.text).toContain('TENANT_LOOKUP=off');
    expect(h.unexpected).toEqual([]);
  });

  it('looks a tenant up in Microsoft’s metadata with "tenant <domain>" and says the Graph protocol cannot work there', async () => {
    clearTenantCache();
    await h.start({ TENANT_LOOKUP: 'on' });
    h.catchReplies();
    const metadata = nock('https://login.microsoftonline.com')
      .get('/fabrikam.onmicrosoft.us/v2.0/.well-known/openid-configuration')
      .reply(200, {
        issuer: 'https://login.microsoftonline.us/11111111-2222-3333-4444-555555555555/v2.0',
        token_endpoint: 'https://login.microsoftonline.us/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token',
        cloud_instance_name: 'microsoftonline.us',
        msgraph_host: 'graph.microsoft.us',
        tenant_region_scope: 'USGov',
        tenant_region_sub_scope: 'DODCON',
      });
    await h.post(personal('tenant fabrikam.onmicrosoft.us'));

    expect(metadata.isDone()).toBe(true);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('GCC High');
    expect(h.sent[0]?.body.text).toContain('JSDSERVER-14090');
  });

  it('never repeats a pasted client secret and asks to delete the message and rotate it', async () => {
    await h.start();
    h.catchReplies();
    await h.post(personal(`client_secret=${SECRET}\n${RC1}`));

    expect(h.sent).toHaveLength(1);
    const all = flat(h.sent);
    expect(all).not.toContain(SECRET);
    expect(h.sent[0]?.body.text).toMatch(/delete the message and rotate/);
    expect(flat(cardOf(h.sent[0]).body[0])).toContain('attention');
  });

  it('turns the core’s questions into buttons that re-run the diagnosis with the answer, holding no secret', async () => {
    await h.start();
    h.catchReplies();
    await h.post(personal(`password=${SECRET}\n${RC1}`));
    const card = cardOf(h.sent[0]);
    const sets = card.body.filter((e) => (e as { type?: string }).type === 'ActionSet') as {
      actions: { type: string; title: string; data: { mhd: string; id: string; answer: string } }[];
    }[];
    expect(sets.length).toBeGreaterThan(0);
    const prefixed = sets.flatMap((s) => s.actions).find((a) => a.title.startsWith('https://graph.microsoft.com/'));
    expect(prefixed?.type).toBe('Action.Submit');
    expect(flat(card)).not.toContain(SECRET);

    // Teams sends an Action.Submit as a message whose value is the button's data, with no text.
    const click = personal('', { value: prefixed?.data });
    delete (click as { text?: string }).text;
    await h.post(click);

    expect(h.sent).toHaveLength(2);
    expect(h.sent[1]?.body.replyToId).toBe(click.id);
    expect(h.sent[1]?.body.text).toMatch(/^The application link writes the Graph address.*\[confirmed\]/);
    expect(flat(h.sent)).not.toContain(SECRET);
  });

  it('says so when a button refers to a paste it no longer holds', async () => {
    await h.start();
    h.catchReplies();
    await h.post(personal('', { value: { mhd: 'answer', id: 'gone', answer: 'Our tenant is in GCC High.' } }));

    expect(h.sent[0]?.body.text).toContain('Paste the error again');
  });

  it('greets once when the bot is installed, and not when other people join', async () => {
    await h.start();
    h.catchReplies();
    const update = {
      ...personal(''),
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
    };
    delete (update as { text?: string }).text;
    await h.post(update);
    await h.post({ ...update, id: 'other', membersAdded: [{ id: '29:someone-else' }] });

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toMatch(/^Hi! Paste the ERROR lines/);
  });
});

describe('Teams bot delivery', () => {
  it.each([429, 500])('delivers the answer once after the connector fails once with %i', async (status) => {
    await h.start();
    const calls = h.catchReplies(status);
    const res = await h.post(personal(RC1_WITH_SCOPES));

    expect(res.status).toBe(200);
    expect(calls()).toBe(2);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
  });

  it('answers a redelivered activity only once', async () => {
    await h.start();
    h.catchReplies();
    const activity = personal(RC1_WITH_SCOPES);
    await Promise.all([h.ack(activity), h.ack(activity)]);
    await h.post(activity);
    await h.settle();

    expect(h.sent).toHaveLength(1);
  });

  it('ignores a message from another bot', async () => {
    await h.start();
    h.catchReplies();
    const res = await h.post(personal(RC1, { from: { id: '28:another-bot', name: 'Other', role: 'bot' } }));

    expect(res.status).toBe(200);
    expect(h.sent).toEqual([]);
  });

  it('rejects a body that is not JSON with 400 and sends nothing', async () => {
    await h.start();
    h.catchReplies();
    const res = await h.post('{"type": "message", ');

    expect(res.status).toBe(400);
    expect(h.sent).toEqual([]);
  });
});

describe('Teams bot in channels', () => {
  it('answers a mention with no other text with help, in the thread', async () => {
    await h.start();
    h.catchReplies();
    const post = channelPost('', { mention: true });
    await h.post(post);

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.path).toBe(`/v3/conversations/${SUPPORT_CHANNEL};messageid=${post.id}/activities/${post.id}`);
    expect(h.sent[0]?.body.text).toMatch(/^I find out why/);
  });

  it('gives the same findings for the seed log pasted as Teams HTML as for plain text', async () => {
    await h.start();
    h.catchReplies();
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = `<p><at>${BOT.name}</at>&nbsp;what is wrong here?</p><pre><code>${RC1_WITH_SCOPES.split('\n')
      .map(escapeHtml)
      .join('<br>')}</code></pre>`;
    const post = channelPost('', { mention: true });
    await h.post({ ...post, text: html, attachments: [{ contentType: 'text/html', content: html }] });

    const plain = diagnose(RC1_WITH_SCOPES);
    const card = cardOf(h.sent[0]);
    expect(h.sent).toHaveLength(1);
    for (const f of plain.findings) expect(flat(card)).toContain(`${f.confidence} · ${f.id}`);
    expect(h.sent[0]?.body.text).toBe(`${plain.findings[0]?.title} [${plain.findings[0]?.confidence}]`);
  });

  it('stays quiet in a channel when not mentioned and the channel is not a support channel', async () => {
    await h.start();
    h.catchReplies();
    await h.post(channelPost(RC1_WITH_SCOPES));

    expect(h.sent).toEqual([]);
  });

  it('auto-replies in a support channel thread to a confirmed finding, once per thread', async () => {
    await h.start({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_CHANNEL });
    h.catchReplies();
    const root = channelPost(RC1_WITH_SCOPES);
    await h.post(root);
    await h.post(channelPost(RC1_WITH_SCOPES, { thread: root.id }));

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.path).toBe(`/v3/conversations/${SUPPORT_CHANNEL};messageid=${root.id}/activities/${root.id}`);
    expect(h.sent[0]?.body.text).toContain('[confirmed]');
  });

  it('does not auto-reply to a reply further down a thread, however sure the finding', async () => {
    await h.start({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_CHANNEL });
    h.catchReplies();
    // The thread's first post came before the bot was listening; the paste is a reply in it.
    await h.post(channelPost(RC1_WITH_SCOPES, { thread: '1699999999999' }));

    expect(h.sent).toEqual([]);
    expect(h.unexpected).toEqual([]);
  });

  it('does not auto-reply to a post whose only finding is a secret', async () => {
    await h.start({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_CHANNEL });
    h.catchReplies();
    await h.post(channelPost(`here is the app password: client_secret=${SECRET}`));

    expect(h.sent).toEqual([]);
  });

  it('auto-replies once when a thread’s first post arrives twice at the same moment', async () => {
    await h.start({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_CHANNEL });
    h.catchReplies();
    const root = channelPost(RC1_WITH_SCOPES);
    await Promise.all([h.ack(root), h.ack({ ...root })]);
    await h.settle();

    expect(h.sent).toHaveLength(1);
  });

  it('does not auto-reply when only "possible" causes fit, nor to bots', async () => {
    await h.start({ TEAMS_AUTO_REPLY_CHANNELS: SUPPORT_CHANNEL });
    h.catchReplies();
    await h.post(channelPost(RC1));
    await h.post({ ...channelPost(RC1_WITH_SCOPES), from: { id: '28:ci-bot', name: 'CI', role: 'bot' } });

    expect(h.sent).toEqual([]);
  });

  it('answers when mentioned in a group chat', async () => {
    await h.start();
    h.catchReplies();
    const post = channelPost(RC1_WITH_SCOPES, { mention: true });
    await h.post({ ...post, conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true } });

    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.path).toBe(`/v3/conversations/19:group@thread.v2/activities/${post.id}`);
  });
});

describe('Teams bot security', () => {
  it('refuses, without credentials, an activity whose serviceUrl is not on this machine', async () => {
    await h.start();
    h.catchReplies();
    const elsewhere = nock('https://smba.trafficmanager.net').post(/.*/).reply(200, {});
    const res = await h.post(personal(RC1, { serviceUrl: 'https://smba.trafficmanager.net/emea/' }));

    expect(res.status).toBe(403);
    expect(elsewhere.isDone()).toBe(false);
    expect(h.sent).toEqual([]);
    expect(h.unexpected).toEqual([]);
  });

  it.each([
    [
      'a cross-site text/plain POST from a web page',
      'text/plain',
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      403,
    ],
    ['a same-site JSON fetch from a web page', 'application/json', { 'sec-fetch-site': 'same-site' }, 403],
    ['a JSON POST carrying an Origin', 'application/json', { origin: 'http://127.0.0.1:8080' }, 403],
    ['a local text/plain POST', 'text/plain', {}, 415],
    ['a local form POST', 'application/x-www-form-urlencoded', {}, 415],
  ])('refuses, without credentials, %s and sends nothing anywhere', async (_name, type, headers, status) => {
    await h.start();
    h.catchReplies();
    // The reviewer's attack: make the bot POST to another local service by choosing its serviceUrl.
    const local = nock(SERVICE_URL)
      .post(/^\/admin\//)
      .reply(200, {});
    const body = JSON.stringify(personal(RC1, { serviceUrl: `${SERVICE_URL}admin/run?x=` }));
    const res = await fetch(`${h.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body,
    });
    await h.settle();

    expect(res.status).toBe(status);
    expect(local.isDone()).toBe(false);
    expect(h.sent).toEqual([]);
    expect(h.unexpected).toEqual([]);
  });

  it('refuses, without credentials, a loopback serviceUrl with a query that would redirect its replies', async () => {
    await h.start();
    h.catchReplies();
    const local = nock(SERVICE_URL)
      .post(/^\/admin\//)
      .reply(200, {});
    const res = await h.post(personal(RC1, { serviceUrl: `${SERVICE_URL}admin/run?x=` }));

    expect(res.status).toBe(403);
    expect(local.isDone()).toBe(false);
    expect(h.sent).toEqual([]);
  });

  it.each([
    ['no Authorization header', {}],
    ['a made-up bearer token', { authorization: 'Bearer not-a-real-token' }],
  ])('answers 401 and sends nothing when credentials are set and the request has %s', async (_name, headers) => {
    await h.start({
      MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0',
      MicrosoftAppPassword: 'test-password',
      MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    h.catchReplies();
    const res = await h.post(personal(RC1_WITH_SCOPES), headers);

    expect(res.status).toBe(401);
    expect(h.sent).toEqual([]);
    expect(h.unexpected).toEqual([]);
  });

  it('says in the start-up banner which mode the Teams bot is in', async () => {
    await h.start();
    expect(h.app.frontDoors.find((d) => d.name === 'Teams')?.status).toContain('local trial');
    await h.stop();
    await h.start({
      MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0',
      MicrosoftAppPassword: 'test-password',
      MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    expect(h.app.frontDoors.find((d) => d.name === 'Teams')?.status).toContain('every request authenticated');
  });
});
