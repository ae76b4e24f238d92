import type { AddressInfo } from 'node:net';
import { slackFrontDoor, toBlockKit } from '../adapters/slack/index.js';
import { teamsFrontDoor, toAdaptiveCard } from '../adapters/teams/index.js';
import { apiFrontDoor } from './api/index.js';
import { type Config, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { createDoctor } from './doctor.js';
import { createLogger, type Logger } from './logger.js';
import { playgroundFrontDoor } from './playground/index.js';
import type { FrontDoor } from './server/frontdoor.js';
import { createAppServer } from './server/index.js';
import { tenantFrontDoor } from './tenant/index.js';

// The wiring: the only file that knows every front door, the adapters included.

export interface RunningApp {
  url: string;
  config: Config;
  frontDoors: FrontDoor[];
  close(): Promise<void>;
}

/** Builds every front door from the environment and starts the one HTTP server. Used by `npm start` and the tests. */
export async function startApp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<RunningApp> {
  const config = loadConfig(env);
  const ctx: AppContext = {
    config,
    logger: logger ?? createLogger(config.LOG_LEVEL),
    doctor: createDoctor({ tenantLookup: config.TENANT_LOOKUP === 'on' }),
  };
  const frontDoors = [
    apiFrontDoor(ctx),
    // The preview shows exactly what the chat apps would send, so it gets their own renderers.
    playgroundFrontDoor(ctx, { slack: (d) => toBlockKit(d), teams: (d) => toAdaptiveCard(d) }),
    slackFrontDoor(ctx),
    teamsFrontDoor(ctx),
    tenantFrontDoor(ctx),
  ];
  const server = createAppServer(ctx.logger, frontDoors, config.ALLOWED_HOSTS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  for (const door of frontDoors) await door.start?.();
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    config,
    frontDoors,
    async close() {
      for (const door of frontDoors) await door.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
