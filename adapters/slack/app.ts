import {
  App,
  type Authorize,
  type BlockAction,
  type ButtonAction,
  HTTPReceiver,
  type Logger,
  LogLevel,
  webApi,
} from '@slack/bolt';
import { shouldAutoReply } from '../../src/chat/policy.js';
import { PlatformError, retryTransient } from '../../src/chat/retry.js';
import { PasteStore, TtlLru } from '../../src/chat/store.js';
import { redactText } from '../../src/core/index.js';
import type { Diagnosis } from '../../src/core/types.js';
import { diagnoseFile, diagnoseText } from '../../src/diagnosis-service.js';
import type { AppContext } from '../../src/server/frontdoor.js';
import { describeTenant, lookupTenant } from '../../src/tenant/lookup.js';
import { type ButtonValue, toBlockKit } from './blocks.js';
import { downloadFile, FileProblem, fileHosts, isLogFile, type SlackFile, tooBig } from './files.js';

// The Bolt app: /mailhandler, DMs, @mentions, support-channel auto-replies, shared files and answer buttons.

/** Web API retry policy; tests shorten it so a 500 followed by success takes milliseconds. */
export const slackTuning = {
  retryConfig: { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true },
  /** Files per message that get an answer. */
  filesPerMessage: 3,
};

const HELP = [
  '*mailhandler-doctor* tells you why the Jira / JSM mail handler fails against Microsoft 365.',
  '• `/mailhandler diagnose <error or log lines>` — the answer, only for you, with a button to share it.',
  '• `/mailhandler tenant <domain or tenant id>` — which Microsoft cloud a tenant lives in.',
  '• Send me a direct message, or @mention me in a channel, with the error pasted or a `.log`, `.txt` or `.gz` file attached; I answer in the thread.',
].join('\n');

const HOW_TO = [
  'Paste the error after the command, for example `/mailhandler diagnose GraphServiceException: Error code: InvalidAuthenticationToken … Invalid audience`.',
  'Most useful: the ERROR lines with their stack trace from `<jira-home>/log/atlassian-jira-incoming-mail.log` (JSM Email requests) or `atlassian-jira.log` (Jira System > Incoming mail), the scopes of the Microsoft application link, or an `AADSTS` line from the browser.',
  'For a whole log file, send it to me in a direct message or attach it with an @mention.',
].join('\n');

const EXPIRED =
  'That answer is too old for me to re-run (I keep pastes for a day, without secrets). Paste the error again.';

