import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Diagnosis } from '../core/index.js';
import { excerpt } from '../learn/excerpt.js';
import { recordAnswer } from '../learn/record.js';
import { renderMarkdown, renderText } from '../render/index.js';
import type { FrontDoor } from '../server/frontdoor.js';
import { limitedBody, mediaType, readJsonText, sendJson } from '../server/http.js';

// The JSON API: POST /api/diagnose with {"text"} or the log itself as the body.

const Format = z.enum(['json', 'text', 'markdown']).catch('json');

function sendDiagnosis(res: ServerResponse, format: string | null, diagnosis: Diagnosis) {
  const f = Format.parse(format ?? 'json');
  if (f === 'json') return sendJson(res, 200, diagnosis);
  const body = f === 'text' ? renderText(diagnosis) : renderMarkdown(diagnosis);
  res.writeHead(200, { 'content-type': `text/${f === 'text' ? 'plain' : 'markdown'}; charset=utf-8` });
  res.end(body);
}

/** The answer's id, for POST /api/feedback (absent with LEARN=off). */
const answered = (res: ServerResponse, id: string | undefined) => {
  if (id) res.setHeader('x-answer-id', id);
};

export function apiFrontDoor(ctx: AppContext): FrontDoor {
  const { config, doctor } = ctx;
  const maxBytes = config.maxUploadBytes;
  return {
    name: 'JSON API',
    status: '',
    routes: [
      {
        method: 'POST',
        path: '/api/diagnose',
        browser: true,
        handler: async (req, res) => {
          const format = new URL(req.url ?? '/', 'http://x').searchParams.get('format');
          if (mediaType(req) === 'application/json') {
            const text = await readJsonText(req, maxBytes);
            const { diagnosis: d, redacted } = await doctor.paste(text, { maxBytes });
            answered(res, await recordAnswer(ctx, 'api', d, redacted));
            return sendDiagnosis(res, format, d);
          }
          // Anything else is the log itself (text/plain, application/octet-stream, gzip), streamed with bounded
          // memory; maxBytes also caps what a small gzip body unpacks to.
          const body = excerpt(limitedBody(req, maxBytes));
          const d = await doctor.file(body.stream, { maxBytes });
          answered(res, await recordAnswer(ctx, 'api', d, body.text));
          return sendDiagnosis(res, format, d);
        },
      },
    ],
  };
}
