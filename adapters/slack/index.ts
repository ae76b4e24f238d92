import type { AppContext, FrontDoor } from '../../src/chat/index.js';
import { createSlackApp } from './app.js';
import { SocketModeConnector } from './connector.js';

export { toBlockKit } from './blocks.js';

const OFF =
  'Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode); see docs/slack.md';

/** Slack signs requests with their send time; more than five minutes off either way, they are refused. */
const MAX_SKEW_SECONDS = 5 * 60;

export function timestampFromFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS;
}

/** Slack's way in: HTTP mode adds POST /slack/events to the shared server; Socket Mode connects out on start(). */
export function slackFrontDoor(ctx: AppContext): FrontDoor {
  const { config } = ctx;
  if (!config.SLACK_BOT_TOKEN) return { name: 'Slack', routes: [], status: OFF };
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    // loadConfig already refuses this; kept so the front door never starts unverified.
    throw new Error(
      'SLACK_SIGNING_SECRET is required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  const { app, receiver, socket } = createSlackApp(ctx);
  if (receiver) {
    return {
      name: 'Slack',
      routes: [
        {
          method: 'POST',
          path: '/slack/events',
          handler: (req, res) => {
            // Bolt refuses requests older than five minutes; one dated more than five minutes ahead is refused here,
            // so a captured request cannot be replayed later by signing it with a future time.
            if (timestampFromFuture(req.headers['x-slack-request-timestamp'], Date.now())) {
              res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
              return void res.end('The request is dated in the future.');
            }
            return receiver.requestListener(req, res);
          },
        },
      ],
      status: "Slack: on (HTTP mode) — point the app's Request URLs at https://<your host>/slack/events",
    };
  }
  if (!socket) throw new Error('Slack: neither HTTP mode nor Socket Mode is configured.');
  const connector = new SocketModeConnector(app, socket, ctx.logger.child({ component: 'slack' }));
  return {
    name: 'Slack',
    routes: [],
    status: 'Slack: on (Socket Mode; connecting in the background, see /readyz)',
    start: async () => connector.begin(),
    stop: () => connector.stop(),
    readiness: () => connector.readiness(),
  };
}
