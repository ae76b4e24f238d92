import { isIP } from 'node:net';
import type { AppContext, FrontDoor } from '../../src/server/frontdoor.js';
import { HttpError, readBody, sendJson } from '../../src/server/http.js';
import { TeamsBot } from './bot.js';
import { createProcessor } from './sdk.js';

// The Teams bot's way in: POST /api/messages on the shared server. With credentials the Bot Framework authenticates
// every request; without them (local trial) it answers only activities that ask it to reply to this machine.

/** Teams activities are small (a message is capped near 28 KB); anything much bigger is not from Teams. */
const ACTIVITY_LIMIT = 1024 * 1024;

export function isLoopbackUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return false;
  const host = new URL(serviceUrl).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export function teamsFrontDoor(ctx: AppContext): FrontDoor {
  const authenticated = Boolean(ctx.config.MicrosoftAppId);
  const process = createProcessor(ctx, new TeamsBot(ctx));
  return {
    name: 'Teams',
    status: authenticated
      ? `Teams: POST /api/messages (app ${ctx.config.MicrosoftAppId}, ${ctx.config.MicrosoftAppType}; every request authenticated)`
      : 'Teams: local trial on POST /api/messages (answers only clients on this machine, e.g. the Agents Playground); set MicrosoftAppId and MicrosoftAppPassword for Teams itself; see docs/teams.md',
    routes: [
      {
        method: 'POST',
        path: '/api/messages',
        handler: async (req, res) => {
          // Refused here rather than in the SDK, which would print a stack trace for every anonymous probe.
          if (authenticated && !req.headers.authorization) {
            return sendJson(res, 401, { error: 'This endpoint only accepts requests signed by the Bot Framework.' });
          }
          let body: unknown;
          try {
            body = JSON.parse((await readBody(req, ACTIVITY_LIMIT)).toString('utf8'));
          } catch (err) {
            if (err instanceof HttpError) throw err;
            throw new HttpError(400, 'The body is not a JSON Bot Framework activity.');
          }
          if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw new HttpError(400, 'The body is not a JSON Bot Framework activity.');
          }
          const activity = body as Record<string, unknown>;
          if (!authenticated && !isLoopbackUrl(activity.serviceUrl)) {
            ctx.logger.warn(
              { type: activity.type },
              'teams activity refused: no credentials and a non-loopback serviceUrl',
            );
            return sendJson(res, 403, {
              error:
                'This bot has no MicrosoftAppId, so it only answers activities whose serviceUrl is on this machine (local trial).',
            });
          }
          await process(activity, req.headers, res);
        },
      },
    ],
  };
}
