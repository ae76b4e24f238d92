import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import {
  type AppContext,
  type ChatFileAnswer,
  diagnoseChatFile,
  errorInfo,
  TtlLru,
  WatchState,
} from '../../src/chat/index.js';
import { ACTION, parseFeedbackValue, withFeedback } from './blocks.js';
import { downloadFile, isLogFile, type SlackFile } from './files.js';
import {
  type Addressed,
  addressedMention,
  addressedMessage,
  messageKey,
  parseButtonValue,
  parseCommand,
} from './input.js';
import { EXPIRED, type SlackMessageOut, type SlackReplies, SORRY, safeName } from './reply.js';
import { postResponse, slackTuning } from './respond.js';
import { MUTE_HOURS, WATCH_ACTION, watchMessage } from './watch.js';

// The Bolt listeners, one per kind of request; each turns a Slack payload into a call on SlackReplies and posts what
// it returns. Nothing here decides what to say.

export interface ListenerDeps {
  ctx: AppContext;
  replies: SlackReplies;
  token: string;
  fileHosts: Set<string>;
  autoChannels: ReadonlySet<string>;
  log: AppContext['logger'];
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { replies, log } = deps;
  const answered = new TtlLru<true>(10_000, 60 * 60 * 1000);

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
    await postResponse(command.response_url, { response_type: 'ephemeral', ...message });
  });

  /** One shared file's answer: Slack is asked for its details first when the event carried only an id. */
  const readFile =
    (client: App['client']) =>
    async (shared: SlackFile): Promise<ChatFileAnswer> => {
      let file = shared;
      if (!file.url_private_download || file.name === undefined) {
        try {
          const info = await client.files.info({ file: file.id });
          file = { ...file, ...(info.file as SlackFile) };
        } catch (err) {
          log.warn(errorInfo(err), 'files.info failed');
          return {
            ok: false,
            message: 'Slack would not tell me about that file (the app may lack the files:read scope); share it again.',
          };
        }
      }
      const name = safeName(file.name);
      if (!isLogFile(file)) {
        return {
          ok: false,
          message: `${name} is not a log I can read: share a .log, .txt or .gz file, or paste the error.`,
        };
      }
      if (!file.url_private_download)
        return { ok: false, message: `Slack did not give me a download link for ${name}; share it again.` };
      const bytes = downloadFile(file.url_private_download, deps.token, deps.fileHosts);
      return diagnoseChatFile(deps.ctx.doctor, name, bytes, deps.ctx.config.maxUploadBytes);
    };

  async function answer(client: App['client'], input: Addressed) {
    const { messages, log: lines } = await replies.message(
      input,
      readFile(client),
      isLogFile,
      slackTuning.filesPerMessage,
    );
    for (const line of lines) log.info(line, 'message answered');
    for (const message of messages) {
      await client.chat.postMessage({ ...input.where, ...message } as Parameters<typeof client.chat.postMessage>[0]);
    }
  }

  app.event('app_mention', async ({ event, context, client }) => {
    const input = addressedMention(event as never, context.botUserId);
    if (!input || !answered.claim(messageKey(event.channel, event.ts), true)) return;
    await answer(client, input);
  });

  app.message(async ({ message, context, client }) => {
    const m = message as Parameters<typeof addressedMessage>[0];
    const input = addressedMessage(m, context.botUserId, deps.autoChannels);
    if (!input || !answered.claim(messageKey(m.channel, m.ts), true)) return;
    await answer(client, input);
  });

  // Files are answered from the message that shares them, which says where the thread is.
  app.event('file_shared', async () => {});

  const expired = (url: string) =>
    postResponse(url, { response_type: 'ephemeral', replace_original: false, text: EXPIRED });

  app.action<BlockAction<ButtonAction>>(/^mh_answer_/, async ({ ack, action, body }) => {
    await ack();
    const value = parseButtonValue(action.value);
    const ephemeral = Boolean((body.container as { is_ephemeral?: boolean }).is_ephemeral);
    const message = value?.a ? await replies.answerQuestion(value.p, value.a, ephemeral) : null;
    if (!message) return void (await expired(body.response_url));
    await postResponse(body.response_url, { replace_original: true, ...message });
  });

  app.action<BlockAction<ButtonAction>>('mh_share', async ({ ack, action, body }) => {
    await ack();
    const value = parseButtonValue(action.value);
    const message = value ? await replies.share(value.p) : null;
    if (!message) return void (await expired(body.response_url));
    await postResponse(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
  });

  // "Fixed it" / "Not it" / "Keep the paste": recorded once per person, and the answer is updated in place (its
  // buttons become a thank-you), never followed by a new message.
  app.action<BlockAction<ButtonAction>>(/^mh_feedback_(fixed|notit|keep)$/, async ({ ack, action, body }) => {
    await ack();
    const value = parseFeedbackValue(action.value);
    if (!value) return;
    const kind = action.action_id === ACTION.keep ? 'keep' : action.action_id === ACTION.fixed ? 'fixed' : 'not-it';
    const state = await replies.feedback(kind, { answerId: value.a, rule: value.r }, body.user.id);
    log.info({ feedback: kind, state }, 'slack feedback');
    const shown = (body as { message?: { text?: string; blocks?: Record<string, unknown>[] } }).message;
    if (shown?.blocks) {
      const blocks = withFeedback(shown.blocks, value.a, value.r, state);
      return void (await postResponse(body.response_url, { replace_original: true, text: shown.text ?? '', blocks }));
    }
    // An ephemeral answer comes back without its blocks: it is drawn again from the kept paste.
    const share = Boolean((body.container as { is_ephemeral?: boolean }).is_ephemeral);
    const message = await replies.rerender(value.a, value.r, state, share);
    if (!message) return void (await expired(body.response_url));
    await postResponse(body.response_url, { replace_original: true, ...message });
  });

  // The watcher's buttons: Acknowledge shows who took it, Mute stops posts for that failure for a day (said in the
  // thread). Both update the post in place; the state is the watcher's own, in the shared database.
  app.action<BlockAction<ButtonAction>>(/^mh_watch_(ack|mute)$/, async ({ ack, action, body, client }) => {
    await ack();
    const watch = new WatchState(deps.ctx.store);
    const user = body.user.id;
    const key = action.value ?? '';
    const muting = action.action_id === WATCH_ACTION.mute;
    const f = muting ? watch.mute(key, user, Date.now() + MUTE_HOURS * 60 * 60 * 1000) : watch.acknowledge(key, user);
    if (!f) return void (await expired(body.response_url));
    log.info({ watch: muting ? 'mute' : 'ack' }, 'slack watch action');
    const message = watchMessage(f, await deps.ctx.doctor.text(f.text));
    await postResponse(body.response_url, { replace_original: true, ...message });
    const ts = (body as { message?: { ts?: string } }).message?.ts;
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    if (muting && ts && channel) {
      await client.chat.postMessage({
        channel,
        thread_ts: ts,
        text: `Muted for ${MUTE_HOURS} h by <@${user}>: no posts for this failure until ${new Date(f.mutedUntil ?? 0).toISOString().slice(0, 16).replace('T', ' ')} UTC (repeats are still counted).`,
      });
    }
  });

  // Link buttons still send an action; acknowledging it keeps Slack from showing a warning.
  app.action(/^mh_link_/, async ({ ack }) => ack());
}
