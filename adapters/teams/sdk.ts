import type { ServerResponse } from 'node:http';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { AppContext } from '../../src/server/frontdoor.js';
import type { Reply, TeamsBot } from './bot.js';

// The only file that knows the Bot Framework SDK: swapping in the Microsoft 365 Agents SDK (same Activity protocol,
// same CloudAdapter/TurnContext shape) touches nothing else.

export type ProcessActivity = (
  body: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
  res: ServerResponse,
) => Promise<void>;

const RETRIES = 3;
const MAX_WAIT_MS = 10_000;

/** The connector answers 429 when a chat is busy and 5xx when it hiccups; both deserve another try, nothing else. */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
      const status = e.statusCode ?? 0;
      if (attempt >= RETRIES || (status !== 429 && status < 500)) throw err;
      const after = Number(e.response?.headers?.get?.('retry-after'));
      const wait = Number.isFinite(after) && after >= 0 ? after * 1000 : 250 * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_WAIT_MS)));
    }
  }
}

async function send(context: TurnContext, replies: Reply[]) {
  for (const r of replies) {
    await withRetry(() =>
      context.sendActivity({
        type: 'message',
        text: r.text,
        textFormat: 'markdown',
        attachments: r.card ? [CardFactory.adaptiveCard(r.card)] : [],
      }),
    );
  }
}

/** CloudAdapter wants an express-like response; this is the least of one over node:http. */
function expressLike(res: ServerResponse) {
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.setHeader(name, String(value)),
    status: (code: number) => {
      res.statusCode = code;
    },
    send: (body: unknown) => {
      if (body === undefined || res.writableEnded) return;
      const json = typeof body !== 'string';
      if (!res.headersSent) res.setHeader('content-type', json ? 'application/json' : 'text/plain; charset=utf-8');
      res.write(json ? JSON.stringify(body) : body);
    },
    end: () => {
      if (!res.writableEnded) res.end();
    },
  };
}

export function createProcessor(ctx: AppContext, bot: TeamsBot): ProcessActivity {
  const { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId } = ctx.config;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId,
    MicrosoftAppPassword,
    MicrosoftAppType,
    MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    ctx.logger.error({ err: { message: err.message }, activity: context.activity.type }, 'teams turn failed');
    await context.sendActivity('Sorry, something went wrong on my side while reading that.').catch(() => {});
  };

  const handler = new ActivityHandler();
  handler.onMessage(async (context, next) => {
    await send(context, await bot.message(context.activity));
    await next();
  });
  handler.onMembersAdded(async (context, next) => {
    await send(context, bot.welcome(context.activity));
    await next();
  });

  return (body, headers, res) =>
    adapter.process({ body, headers, method: 'POST' }, expressLike(res), (context) => handler.run(context));
}
