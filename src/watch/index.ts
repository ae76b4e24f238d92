import type { AppContext } from '../context.js';
import { forecastExpiry } from '../probe/expiry.js';
import type { FrontDoor } from '../server/frontdoor.js';
import { ExpiryReminders } from './expiry.js';
import { WatchState } from './state.js';
import { type Outlet, type WatchEvent, Watcher } from './watcher.js';

// The watcher as `npm start` runs it (WATCH_LOGS) and as `mailhandler-doctor watch` does: the same Watcher, the
// posts going to the outlets the wiring (src/app.ts) made from WATCH_SLACK_CHANNEL and WATCH_TEAMS_CHANNEL.

export interface WatchSettings {
  logs: string[];
  fromStart: boolean;
  onEvent?: (e: WatchEvent) => void;
}

export function createWatcher(ctx: AppContext, outlets: Outlet[], settings: WatchSettings): Watcher {
  const { config, logger, doctor, store } = ctx;
  const log = logger.child({ component: 'watch' });
  return new Watcher({
    logs: settings.logs,
    fromStart: settings.fromStart,
    repostHours: config.WATCH_REPOST_HOURS,
    maxPostsPerHour: config.WATCH_MAX_POSTS_PER_HOUR,
    pollMs: config.WATCH_POLL_MS,
    doctor,
    state: new WatchState(store),
    outlets,
    warn: (message, detail) => log.warn(detail, message),
    onEvent: settings.onEvent,
  });
}

const EXPIRY_CHECK_MS = 12 * 60 * 60 * 1000;

/**
 * Reminders before the mail app's secret expires (EXPIRY_*), checked now and twice a day; returns how to stop them,
 * or null when they are not set up.
 */
export function startExpiryReminders(ctx: AppContext, outlets: Outlet[]): (() => void) | null {
  const { EXPIRY_TENANT: tenant, EXPIRY_CLIENT_ID: clientId, EXPIRY_CLIENT_SECRET: secret } = ctx.config;
  if (!tenant || !clientId || !secret) return null;
  const log = ctx.logger.child({ component: 'expiry' });
  const reminders = new ExpiryReminders(
    ctx.store,
    () => forecastExpiry({ tenant, clientId, secret, cloud: ctx.config.EXPIRY_CLOUD }),
    outlets,
    (message) => log.warn(message),
  );
  const check = () => void reminders.check();
  check();
  const timer = setInterval(check, EXPIRY_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The watcher inside the server: started and stopped with it, and said in the banner. */
export function watchFrontDoor(ctx: AppContext, outlets: Outlet[]): FrontDoor {
  const { config } = ctx;
  const watcher = createWatcher(ctx, outlets, { logs: config.WATCH_LOGS, fromStart: config.WATCH_FROM_START === 'on' });
  let stopReminders: (() => void) | null = null;
  const where = outlets.map((o) => o.name).join(' and ') || 'nowhere (set WATCH_SLACK_CHANNEL or WATCH_TEAMS_CHANNEL)';
  return {
    name: 'Watch',
    routes: [],
    status: `Watch: ${config.WATCH_LOGS.join(', ')} → ${where}`,
    start: async () => {
      stopReminders = startExpiryReminders(ctx, outlets);
      await watcher.start();
    },
    stop: async () => {
      stopReminders?.();
      await watcher.stop();
    },
  };
}
