import type { AddressInfo } from 'node:net';
import { slackFrontDoor } from '../adapters/slack/index.js';
import { teamsFrontDoor } from '../adapters/teams/index.js';
import { type Config, loadConfig } from './config.js';
import { setTenantLookupDefault } from './diagnosis-service.js';
import { createLogger, type Logger } from './logger.js';
import { playgroundFrontDoor } from './playground/index.js';
import type { AppContext, FrontDoor } from './server/frontdoor.js';
import { createAppServer } from './server/index.js';
import { tenantFrontDoor } from './tenant/index.js';

export interface RunningApp {
  url: string;
  config: Config;
  frontDoors: FrontDoor[];
  close(): Promise<void>;
}

/** Builds every front door from the environment and starts the one HTTP server. Used by `npm start` and the tests. */
export async function startApp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<RunningApp> {
  const config = loadConfig(env);
  setTenantLookupDefault(config.TENANT_LOOKUP === 'on');
  const ctx: AppContext = { config, logger: logger ?? createLogger(config.LOG_LEVEL) };
  const frontDoors = [playgroundFrontDoor, slackFrontDoor, teamsFrontDoor, tenantFrontDoor].map((make) => make(ctx));
  const server = createAppServer(ctx, frontDoors);
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
