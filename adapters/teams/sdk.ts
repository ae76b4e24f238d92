import type { ServerResponse } from 'node:http';
import {
  type Activity,
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
} from 'botbuilder';
import { type AppContext, errorInfo, retryTransient, sendJson } from '../../src/chat/index.js';
import type { TeamsBot } from './bot.js';
import type { Reply } from './card.js';
import type { Proactive } from './watch.js';

// The only file that knows the Bot Framework SDK: swapping in the Microsoft 365 Agents SDK (same Activity protocol,
// same CloudAdapter/TurnContext shape) touches nothing else.

export type ProcessActivity = (
  body: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
  res: ServerResponse,
) => Promise<void>;

export interface Processor {
  process: ProcessActivity;
  /** Resolves when every reply started so far has been sent (or has failed). */
  idle(): Promise<void>;
  /** Sends to a conversation the bot is not answering (the watcher's posts); the activity's id comes back. */
  proactive: Proactive;
}

/** The reference to keep for a channel the bot is in, so the watcher can post there later. */
function channelOf(activity: Partial<Activity>): { channel: string; reference: Record<string, unknown> } | null {
  const channel = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  if (activity.conversation?.conversationType !== 'channel' || !channel) return null;
  const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
  return { channel, reference };
}

const RETRIES = 3;
const MAX_WAIT_MS = 10_000;

/** How a failed connector call reads to the retry loop: the SDK throws errors with statusCode and the response. */
function connectorFailure(err: unknown) {
  const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  const after = Number(e.response?.headers?.get?.('retry-after'));
  return { status: e.statusCode ?? 0, retryAfter: Number.isFinite(after) ? after : undefined };
}

const toActivity = (r: Reply) => ({
  type: 'message',
  text: r.text,
  textFormat: 'markdown',
  attachments: r.card ? [CardFactory.adaptiveCard(r.card)] : [],
});

async function send(context: TurnContext, replies: Reply[]) {
  for (const r of replies) {
    const activity = toActivity(r);
    await retryTransient(
      // A clicked card is updated where it is; everything else is a new message in the thread.
      async () => (r.update ? context.updateActivity({ ...activity, id: r.update }) : context.sendActivity(activity)),
      { retries: RETRIES, baseMs: 250, maxMs: MAX_WAIT_MS },
      connectorFailure,
    );
  }
}

/**
 * botframework-connector writes every refused channel token to console.error: the channel's public keys, or a
 * jsonwebtoken stack trace. Each is an anonymous probe answered 401, so it becomes one debug log line instead.
 */
const SDK_TOKEN_NOISE = /^(?:Error finding key for token|TokenExpiredError|JsonWebTokenError|NotBeforeError)\b/;
let quietedFor: AppContext['logger'] | null = null;
function quietSdkTokenNoise(logger: AppContext['logger']) {
  if (quietedFor) {
    quietedFor = logger;
    return;
  }
  quietedFor = logger;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const first = args[0] instanceof Error ? `${args[0].name}: ${args[0].message}` : String(args[0] ?? '');
    if (!SDK_TOKEN_NOISE.test(first)) return print(...args);
    quietedFor?.debug({ reason: first.split(/[.:]/)[0] }, 'teams request with an unusable channel token');
  };
}

export function createProcessor(ctx: AppContext, bot: TeamsBot): Processor {
  quietSdkTokenNoise(ctx.logger);
  const { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId } = ctx.config;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId,
    MicrosoftAppPassword,
    // The local trial has no app at all, which the SDK only accepts as MultiTenant.
    MicrosoftAppType: MicrosoftAppId ? MicrosoftAppType : 'MultiTenant',
    MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    ctx.logger.error({ ...errorInfo(err), activity: context.activity.type }, 'teams turn failed');
    await context.sendActivity('Sorry, something went wrong on my side while reading that.').catch(() => {});
  };

  const pending = new Set<Promise<void>>();

  /**
   * Answers after the request is acknowledged: the Bot Service gives up on a request after 10-15 s, and a turn may
   * download a file and retry a busy connector. The reply goes out as a proactive message in the same thread.
   */
  function later(incoming: Partial<Activity>, work: () => Promise<Reply[]>) {
    const reference = TurnContext.getConversationReference(incoming);
    const job = adapter
      .continueConversationAsync(MicrosoftAppId ?? '', reference, async (context) => {
        // The continuation turn has an id of its own; replies must point at the user's message to stay in its thread.
        context.onSendActivities(async (_context, activities, next) => {
          for (const a of activities) a.replyToId = reference.activityId;
          return next();
        });
        await send(context, await work());
      })
      .catch((err: Error) => {
        ctx.metrics.sendFailed('teams');
        ctx.logger.error(errorInfo(err), 'teams reply failed');
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  /**
   * The watcher's channel (WATCH_TEAMS_CHANNEL), when the bot is added to it or mentioned there: its reference is
   * kept, so the watcher (here or `mailhandler-doctor watch`) may post there. No other channel is remembered.
   */
  const remember = async (activity: Partial<Activity>) => {
    const found = channelOf(activity);
    if (found) await bot.conversation.rememberChannel(found.channel, found.reference);
  };

  const handler = new ActivityHandler();
  handler.onMessage(async (context, next) => {
    const activity = context.activity;
    await remember(activity);
    later(activity, () => bot.message(activity));
    await next();
  });
  handler.onMembersAdded(async (context, next) => {
    const activity = context.activity;
    await remember(activity);
    // A redelivered "added" activity is greeted once, like a message is answered once (the conversation's claim).
    const id = activity.id ? `${activity.conversation?.id ?? ''}|${activity.id}` : undefined;
    if (id && !(await bot.conversation.firstTime(`added:${id}`))) return void (await next());
    later(activity, async () => bot.welcome(activity));
    await next();
  });

  const proactive: Proactive = async (reference, conversationId, work) => {
    const ref = { ...reference, conversation: { ...(reference.conversation as object), id: conversationId } };
    await adapter.continueConversationAsync(MicrosoftAppId ?? '', ref as never, async (context) => {
      await work({
        post: async (r) => (await context.sendActivity(toActivity(r)))?.id,
        update: async (r) => {
          await context.updateActivity({ ...toActivity(r), id: r.update });
        },
      });
    });
  };

  return {
    process: async (body, headers, res) => {
      const activity = body as unknown as Activity;
      let identity: Awaited<ReturnType<typeof auth.authenticateRequest>>;
      try {
        // Checked here so that every bad token (bad signature included, which the SDK calls a 500) is a quiet 401.
        identity = await auth.authenticateRequest(activity, String(headers.authorization ?? ''));
      } catch (err) {
        ctx.logger.warn(errorInfo(err), 'teams request not authenticated');
        return sendJson(res, 401, { error: 'This endpoint only accepts requests signed by the Bot Framework.' });
      }
      try {
        await adapter.processActivityDirect(identity, activity, (context) => handler.run(context));
      } catch (err) {
        // The SDK puts a whole stack in the message; its first line is enough.
        ctx.logger.error(errorInfo(err), 'teams activity failed');
        return sendJson(res, 500, { error: 'Something went wrong on our side.' });
      }
      res.writeHead(200).end();
    },
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    proactive,
  };
}
