import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { type AppContext, type ChatFile, errorInfo, notALogFile } from '../../src/chat/index.js';
import { ACTION, parseFeedbackValue, toBlockKit, withFeedback } from './blocks.js';
import { downloadFile, isLogFile, type SlackFile } from './files.js';
import { addressedMention, addressedMessage, messageKey, parseButtonValue, parseCommand } from './input.js';
import { EXPIRED, type SlackMessageOut, type SlackReplies, SORRY, safeName, slackMessage } from './reply.js';
import { postResponse } from './respond.js';
import { WATCH_ACTION } from './watch.js';

// The Bolt listeners, one per kind of request; each turns a Slack payload into the conversation's neutral input and
// posts what it returns. Nothing here decides what to say.

export interface ListenerDeps {
  ctx: AppContext;
  replies: SlackReplies;
  token: string;
  fileHosts: Set<string>;
  autoChannels: ReadonlySet<string>;
  log: AppContext['logger'];
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { replies, log, ctx } = deps;
  const { conversation } = replies;

  /** Sends what Slack did not take (after its client's retries) to the log and /metrics, never the message. */
  const sent = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (err) {
      ctx.metrics.sendFailed('slack');
      log.error(errorInfo(err), 'slack send failed');
    }
  };

  app.command('/mailhandler', async ({ command, ack }) => {
    const request = parseCommand(command.text);
    const reply = await replies.slash(request);
    if (reply.ack || !reply.later) return void (await ack({ response_type: 'ephemeral', ...reply.ack }));
    // Acknowledge first: Slack gives up after 3 seconds; the answer follows through response_url.
    await ack();
    let message: SlackMessageOut;
    try {
      message = await reply.later();
      log.info({ command: request.kind }, 'slash command');
    } catch (err) {
      log.error({ ...errorInfo(err), command: request.kind }, 'slash command failed');
      message = { text: SORRY };
    }
    await sent(postResponse(command.response_url, { response_type: 'ephemeral', ...message }));
  });

  /** A shared file as the conversation reads it: Slack is asked for its details first when the event had only an id. */
  const chatFile = (client: App['client'], shared: SlackFile): ChatFile => ({
    name: shared.name === undefined || shared.name === null ? undefined : safeName(shared.name),
    readable: shared.name === undefined || shared.name === null ? undefined : isLogFile(shared),
    open: async () => {
      let file = shared;
      if (!file.url_private_download || file.name === undefined) {
        try {
          const info = await client.files.info({ file: file.id });
          file = { ...file, ...(info.file as SlackFile) };
        } catch (err) {
          log.warn(errorInfo(err), 'files.info failed');
          return 'Slack would not tell me about that file (the app may lack the files:read scope); share it again.';
        }
      }
      const name = safeName(file.name);
      if (!isLogFile(file)) return notALogFile(name);
      if (!file.url_private_download) return `Slack did not give me a download link for ${name}; share it again.`;
      return { name, bytes: downloadFile(file.url_private_download, deps.token, deps.fileHosts) };
    },
  });

  async function answer(client: App['client'], input: NonNullable<ReturnType<typeof addressedMention>>, id: string) {
    const files = input.files.map((f) => chatFile(client, f));
    const messages = await replies.message(input, id, files);
    if (messages.length > 0) log.info({ replies: messages.length, auto: input.auto }, 'message answered');
    for (const message of messages) {
      await sent(
        client.chat.postMessage({ ...input.where, ...message } as Parameters<typeof client.chat.postMessage>[0]),
      );
    }
  }

  // A message is answered once across replicas and retries: the twin `message`/`app_mention` events and Slack's
  // retries carry the same channel and ts, which the conversation claims.
  app.event('app_mention', async ({ event, context, client }) => {
    const input = addressedMention(event as never, context.botUserId);
    if (input) await answer(client, input, messageKey(event.channel, event.ts));
  });

  app.message(async ({ message, context, client }) => {
    const m = message as Parameters<typeof addressedMessage>[0];
    const input = addressedMessage(m, context.botUserId, deps.autoChannels);
    if (input) await answer(client, input, messageKey(m.channel, m.ts));
  });

  // Files are answered from the message that shares them, which says where the thread is.
  app.event('file_shared', async () => {});

  const ephemeralOf = (body: BlockAction) => Boolean((body.container as { is_ephemeral?: boolean }).is_ephemeral);
  const expired = (url: string) =>
    sent(postResponse(url, { response_type: 'ephemeral', replace_original: false, text: EXPIRED }));

  app.action<BlockAction<ButtonAction>>(/^mh_answer_/, async ({ ack, action, body }) => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value?.a) return void (await expired(body.response_url));
    const [reply] = await conversation.handle({ kind: 'question', pasteId: value.p, answer: value.a });
    const [message] = reply ? slackMessage(reply, { share: ephemeralOf(body) }) : [];
    if (!message) return void (await expired(body.response_url));
    const place =
      reply?.kind === 'answer' ? { replace_original: true } : { response_type: 'ephemeral', replace_original: false };
    await sent(postResponse(body.response_url, { ...place, ...message }));
  });

  app.action<BlockAction<ButtonAction>>('mh_share', async ({ ack, action, body }) => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return void (await expired(body.response_url));
    const [reply] = await conversation.handle({ kind: 'share', pasteId: value.p });
    const [message] = reply ? slackMessage(reply) : [];
    if (!message) return void (await expired(body.response_url));
    const shown = reply?.kind === 'answer' ? { response_type: 'in_channel' } : { response_type: 'ephemeral' };
    await sent(postResponse(body.response_url, { ...shown, replace_original: false, ...message }));
  });

  // "Fixed it" / "Not it" / "Keep the paste": recorded once per person, and the answer is updated in place (its
  // buttons become a thank-you), never followed by a new message.
  app.action<BlockAction<ButtonAction>>(/^mh_feedback_(fixed|notit|keep)$/, async ({ ack, action, body }) => {
    await ack();
    const value = parseFeedbackValue(action.value);
    if (!value) return;
    const verdict = action.action_id === ACTION.keep ? 'keep' : action.action_id === ACTION.fixed ? 'fixed' : 'not-it';
    const shown = (body as { message?: { text?: string; blocks?: Record<string, unknown>[] } }).message;
    // An ephemeral answer comes back without its blocks: it is drawn again from the kept paste.
    const [reply] = await conversation.handle({
      kind: 'feedback',
      verdict,
      answerId: value.a,
      rule: value.r,
      person: body.user.id,
      redraw: !shown?.blocks,
    });
    if (reply?.kind !== 'feedback') return;
    log.info({ feedback: verdict, state: reply.state }, 'slack feedback');
    if (shown?.blocks) {
      const blocks = withFeedback(shown.blocks, value.a, value.r, reply.state);
      return void (await sent(
        postResponse(body.response_url, { replace_original: true, text: shown.text ?? '', blocks }),
      ));
    }
    if (!reply.redrawn) return void (await expired(body.response_url));
    const { diagnosis, pasteId, answerId } = reply.redrawn;
    const share = ephemeralOf(body);
    const message = toBlockKit(diagnosis, { pasteId, answerId, share, feedback: { [value.r]: reply.state } });
    await sent(postResponse(body.response_url, { replace_original: true, ...message }));
  });

  // The watcher's buttons: Acknowledge shows who took it, Mute stops posts for that failure for a day (said in the
  // thread). Both update the post in place; the state is shared by every replica.
  app.action<BlockAction<ButtonAction>>(/^mh_watch_(ack|mute)$/, async ({ ack, action, body, client }) => {
    await ack();
    const user = body.user.id;
    const muting = action.action_id === WATCH_ACTION.mute;
    const [reply] = await conversation.handle({
      kind: 'watch',
      action: muting ? 'mute' : 'ack',
      key: action.value ?? '',
      person: user,
    });
    if (!reply) return;
    const [post, said] = slackMessage(reply, { person: user });
    if (reply.kind !== 'watch' || !post) {
      return void (await sent(
        postResponse(body.response_url, { response_type: 'ephemeral', replace_original: false, ...post }),
      ));
    }
    log.info({ watch: muting ? 'mute' : 'ack' }, 'slack watch action');
    await sent(postResponse(body.response_url, { replace_original: true, ...post }));
    const ts = (body as { message?: { ts?: string } }).message?.ts;
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    if (said && ts && channel) await sent(client.chat.postMessage({ channel, thread_ts: ts, text: said.text }));
  });

  // Acknowledge on an expiry reminder: the reminder then says who took it.
  app.action<BlockAction<ButtonAction>>(WATCH_ACTION.reminder, async ({ ack, action, body }) => {
    await ack();
    const [reply] = await conversation.handle({ kind: 'reminder', key: action.value ?? '', person: body.user.id });
    const [message] = reply ? slackMessage(reply) : [];
    if (!message) return;
    const place =
      reply?.kind === 'reminder' ? { replace_original: true } : { response_type: 'ephemeral', replace_original: false };
    await sent(postResponse(body.response_url, { ...place, ...message }));
  });

  // Link buttons still send an action; acknowledging it keeps Slack from showing a warning.
  app.action(/^mh_link_/, async ({ ack }) => ack());
}
