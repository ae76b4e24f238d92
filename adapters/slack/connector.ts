import type { App, SocketModeReceiver } from '@slack/bolt';
import type { AppContext, Readiness } from '../../src/chat/index.js';
import { errorInfo } from '../../src/chat/index.js';

// Socket Mode connects out to Slack. Slack may be unreachable at start or later (an outage, a proxy, DNS): the rest
// of the server keeps serving while this keeps trying, with a growing pause, and says where it stands (/readyz).
// The socket client's own reconnecting is off (app.ts): when its retry fails it rejects where nobody listens and
// stops for good, so this one loop does all the trying.

export const connectorTuning = { firstRetryMs: 1000, maxRetryMs: 60_000 };

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'TLS certificate expired (a proxy?)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted (a proxy?)',
};
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'account_inactive',
  'not_allowed_token_type',
]);

/** Why a connect failed, in a few words an operator can act on ("fetch failed" alone says nothing). */
export function reasonOf(err: unknown): string {
  const slackCode = (err as { data?: { error?: unknown } })?.data?.error;
  if (typeof slackCode === 'string') {
    return BAD_TOKEN.has(slackCode)
      ? `Slack refused the app token (${slackCode}): check SLACK_APP_TOKEN, an app-level token with connections:write`
      : `Slack answered ${slackCode}`;
  }
  // The network error sits a level or two down: WebAPIRequestError.original, then fetch's cause.
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK[code]) return `${NETWORK[code]} (${code})`;
    e = (e as { original?: unknown; cause?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return errorInfo(err).err.message;
}

export class SocketModeConnector {
  private state: Readiness = { ready: false, detail: 'Slack: connecting (Socket Mode)' };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private connecting = false;
  private failures = 0;

  constructor(
    private readonly app: App,
    private readonly socket: SocketModeReceiver,
    private readonly log: AppContext['logger'],
  ) {
    // The link dropped after it was up (Slack recycles its end now and then; a network blip): connect again.
    socket.client.on('disconnected', () => {
      if (this.stopped || this.connecting) return;
      this.state = { ready: false, detail: 'Slack: connection lost; reconnecting' };
      this.log.warn('slack connection lost; reconnecting');
      this.retryLater(0);
    });
  }

  readiness(): Readiness {
    return this.state;
  }

  /** Starts connecting and returns at once: a Slack that is down never holds up (or takes down) the server. */
  begin(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.socket.client.disconnect().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.connecting = true;
    try {
      await this.app.start();
      this.failures = 0;
      this.state = { ready: true, detail: 'Slack: connected (Socket Mode)' };
      this.log.info('slack connected (socket mode)');
    } catch (err) {
      if (this.stopped) return;
      const wait = Math.min(connectorTuning.maxRetryMs, connectorTuning.firstRetryMs * 2 ** this.failures++);
      const why = reasonOf(err);
      this.state = { ready: false, detail: `Slack: reconnecting in ${Math.ceil(wait / 1000)} s, last error: ${why}` };
      this.log.warn({ ...errorInfo(err), retryInMs: wait }, 'slack could not connect; the rest keeps serving');
      this.retryLater(wait);
    } finally {
      this.connecting = false;
    }
  }

  private retryLater(ms: number) {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, ms);
    this.timer.unref();
  }
}
