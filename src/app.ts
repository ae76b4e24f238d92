import type { AddressInfo } from 'node:net';
import { slackFrontDoor, toBlockKit } from '../adapters/slack/index.js';
import { slackWatchOutlet } from '../adapters/slack/watch.js';
import { teamsFrontDoor, toAdaptiveCard } from '../adapters/teams/index.js';
import type { Proactive } from '../adapters/teams/watch.js';
import { teamsWatchOutlet } from '../adapters/teams/watch.js';
import { apiFrontDoor } from './api/index.js';
import { type Config, loadConfig } from './config.js';
import { type AppContext, createContext } from './context.js';
import { createLogger, type Logger } from './logger.js';
import { opsFrontDoor } from './ops/index.js';
import { playgroundFrontDoor } from './playground/index.js';
import { reportFrontDoor } from './report/index.js';
import type { FrontDoor } from './server/frontdoor.js';
import { createAppServer } from './server/index.js';
import { tenantFrontDoor } from './tenant/index.js';
import { watchFrontDoor } from './watch/index.js';
import { WatchState } from './watch/state.js';
import type { Outlet } from './watch/watcher.js';

// The wiring: the only file that knows every front door, the adapters included.

export interface RunningApp {
  url: string;
  config: Config;
  frontDoors: FrontDoor[];
  logger: Logger;
  /** Starts the scan workers now rather than on the first big log. */
  warm(): void;
  /** Stops at once: for tests. */
  close(): Promise<void>;
  /** Stops taking requests, lets the ones in flight finish for up to `graceMs`, then closes everything. */
  shutdown(graceMs: number): Promise<void>;
}

/** Where the watcher posts: WATCH_SLACK_CHANNEL through the Slack bot, WATCH_TEAMS_CHANNEL through the Teams bot. */
export function watchOutlets(
  ctx: AppContext,
  channels: { slack?: string; teams?: string } = {},
  proactive?: Proactive,
): Outlet[] {
  const { config } = ctx;
  const outlets: Outlet[] = [];
  const slack = channels.slack ?? config.WATCH_SLACK_CHANNEL;
  const teams = channels.teams ?? config.WATCH_TEAMS_CHANNEL;
  if (slack && config.SLACK_BOT_TOKEN) {
    outlets.push(slackWatchOutlet({ token: config.SLACK_BOT_TOKEN, channel: slack, apiUrl: config.SLACK_API_URL }));
  }
  if (teams) {
    const send = proactive ?? teamsFrontDoor(ctx).proactive;
    const referenceOf = (channel: string) => new WatchState(ctx.state).teamsChannel(channel);
    outlets.push(teamsWatchOutlet({ channel: teams, referenceOf, proactive: send }));
  }
  return outlets;
}

/** Builds every front door from the environment and starts the one HTTP server. Used by `npm start` and the tests. */
export async function startApp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<RunningApp> {
  const config = loadConfig(env);
  const text = config.LOG_FORMAT === 'text' ? { prefix: 'mailhandler-doctor' } : undefined;
  const ctx = createContext(config, logger ?? createLogger(config.LOG_LEVEL, 1, text));
  // Replicas must not answer before they can claim what they answer: Redis is waited for (briefly) before listening.
  await ctx.state.connected(10_000);
  const teams = teamsFrontDoor(ctx);
  const frontDoors = [
    apiFrontDoor(ctx),
    // The preview shows exactly what the chat apps would send, so it gets their own renderers.
    playgroundFrontDoor(ctx, { slack: (d) => toBlockKit(d), teams: (d) => toAdaptiveCard(d) }),
    slackFrontDoor(ctx),
    teams,
    tenantFrontDoor(ctx),
    reportFrontDoor(ctx),
    opsFrontDoor(ctx),
  ];
  if (config.WATCH_LOGS.length > 0) frontDoors.push(watchFrontDoor(ctx, watchOutlets(ctx, {}, teams.proactive)));
  const server = createAppServer(ctx.logger, {
    frontDoors,
    allowedHosts: config.ALLOWED_HOSTS,
    drainBytes: config.maxUploadBytes,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  for (const door of frontDoors) await door.start?.();
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    config,
    frontDoors,
    logger: ctx.logger,
    warm: () => ctx.doctor.warm(),
    async close() {
      for (const door of frontDoors) await door.stop?.();
      server.closeAllConnections();
      server.close();
      await closed;
      await ctx.doctor.close();
      await ctx.state.close();
    },
    async shutdown(graceMs: number) {
      server.close();
      // A kept-alive connection becomes idle once its answer is out; close each as it does.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([closed, grace]);
      clearInterval(sweep);
      server.closeAllConnections();
      for (const door of frontDoors) await door.stop?.();
      await closed;
      await ctx.doctor.close();
      await ctx.state.close();
    },
  };
}
