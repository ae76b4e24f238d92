import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import type { Report } from '../learn/learner.js';
import { parseSince, SinceError, unknownAsCase } from '../learn/report-text.js';
import { CSP } from '../playground/index.js';
import type { FrontDoor } from '../server/frontdoor.js';
import { HttpError, sendJson } from '../server/http.js';

// The report of what this install learnt: GET /report (a page), GET /api/report (JSON), and each unknown paste as a
// corpus case ready to label (GET /api/report/unknowns/<shape>.txt). Browser-facing, so Host and Origin are checked.

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

function sendPage(res: ServerResponse, type: string, body: string) {
  res.writeHead(200, {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-cache',
  });
  res.end(body);
}

export function reportFrontDoor({ learner }: AppContext): FrontDoor {
  const page = asset('report.html');
  const script = asset('report.js');
  return {
    name: 'Report',
    status: learner.on ? '' : 'Learning: off (LEARN=off); /report says so and nothing is kept',
    routes: [
      { method: 'GET', path: '/report', browser: true, handler: (_req, res) => sendPage(res, 'text/html', page) },
      {
        method: 'GET',
        path: '/report/report.js',
        browser: true,
        handler: (_req, res) => sendPage(res, 'text/javascript', script),
      },
      {
        method: 'GET',
        path: '/api/report',
        browser: true,
        handler: async (req, res) => {
          let since: number;
          try {
            since = parseSince(new URL(req.url ?? '/', 'http://x').searchParams.get('since'));
          } catch (err) {
            throw err instanceof SinceError ? new HttpError(400, err.message) : err;
          }
          const report: Report & { learning: boolean } = {
            ...(await learner.report({ days: since })),
            learning: learner.on,
          };
          res.setHeader('cache-control', 'no-store');
          sendJson(res, 200, report);
        },
      },
      {
        method: 'GET',
        path: '/api/report/unknowns/*',
        browser: true,
        handler: async (req, res) => {
          const name = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '';
          const shape = /^([0-9a-f]{16})\.txt$/.exec(name)?.[1];
          const unknown = shape ? await learner.unknown(shape) : null;
          if (!unknown) throw new HttpError(404, 'No such unknown paste (it may have aged out; see LEARN_DAYS).');
          res.writeHead(200, {
            'content-type': 'text/plain; charset=utf-8',
            'content-disposition': `attachment; filename="unknown-${shape}.txt"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          });
          res.end(unknownAsCase(unknown));
        },
      },
    ],
  };
}
