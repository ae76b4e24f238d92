import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { type AppContext, type FrontDoor, HttpError, mediaType, readBody, sendJson } from '../../src/chat/index.js';
import { TeamsBot } from './bot.js';
import { createProcessor } from './sdk.js';
import { signInCheck } from './signin.js';
import type { Proactive } from './watch.js';

// The Teams bot's way in: POST /api/messages on the shared server. With credentials the Bot Framework authenticates
// every request; without them (local trial) it answers only local programs that ask it to reply to this machine.

/** Teams activities are small (a message is capped near 28 KB); anything much bigger is not from Teams. */
const ACTIVITY_LIMIT = 1024 * 1024;

/** A loopback host as Node reports it: 127.0.0.0/8, ::1, or 127.x written as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.replace(/^::ffff:/i, '');
  if (isIP(ip) === 4) return ip.startsWith('127.');
  return ip === '::1';
}

/**
 * True for a plainly written http(s) URL on this machine. Anything another parser might read differently (a
 * backslash, user info, a non-canonical host such as 0x7f.1 or [::ffff:127.0.0.1], a query) is refused.
 */
export function isLoopbackUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string' || /[\\@\s?#]/.test(serviceUrl) || !URL.canParse(serviceUrl)) return false;
  const url = new URL(serviceUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!serviceUrl.toLowerCase().startsWith(`${url.protocol}//${url.host}`)) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Why a local-trial request is refused, or undefined: only a program on this machine, never a web page, may drive it. */
function localTrialRefusal(req: IncomingMessage): [status: number, reason: string] | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return [403, 'caller not on this machine'];
  // Browsers send these and programs such as the Agents Playground do not; a web page must not reach the bot.
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined) return [403, 'browser request'];
  // A cross-site form or text/plain fetch needs no CORS preflight; application/json does.
  if (mediaType(req) !== 'application/json') return [415, 'not application/json'];
  return undefined;
}

export interface TeamsFrontDoor extends FrontDoor {
  /** Resolves once every turn started so far has finished sending its replies (tests wait on it). */
  idle(): Promise<void>;
  /** Sends where the bot is not answering anyone (the watcher's posts). */
  proactive: Proactive;
}

export { toAdaptiveCard } from './card.js';

export function teamsFrontDoor(ctx: AppContext): TeamsFrontDoor {
  const authenticated = Boolean(ctx.config.MicrosoftAppId);
  const processor = createProcessor(ctx, new TeamsBot(ctx));
  const signIn = signInCheck(ctx);
  return {
    name: 'Teams',
    readiness: () => signIn.readiness(),
    status: authenticated
      ? `Teams: POST /api/messages (app ${ctx.config.MicrosoftAppId}, ${ctx.config.MicrosoftAppType}; every request authenticated)`
      : 'Teams: local trial on POST /api/messages (answers only clients on this machine, e.g. the Agents Playground); set MicrosoftAppId and MicrosoftAppPassword for Teams itself; see docs/teams.md',
    idle: processor.idle,
    stop: processor.idle,
    proactive: processor.proactive,
    routes: [
      {
        method: 'POST',
        path: '/api/messages',
        handler: async (req, res) => {
          // Refused here rather than in the SDK, which would print a stack trace for every anonymous probe.
          if (authenticated && !req.headers.authorization) {
            return sendJson(res, 401, { error: 'This endpoint only accepts requests signed by the Bot Framework.' });
          }
          const refusal = authenticated ? undefined : localTrialRefusal(req);
          if (refusal) {
            ctx.logger.warn({ reason: refusal[1] }, 'teams request refused in local-trial mode');
            return sendJson(res, refusal[0], {
              error:
                'This bot has no MicrosoftAppId, so it only answers JSON activities from programs on this machine (local trial).',
            });
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
          await processor.process(activity, req.headers, res);
        },
      },
    ],
  };
}
