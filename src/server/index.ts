import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Busy } from '../limit.js';
import { errorInfo, type Logger } from '../logger.js';
import type { FrontDoor, Route } from './frontdoor.js';
import { browserRefusal, HttpError, sendJson } from './http.js';

const VERSION = '0.1.0';

/** The process is alive; what is connected is each front door's business. */
const healthz: Route = {
  method: 'GET',
  path: '/healthz',
  handler: (_req, res) => sendJson(res, 200, { status: 'ok', version: VERSION }),
};

/**
 * Which front doors can take requests now: 200 when all can, 503 (with each door's line) when one cannot. A door
 * that answers without something shared (Redis down) makes it "degraded" but still 200: taking every replica out of
 * the load balancer at once would stop answers that do not need it.
 */
const readyz = (frontDoors: FrontDoor[]): Route => ({
  method: 'GET',
  path: '/readyz',
  handler: async (_req, res) => {
    const doors = await Promise.all(
      frontDoors.map(async (d) => ({
        name: d.name,
        ...((await d.readiness?.()) ?? { ready: true, detail: d.status }),
      })),
    );
    const ready = doors.every((d) => d.ready);
    const status = !ready ? 'not ready' : doors.some((d) => d.degraded) ? 'degraded' : 'ready';
    sendJson(res, ready ? 200 : 503, { status, doors });
  },
});

function match(routes: Route[], req: IncomingMessage): Route | 'wrong-method' | undefined {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const hits = routes.filter((r) => (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path));
  if (hits.length === 0) return undefined;
  return hits.find((r) => r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) ?? 'wrong-method';
}

/**
 * Holds an answer given before the request body was read (a binary file known from its first bytes, a 503) until
 * the rest of the body has been read and dropped, up to `limit` bytes. Sent at once, it would let Node close the
 * connection under a client still sending (a Connection: close client gets EPIPE; the playground saw a reset).
 * A body half-read through an async iterator has a 'readable' listener, which stops `resume()`, so this reads on
 * 'readable'. Returns the plain `end`, for an answer that must go now (a body over the limit is never read).
 */
function answerAfterBody(req: IncomingMessage, res: ServerResponse, limit: number): ServerResponse['end'] {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (req.complete || req.destroyed) return end(...args);
    let seen = 0;
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      end(...args);
    };
    const drop = () => {
      for (let chunk: Buffer | null = req.read(); chunk !== null; chunk = req.read()) {
        seen += chunk.length;
        if (seen > limit) {
          // Too much to read for nothing: answer and hang up.
          res.setHeader('connection', 'close');
          send();
          return void req.destroy();
        }
      }
    };
    req.on('readable', drop);
    req.once('end', send);
    req.once('close', send);
    drop();
    return res;
  }) as ServerResponse['end'];
  return end as ServerResponse['end'];
}

export interface ServerOptions {
  frontDoors?: FrontDoor[];
  /** Host names the browser-facing routes answer to, beyond loopback (ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** How much of an unread body is read and dropped after an early answer (the upload limit). */
  drainBytes?: number;
}

/** The one HTTP server: /healthz plus the routes of every front door (API, playground, Slack, Teams, tenant). */
export function createAppServer(logger: Logger, options: ServerOptions = {}): Server {
  const { frontDoors = [], allowedHosts = [], drainBytes = 256 * 1024 * 1024 } = options;
  const routes = [healthz, readyz(frontDoors), ...frontDoors.flatMap((d) => d.routes)];
  return createServer(async (req, res) => {
    const started = performance.now();
    // Every answer is JSON, text or a page the server made: no browser may guess another type from its bytes.
    res.setHeader('x-content-type-options', 'nosniff');
    const endNow = answerAfterBody(req, res, drainBytes);
    const route = match(routes, req);
    try {
      if (route === undefined) throw new HttpError(404, 'Not found. Try POST /api/diagnose or GET /healthz.');
      if (route === 'wrong-method') throw new HttpError(405, 'Method not allowed.');
      const refusal = route.browser ? browserRefusal(req, allowedHosts) : null;
      if (refusal) throw refusal;
      await route.handler(req, res);
    } catch (err) {
      if (err instanceof Busy && !res.headersSent) {
        res.setHeader('retry-after', String(err.retryAfterSeconds));
        sendJson(res, 503, { error: err.message });
        return;
      }
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger.error({ ...errorInfo(err), path: req.url?.split('?')[0] }, 'request failed');
      // A body over the limit is not read to its end: answer now, and the connection cannot be reused.
      if (status === 413 && !req.complete) {
        res.end = endNow;
        if (!res.headersSent) res.setHeader('connection', 'close');
      }
      if (!res.headersSent) {
        sendJson(res, status, { error: status === 500 ? 'Something went wrong on our side.' : (err as Error).message });
      } else {
        res.end();
      }
    } finally {
      logger.debug(
        {
          method: req.method,
          path: req.url?.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  });
}
