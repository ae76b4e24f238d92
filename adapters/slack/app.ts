import { App, type Authorize, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { type AppContext, errorInfo } from '../../src/chat/index.js';
import { fileHosts } from './files.js';
import { registerListeners } from './listeners.js';
import { SlackReplies } from './reply.js';
import { slackTuning } from './respond.js';

// The Bolt app: its logger, authorization and receiver. What it listens for is in listeners.ts.

export { slackTuning } from './respond.js';

/** Pino behind the small logger interface Bolt and the Web API client expect; messages only, never payloads. */
function boltLogger(ctx: AppContext): Logger {
  const log = ctx.logger.child({ component: 'slack' });
  const join = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  // While Slack is unreachable every attempt makes the libraries say so twice more (one at error level); the
  // connector's own line says it once, with when it tries again, so theirs go to debug.
  const connecting = (text: string) => /^Failed to retrieve a new WSS URL|^http request failed\b/.test(text);
  const at =
    (level: 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const text = join(msg);
      if (connecting(text)) log.debug(text);
      else log[level](text);
    };
  return {
    // Library debug output carries raw payloads (Socket Mode frames, API results with file previews): never logged.
    debug: () => {},
    info: (...msg) => log.info(join(msg)),
    warn: at('warn'),
    error: at('error'),
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

export interface SlackApp {
  app: App;
  /** HTTP mode: Slack posts to /slack/events. */
  receiver?: HTTPReceiver;
  /** Socket Mode: the app connects out to Slack (see connector.ts). */
  socket?: SocketModeReceiver;
}

export function createSlackApp(ctx: AppContext): SlackApp {
  const { config } = ctx;
  const token = config.SLACK_BOT_TOKEN ?? '';
  const logger = boltLogger(ctx);
  const clientOptions = { slackApiUrl: config.SLACK_API_URL, retryConfig: slackTuning.retryConfig, logger };
  const receiver = config.SLACK_APP_TOKEN
    ? undefined
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events', logger });
  // Socket Mode: one try per connect, no retries of its own; connector.ts decides when to try again and says why.
  const socket = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger,
        autoReconnectEnabled: false,
        installerOptions: { clientOptions: { ...clientOptions, retryConfig: { retries: 0 }, timeout: 10_000 } },
      })
    : undefined;
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
    receiver: receiver ?? socket,
  });
  const log = ctx.logger.child({ component: 'slack' });
  app.error(async (err) => {
    log.error(errorInfo(err), 'slack handler failed');
  });
  registerListeners(app, {
    ctx,
    replies: new SlackReplies(ctx),
    token,
    fileHosts: fileHosts(config.SLACK_API_URL),
    autoChannels: new Set(config.SLACK_AUTO_REPLY_CHANNELS),
    log,
  });
  return { app, receiver, socket };
}
