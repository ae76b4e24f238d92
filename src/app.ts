import type { AddressInfo } from 'node:net';
import { slackFrontDoor, toBlockKit } from '../adapters/slack/index.js';
import { teamsFrontDoor, toAdaptiveCard } from '../adapters/teams/index.js';
import { apiFrontDoor } from './api/index.js';
import { type Config, loadConfig } from './config.js';
import { createContext } from './context.js';
import { createLogger, type Logger } from './logger.js';
import { playgroundFrontDoor } from './playground/index.js';
import { reportFrontDoor } from './report/index.js';
import type { FrontDoor } from './server/frontdoor.js';
import { createAppServer } from './server/index.js';
import { tenantFrontDoor } from './tenant/index.js';

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

/** Builds every front door from the environment and starts the one HTTP server. Used by `npm start` and the tests. */
export async function startApp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<RunningApp> {
  const config = loadConfig(env);
  const ctx = createContext(config, logger ?? createLogger(config.LOG_LEVEL));
  const frontDoors = [
    apiFrontDoor(ctx),
    // The preview shows exactly what the chat apps would send, so it gets their own renderers.
    playgroundFrontDoor(ctx, { slack: (d) => toBlockKit(d), teams: (d) => toAdaptiveCard(d) }),
    slackFrontDoor(ctx),
    teamsFrontDoor(ctx),
    tenantFrontDoor(ctx),
    reportFrontDoor(ctx),
  ];
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
      ctx.learner.close();
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
      ctx.learner.close();
    },
  };
}
