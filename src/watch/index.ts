import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import { forecastExpiry } from '../probe/expiry.js';
import type { FrontDoor } from '../server/frontdoor.js';
import { ExpiryReminders } from './expiry.js';
import { WatchState } from './state.js';
import { type Outlet, type WatchEvent, Watcher } from './watcher.js';

// The watcher as `npm start` runs it (WATCH_LOGS) and as `mailhandler-doctor watch` does: the same Watcher, the
// posts going to the outlets the wiring (src/app.ts) made from WATCH_SLACK_CHANNEL and WATCH_TEAMS_CHANNEL. Only the
// holder of the watch lease reads the logs and sends reminders: two replicas (or `watch` beside `npm start`) post once.

export interface WatchSettings {
  logs: string[];
  fromStart: boolean;
  onEvent?: (e: WatchEvent) => void;
}

export function createWatcher(ctx: AppContext, outlets: Outlet[], settings: WatchSettings): Watcher {
  const { config, logger, doctor, state } = ctx;
  const log = logger.child({ component: 'watch' });
  return new Watcher({
    logs: settings.logs,
    fromStart: settings.fromStart,
    repostHours: config.WATCH_REPOST_HOURS,
    maxPostsPerHour: config.WATCH_MAX_POSTS_PER_HOUR,
    pollMs: config.WATCH_POLL_MS,
    doctor,
    state: new WatchState(state),
    outlets,
    warn: (message, detail) => log.warn(detail, message),
    onEvent: (e) => {
      ctx.metrics.watched(e.event);
      settings.onEvent?.(e);
    },
    onPolled: (at) => ctx.metrics.polled(at),
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
    ctx.state,
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

/** The lease is held this long without renewal: a holder that dies is replaced within LEASE_MS + RENEW_MS. */
export const LEASE_MS = 15_000;
const RENEW_MS = 5_000;

/**
 * Watching as one of several replicas: the lease is tried now and every few seconds; whoever holds it runs the
 * watcher and the reminders, the others stand by. A holder that cannot renew (the shared store is down) stops once
 * its lease has run out, so two never watch at once.
 */
export class WatchDuty {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private watcher: Watcher | null = null;
  private stopReminders: (() => void) | null = null;
  private renewedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private turn: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly outlets: Outlet[],
    private readonly settings: WatchSettings,
    private readonly onChange: (holding: boolean) => void = () => {},
  ) {
    ctx.metrics.holding(false);
  }

  get holding(): boolean {
    return this.watcher !== null;
  }

  /** Tries the lease once (the first read is done before this resolves when it is had), then keeps at it. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => {
      this.turn = this.turn.then(() => this.renew());
    }, RENEW_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.turn;
    await this.standDown();
    await this.ctx.state.release('watch', this.holder).catch(() => {});
  }

  private async renew() {
    if (this.stopped) return;
    let held: boolean;
    try {
      held = await this.ctx.state.lease('watch', this.holder, LEASE_MS);
    } catch {
      // Not known either way: keep watching only while the lease we had is surely still ours.
      held = this.holding && Date.now() - this.renewedAt < LEASE_MS - RENEW_MS;
    }
    if (held && this.watcher === null) {
      this.renewedAt = Date.now();
      this.watcher = createWatcher(this.ctx, this.outlets, this.settings);
      this.stopReminders = startExpiryReminders(this.ctx, this.outlets);
      await this.watcher.start();
      this.ctx.metrics.holding(true);
      this.onChange(true);
    } else if (held) {
      this.renewedAt = Date.now();
    } else await this.standDown();
  }

  private async standDown() {
    if (!this.watcher) return;
    const watcher = this.watcher;
    this.watcher = null;
    this.stopReminders?.();
    this.stopReminders = null;
    await watcher.stop();
    this.ctx.metrics.holding(false);
    this.onChange(false);
  }
}

/** The watcher inside the server: started and stopped with it, and said in the banner. */
export function watchFrontDoor(ctx: AppContext, outlets: Outlet[]): FrontDoor {
  const { config } = ctx;
  const log = ctx.logger.child({ component: 'watch' });
  const duty = new WatchDuty(
    ctx,
    outlets,
    { logs: config.WATCH_LOGS, fromStart: config.WATCH_FROM_START === 'on' },
    (holding) =>
      log.info({ holder: duty.holder }, holding ? 'took the watch lease: watching' : 'gave the watch lease up'),
  );
  const where = outlets.map((o) => o.name).join(' and ') || 'nowhere (set WATCH_SLACK_CHANNEL or WATCH_TEAMS_CHANNEL)';
  return {
    name: 'Watch',
    routes: [],
    status: `Watch: ${config.WATCH_LOGS.join(', ')} → ${where} (one replica at a time, by lease)`,
    start: () => duty.start(),
    stop: () => duty.stop(),
  };
}
