import { createServer, type IncomingMessage, type Server } from 'node:http';
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

function match(routes: Route[], req: IncomingMessage): Route | 'wrong-method' | undefined {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const hits = routes.filter((r) => (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path));
  if (hits.length === 0) return undefined;
  return hits.find((r) => r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) ?? 'wrong-method';
}

/** The one HTTP server: /healthz plus the routes of every front door (API, playground, Slack, Teams, tenant). */
export function createAppServer(
  logger: Logger,
  frontDoors: FrontDoor[] = [],
  allowedHosts: readonly string[] = [],
): Server {
  const routes = [healthz, ...frontDoors.flatMap((d) => d.routes)];
  return createServer(async (req, res) => {
    const started = performance.now();
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
        // The body was not read: the connection cannot be reused.
        res.setHeader('connection', 'close');
        sendJson(res, 503, { error: err.message });
        req.resume();
        return;
      }
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger.error({ ...errorInfo(err), path: req.url?.split('?')[0] }, 'request failed');
      // An answer sent before the body was read: the connection cannot be reused, so say so (and read the rest below).
      const unread = !req.complete;
      if (unread && !res.headersSent) res.setHeader('connection', 'close');
      if (!res.headersSent) {
        sendJson(res, status, { error: status === 500 ? 'Something went wrong on our side.' : (err as Error).message });
      } else {
        res.end();
      }
      // Drain what the client is still sending (up to the server's own limits) so it reads the answer, not a reset.
      if (unread) req.resume();
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
