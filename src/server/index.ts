import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Diagnosis } from '../core/index.js';
import { diagnoseFile, diagnoseText } from '../diagnosis-service.js';
import { renderMarkdown, renderText } from '../render/index.js';
import type { AppContext, FrontDoor, Route } from './frontdoor.js';
import { HttpError, limitedBody, mediaType, readJsonText, sendJson } from './http.js';

const VERSION = '0.1.0';

const Format = z.enum(['json', 'text', 'markdown']).catch('json');

function sendDiagnosis(res: ServerResponse, format: string | null, diagnosis: Diagnosis) {
  const f = Format.parse(format ?? 'json');
  if (f === 'json') return sendJson(res, 200, diagnosis);
  const body = f === 'text' ? renderText(diagnosis) : renderMarkdown(diagnosis);
  res.writeHead(200, { 'content-type': `text/${f === 'text' ? 'plain' : 'markdown'}; charset=utf-8` });
  res.end(body);
}

function coreRoutes({ config }: AppContext): Route[] {
  return [
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok', version: VERSION }) },
    {
      method: 'POST',
      path: '/api/diagnose',
      handler: async (req, res) => {
        const format = new URL(req.url ?? '/', 'http://x').searchParams.get('format');
        if (mediaType(req) === 'application/json') {
          const text = await readJsonText(req, config.maxUploadBytes);
          return sendDiagnosis(res, format, await diagnoseText(text, { maxBytes: config.maxUploadBytes }));
        }
        // Anything else is the log itself (text/plain, application/octet-stream, gzip), streamed with bounded memory.
        // maxBytes also caps what a small gzip body unpacks to.
        const diagnosis = await diagnoseFile(limitedBody(req, config.maxUploadBytes), {
          maxBytes: config.maxUploadBytes,
        });
        return sendDiagnosis(res, format, diagnosis);
      },
    },
  ];
}

function match(routes: Route[], req: IncomingMessage): Route | 'wrong-method' | undefined {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const hits = routes.filter((r) => (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path));
  if (hits.length === 0) return undefined;
  return hits.find((r) => r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) ?? 'wrong-method';
}

/** The one HTTP server: the JSON API plus whatever the front doors add (playground, Slack, Teams, tenant look-up). */
export function createAppServer(ctx: AppContext, frontDoors: FrontDoor[] = []): Server {
  const routes = [...coreRoutes(ctx), ...frontDoors.flatMap((d) => d.routes)];
  return createServer(async (req, res) => {
    const started = performance.now();
    const route = match(routes, req);
    try {
      if (route === undefined) throw new HttpError(404, 'Not found. Try POST /api/diagnose or GET /healthz.');
      if (route === 'wrong-method') throw new HttpError(405, 'Method not allowed.');
      await route.handler(req, res);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500)
        ctx.logger.error({ err: { message: (err as Error).message }, path: req.url }, 'request failed');
      // After refusing a body mid-upload the connection cannot be reused: tell the client so.
      if (status === 413 && !res.headersSent) res.setHeader('connection', 'close');
      if (!res.headersSent) {
        sendJson(res, status, { error: status === 500 ? 'Something went wrong on our side.' : (err as Error).message });
      } else {
        res.end();
      }
      // Stop reading a body we refused, but let the reply reach the client first.
      if (status === 413) req.resume();
    } finally {
      ctx.logger.debug(
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