/** Pino behind the small logger interface Bolt and the Web API client expect; messages only, never payloads. */
function boltLogger(ctx: AppContext): Logger {
  const log = ctx.logger.child({ component: 'slack' });
  const join = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    // Library debug output carries raw payloads (Socket Mode frames, API results with file previews): never logged.
    debug: () => {},
    info: (...msg) => log.info(join(msg)),
    warn: (...msg) => log.warn(join(msg)),
    error: (...msg) => log.error(join(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** auth.test once for the bot's own ids (mentions, ignoring itself); a failure is retried on the next event. */
function cachedAuthorize(client: webApi.WebClient, token: string): Authorize<boolean> {
  let ids: Promise<{ botUserId?: string; botId?: string }> | undefined;
  return async () => {
    ids ??= client.auth.test().then(
      (r) => ({ botUserId: r.user_id, botId: r.bot_id }),
      () => {
        ids = undefined;
        return {};
      },
    );
    return { botToken: token, ...(await ids) };
  };
}

/** Posts to a response_url, retrying a 429 or 5xx a few times; respond() itself does not retry. */
async function postResponse(url: string, body: object): Promise<void> {
  const { retries, minTimeout } = slackTuning.retryConfig;
  await retryTransient(
    async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.body?.cancel();
      if (!res.ok) {
        const after = res.headers.get('retry-after');
        throw new PlatformError(res.status, after ? Number(after) : undefined, `response_url answered ${res.status}`);
      }
    },
    { retries, baseMs: minTimeout },
  );
}

function parseValue(raw: string | undefined): ButtonValue | null {
  try {
    const v = JSON.parse(raw ?? '') as ButtonValue;
    return typeof v.p === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The paste kept for answer buttons when the input was a file: its evidence lines, already redacted by the core. */
const evidencePaste = (d: Diagnosis) => d.findings.flatMap((f) => f.evidence.map((e) => e.text)).join('\n');

export interface SlackApp {
  app: App;
  receiver?: HTTPReceiver;
}

export function createSlackApp(ctx: AppContext): SlackApp {
  const { config } = ctx;
  const token = config.SLACK_BOT_TOKEN ?? '';
  const logger = boltLogger(ctx);
  const clientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: slackTuning.retryConfig,
    logger,
  };
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events', logger });
  // Bolt authorizes before a command can ack, so auth.test must fail fast rather than retry for seconds.
  const authClient = new webApi.WebClient(token, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 2000,
  });
  const app = new App({
    authorize: cachedAuthorize(authClient, token),
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.SLACK_APP_TOKEN }),
  });
  const pastes = new PasteStore();
  const answered = new TtlLru<true>(10_000, 60 * 60 * 1000);
  const autoChannels = new Set(config.SLACK_AUTO_REPLY_CHANNELS);
  const hosts = fileHosts(config.SLACK_API_URL);
  const maxBytes = config.maxUploadBytes;
  const log = ctx.logger.child({ component: 'slack' });

  app.error(async (err) => {
    log.error({ err: { message: err.message, code: (err as { code?: string }).code } }, 'slack handler failed');
  });

  async function diagnosePaste(text: string, options: { share?: boolean } = {}) {
    const d = await diagnoseText(text, { maxBytes });
    return { d, message: toBlockKit(d, { pasteId: pastes.put(redactText(text)), share: options.share }) };
  }

  async function slashDiagnose(text: string) {
    const { d, message } = await diagnosePaste(text, { share: true });
    log.info({ command: 'diagnose', findings: d.findings.length, secrets: d.secrets.length }, 'slash command');
    return message;
  }

  async function slashTenant(domainOrId: string) {
    return describeTenant(await lookupTenant(domainOrId, { enabled: config.TENANT_LOOKUP === 'on' }));
  }

  app.command('/mailhandler', async ({ command, ack }) => {
    const [sub = '', ...words] = command.text.trim().split(/\s+/);
    const rest = command.text.trim().slice(sub.length).trim();
    const verb = sub.toLowerCase();
    if ((verb === 'diagnose' && rest) || (verb === 'tenant' && words.length > 0)) {
      // Acknowledge first: Slack gives up after 3 seconds; the answer follows through response_url.
      await ack();
      let message: object;
      try {
        message = verb === 'diagnose' ? await slashDiagnose(rest) : { text: await slashTenant(words[0] ?? '') };
      } catch (err) {
        log.error({ err: { message: (err as Error).message }, command: verb }, 'slash command failed');
        message = { text: 'Sorry, something went wrong on my side while answering. Please try again in a minute.' };
      }
      await postResponse(command.response_url, { response_type: 'ephemeral', ...message });
    } else if (verb === 'tenant') {
      await ack({
        response_type: 'ephemeral',
        text: 'Give me a domain or tenant id: `/mailhandler tenant contoso.com`.',
      });
    } else if (verb === 'diagnose') {
      await ack({ response_type: 'ephemeral', text: HOW_TO });
    } else {
      // The word itself is never echoed: it may be a pasted token.
      const unknown = verb && verb !== 'help' ? "I don't know that command. " : '';
      await ack({ response_type: 'ephemeral', text: `${unknown}${HELP}` });
    }
  });

  /** Answers one user message (text and/or files) in its thread; `onlyIfConfident` is the auto-reply gate. */
  async function answerMessage(
    client: App['client'],
    where: { channel: string; thread_ts: string },
    text: string,
    files: SlackFile[],
    onlyIfConfident = false,
  ) {
    const post = (message: { text: string; blocks?: unknown[] }) =>
      client.chat.postMessage({ ...where, ...message } as Parameters<typeof client.chat.postMessage>[0]);
    // A screenshot next to a pasted error: answer the paste rather than complain about the picture.
    const readable = files.filter((f) => f.name === undefined || isLogFile(f));
    const logFiles = (readable.length > 0 || !text.trim() ? files : []).slice(0, slackTuning.filesPerMessage);
    if (logFiles.length === 0) {
      if (!text.trim()) return void (onlyIfConfident || (await post({ text: `${HOW_TO}\n\n${HELP}` })));
      const { d, message } = await diagnosePaste(text);
      if (onlyIfConfident && !shouldAutoReply(d)) return;
      log.info({ findings: d.findings.length, secrets: d.secrets.length, auto: onlyIfConfident }, 'message answered');
      return void (await post(message));
    }
    let posted = false;
    for (const file of logFiles) {
      const answer = await diagnoseSharedFile(client, file);
      if (typeof answer === 'string') {
        if (!onlyIfConfident) await post({ text: answer });
        posted ||= !onlyIfConfident;
        continue;
      }
      if (onlyIfConfident && !shouldAutoReply(answer)) continue;
      log.info({ findings: answer.findings.length, bytes: answer.input.bytes }, 'file answered');
      const name = (file.name ?? 'the file').replace(/[<>&*_`]/g, '');
      const message = toBlockKit(answer, { pasteId: pastes.put(evidencePaste(answer)) });
      await post({ ...message, text: `${name}: ${message.text}` });
      posted = true;
    }
    // The text beside the files is read too, so a secret typed there still gets the delete-and-rotate warning.
    if (!text.trim()) return;
    const { d, message } = await diagnosePaste(text);
    const secret = d.secrets.length > 0;
    // In a support channel a secret alone only earns a warning where the bot is already answering.
    const worth = onlyIfConfident ? shouldAutoReply(d) || (posted && secret) : secret || d.findings.length > 0;
    if (!worth) return;
    log.info(
      { findings: d.findings.length, secrets: d.secrets.length, auto: onlyIfConfident },
      'message text answered',
    );
    await post({ ...message, text: `Your message: ${message.text}` });
  }

  /** The diagnosis of one shared file, or a plain sentence saying why it could not be read. */
  async function diagnoseSharedFile(client: App['client'], shared: SlackFile): Promise<Diagnosis | string> {
    let file = shared;
    if (!file.url_private_download || file.name === undefined) {
      try {
        const info = await client.files.info({ file: file.id });
        file = { ...file, ...(info.file as SlackFile) };
      } catch (err) {
        log.warn({ err: { message: (err as Error).message } }, 'files.info failed');
        return 'Slack would not tell me about that file (the app may lack the files:read scope); share it again.';
      }
    }
    const name = (file.name ?? 'That file').replace(/[<>&*_`]/g, '');
    if (!isLogFile(file)) return `${name} is not a log I can read: share a .log, .txt or .gz file, or paste the error.`;
    if ((file.size ?? 0) > maxBytes) return `${name}: ${tooBig(maxBytes)}`;
    if (!file.url_private_download) return `Slack did not give me a download link for ${name}; share it again.`;
    try {
      const d = await diagnoseFile(downloadFile(file.url_private_download, token, hosts, maxBytes), { maxBytes });
      return d.input.binary ? `${name} is not a text log. ${d.notes[0] ?? ''}`.trim() : d;
    } catch (err) {
      if (err instanceof FileProblem) return `${name}: ${err.message}`;
      log.warn({ err: { message: (err as Error).message } }, 'file download failed');
      return `I could not read ${name} (${(err as Error).message.slice(0, 120)}). Share it again, or paste the ERROR lines.`;
    }
  }

  const stripMention = (text: string, botUserId: string | undefined) =>
    (botUserId ? text.replaceAll(`<@${botUserId}>`, '') : text.replace(/^\s*<@[A-Z0-9]+>/, '')).trim();

  app.event('app_mention', async ({ event, context, client }) => {
    // Slack re-sends an edited mention with `edited`; the original was already answered.
    if (event.bot_id || event.subtype || event.edited) return;
    // One answer per user message: retries and the twin `message` event carry the same channel and ts.
    if (!answered.claim(`${event.channel}:${event.ts}`, true)) return;
    const files = ((event as { files?: SlackFile[] }).files ?? []) as SlackFile[];
    const where = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
    await answerMessage(client, where, stripMention(event.text, context.botUserId), files);
  });

  app.message(async ({ message, context, client }) => {
    const m = message as {
      subtype?: string;
      bot_id?: string;
      channel: string;
      channel_type?: string;
      ts: string;
      thread_ts?: string;
      text?: string;
      files?: SlackFile[];
      edited?: unknown;
    };
    if (m.bot_id || m.edited || (m.subtype && m.subtype !== 'file_share')) return;
    const text = m.text ?? '';
    const dm = m.channel_type === 'im';
    if (!dm) {
      // An @mention is answered by app_mention; elsewhere only new top-level posts in support channels.
      if (context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
      if (!autoChannels.has(m.channel) || m.thread_ts || m.subtype) return;
    }
    if (!answered.claim(`${m.channel}:${m.ts}`, true)) return;
    const where = { channel: m.channel, thread_ts: m.thread_ts ?? m.ts };
    await answerMessage(client, where, stripMention(text, context.botUserId), m.files ?? [], !dm);
  });

  // Files are answered from the message that shares them, which says where the thread is.
  app.event('file_shared', async () => {});

  app.action<BlockAction<ButtonAction>>(/^mh_answer_/, async ({ ack, action, body }) => {
    await ack();
    const value = parseValue(action.value);
    const paste = value?.p ? pastes.get(value.p) : undefined;
    const url = body.response_url;
    if (!value?.a || paste === undefined) {
      return void (await postResponse(url, { response_type: 'ephemeral', replace_original: false, text: EXPIRED }));
    }
    const ephemeral = Boolean((body.container as { is_ephemeral?: boolean }).is_ephemeral);
    const { message } = await diagnosePaste(`${paste}\n${value.a}`, { share: ephemeral });
    await postResponse(url, { replace_original: true, ...message });
  });

  app.action<BlockAction<ButtonAction>>('mh_share', async ({ ack, action, body }) => {
    await ack();
    const value = parseValue(action.value);
    const paste = value?.p ? pastes.get(value.p) : undefined;
    if (paste === undefined) {
      return void (await postResponse(body.response_url, {
        response_type: 'ephemeral',
        replace_original: false,
        text: EXPIRED,
      }));
    }
    const d = await diagnoseText(paste, { maxBytes });
    const message = toBlockKit(d, { pasteId: pastes.put(paste) });
    await postResponse(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
  });

  // Link buttons still send an action; acknowledging it keeps Slack from showing a warning.
  app.action(/^mh_link_/, async ({ ack }) => ack());

  return { app, receiver };
}
