import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { APP_ID } from '../config-basics.js';
import type { AppContext } from '../context.js';
import { redactText } from '../core/index.js';
import { gunzip } from '../core/stream.js';
import { excerpt } from '../learn/excerpt.js';
import { keepPaste, recordFeedback } from '../learn/feedback.js';
import { recordAnswer } from '../learn/record.js';
import { runProbe } from '../probe/run.js';
import type { FrontDoor, Route } from '../server/frontdoor.js';
import { HttpError, JSON_LIMIT, limitedBody, mediaType, readBody, readJsonText } from '../server/http.js';
import { playgroundAnswer, type Renderers } from './preview.js';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

function send(res: ServerResponse, status: number, type: string, body: string, cache = 'no-cache') {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': cache,
  });
  res.end(body);
}

/** Answers hold text derived from the paste, so no cache may keep them. */
const sendAnswer = (res: ServerResponse, body: unknown) =>
  send(res, 200, 'application/json', JSON.stringify(body), 'no-store');

/** Splits the first `size` bytes (the paste box's text) off a streamed body; the rest is the file. */
async function splitPrefix(body: AsyncIterable<Buffer>, size: number) {
  const it = body[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let have = 0;
  let leftover: Buffer | undefined;
  while (have < size) {
    const next = await it.next();
    if (next.done) throw new HttpError(400, 'The body is shorter than its x-paste-bytes header says.');
    const chunk = next.value;
    const need = size - have;
    parts.push(chunk.subarray(0, need));
    if (chunk.length > need) leftover = chunk.subarray(need);
    have += Math.min(need, chunk.length);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (leftover) yield leftover;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { text: Buffer.concat(parts).toString('utf8'), rest: rest() };
}

/** The uploaded file, unpacked if gzip, then the paste box's text on a new line (in the file's own encoding). */
async function* fileThenText(file: AsyncIterable<Buffer>, text: string): AsyncGenerator<Buffer> {
  const it = file[Symbol.asyncIterator]();
  const first = await it.next();
  async function* all(): AsyncGenerator<Buffer> {
    if (first.done) return;
    yield first.value;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  const head = first.done ? Buffer.alloc(0) : first.value;
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const utf16 = !gzip && head[0] === 0xff && head[1] === 0xfe;
  if (gzip) yield* Readable.from(all()).pipe(gunzip()) as AsyncIterable<Buffer>;
  else yield* all();
  if (text) yield Buffer.from(`${head.length ? '\n' : ''}${text}`, utf16 ? 'utf16le' : 'utf8');
}

function previewRoute(ctx: AppContext, renderers: Renderers): Route {
  const { config, doctor } = ctx;
  return {
    method: 'POST',
    path: '/api/preview',
    browser: true,
    handler: async (req, res) => {
      if (mediaType(req) === 'application/json') {
        const text = await readJsonText(req, config.maxUploadBytes);
        const [{ diagnosis: d, redacted }, secretLines] = await Promise.all([
          doctor.paste(text, { maxBytes: config.maxUploadBytes }),
          doctor.secretLines(text),
        ]);
        const answerId = await recordAnswer(ctx, 'playground', d, redacted);
        return sendAnswer(res, playgroundAnswer(d, renderers, secretLines, answerId));
      }
      // Anything else is a log file, streamed; `x-paste-bytes` says how much of the body before it is the paste box.
      const size = Number(req.headers['x-paste-bytes'] ?? 0);
      if (!Number.isInteger(size) || size < 0 || size > JSON_LIMIT) {
        throw new HttpError(400, 'x-paste-bytes must be the byte length of the pasted text (up to 10 MB).');
      }
      const { text, rest } = await splitPrefix(limitedBody(req, config.maxUploadBytes), size);
      const file = excerpt(fileThenText(rest, text));
      const [d, secretLines] = await Promise.all([
        doctor.file(file.stream, { maxBytes: config.maxUploadBytes }),
        text ? doctor.secretLines(text) : [],
      ]);
      const answerId = await recordAnswer(ctx, 'playground', d, file.text);
      return sendAnswer(res, playgroundAnswer(d, renderers, secretLines, answerId));
    },
  };
}

const Feedback = z.object({
  answerId: z.string().uuid(),
  rule: z.string().regex(/^[a-z0-9-]{1,80}$/),
  verdict: z.enum(['fixed', 'not-it']),
  /** The browser's own random id (kept in its local storage): one verdict per person per answer. */
  person: z.string().min(8).max(80),
});
const Keep = z.object({ answerId: z.string().uuid() });

/**
 * A small JSON body checked against `schema`: 415 when it is not JSON by type, 413 past `limit` (from readBody), 400
 * when it does not parse, and `invalid`'s sentence (given the first field at fault) when it does not fit.
 */
async function readForm<T>(
  req: Parameters<Route['handler']>[0],
  schema: z.ZodType<T>,
  limit: number,
  invalid: (field: string) => string,
): Promise<T> {
  if (mediaType(req) !== 'application/json') throw new HttpError(415, 'Send JSON.');
  const raw = await readBody(req, limit);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, invalid(String(parsed.error.issues[0]?.path[0] ?? 'the form')));
  return parsed.data;
}

/** "Fixed it" / "Not it" under a finding, and "keep the paste" after a "Not it". */
function feedbackRoutes(ctx: AppContext): Route[] {
  const read = <T>(req: Parameters<Route['handler']>[0], schema: z.ZodType<T>) =>
    readForm(req, schema, 4096, () => 'That is not a feedback this page sends.');
  return [
    {
      method: 'POST',
      path: '/api/feedback',
      browser: true,
      handler: async (req, res) => {
        const f = await read(req, Feedback);
        const state = await recordFeedback(ctx, 'playground', f);
        sendAnswer(res, { result: state === 'keep-offered' ? 'recorded' : state, canKeep: state === 'keep-offered' });
      },
    },
    {
      method: 'POST',
      path: '/api/feedback/keep',
      browser: true,
      handler: async (req, res) => {
        const { answerId } = await read(req, Keep);
        if ((await keepPaste(ctx, 'playground', answerId)) === 'too-old') {
          throw new HttpError(410, 'That answer is too old: its paste is no longer held.');
        }
        sendAnswer(res, { result: 'kept' });
      },
    },
  ];
}

const ProbeRequest = z.object({
  protocol: z.enum(['graph', 'imap', 'pop', 'smtp']),
  tenant: z.string().trim().min(1).max(256),
  clientId: z.string().trim().regex(APP_ID),
  mailbox: z.string().trim().min(3).max(320),
  grant: z.enum(['client-credentials', 'refresh-token']),
  cloud: z.enum(['worldwide', 'gcc', 'gcc-high', 'dod', 'china']).optional(),
  secret: z.string().min(1).max(2048),
  refreshToken: z.string().max(16_384).optional(),
});

/**
 * POST /api/probe: the live check from the local page, only where the playground is reachable from this machine
 * alone (a loopback HOST and a loopback caller), since it sends a client secret. The secret is used for the token
 * request and dropped; nothing of it, or of the token, comes back or is logged or kept.
 */
function probeRoute(ctx: AppContext, renderers: Renderers): Route {
  return {
    method: 'POST',
    path: '/api/probe',
    browser: true,
    handler: async (req, res) => {
      if (
        !LOOPBACK.test(ctx.config.HOST) ||
        !LOOPBACK.test((req.socket.remoteAddress ?? '').replace(/^::ffff:/i, ''))
      ) {
        throw new HttpError(
          403,
          'The live check runs only when the playground is bound to this machine (HOST=127.0.0.1).',
        );
      }
      const { secret, ...options } = await readForm(
        req,
        ProbeRequest,
        64 * 1024,
        (field) => `Check ${field}: it is missing or not in the form the probe needs.`,
      );
      const result = await runProbe({ ...options, secret });
      const d = await ctx.doctor.text(result.transcript.join('\n'));
      const steps = result.steps.map((s) => ({ ...s, detail: redactText(s.detail) }));
      return sendAnswer(res, { ...playgroundAnswer(d, renderers), steps });
    },
  };
}

function bannerLine({ config }: AppContext): string {
  const slack = Boolean(config.SLACK_BOT_TOKEN);
  const teams = Boolean(config.MicrosoftAppId);
  const lines: string[] = [];
  if (!slack && !teams) {
    lines.push(
      'No platform credentials: the playground, the JSON API and a local Teams trial (the lines below say what turns on Slack and Teams).',
    );
  }
  if (!LOOPBACK.test(config.HOST)) {
    lines.push(`HOST=${config.HOST}: the playground is reachable from other machines, without a login.`);
  }
  return lines.join('\n  ');
}

/** The page and its /api/preview; `renderers` are the chat apps' own, so the preview is what they would send. */
export function playgroundFrontDoor(ctx: AppContext, renderers: Renderers): FrontDoor {
  // The page reads a log over the upload limit from its end, so it needs to know the limit.
  const page = asset('page.html').replace('data-upload-limit=""', `data-upload-limit="${ctx.config.maxUploadBytes}"`);
  const script = asset('app.js');
  const dom = asset('dom.js');
  const style = asset('app.css');
  return {
    name: 'Playground',
    status: bannerLine(ctx),
    routes: [
      { method: 'GET', path: '/', browser: true, handler: (_req, res) => send(res, 200, 'text/html', page) },
      {
        method: 'GET',
        path: '/playground/app.js',
        browser: true,
        handler: (_req, res) => send(res, 200, 'text/javascript', script),
      },
      {
        method: 'GET',
        // Shared with the report page (/report).
        path: '/playground/dom.js',
        browser: true,
        handler: (_req, res) => send(res, 200, 'text/javascript', dom),
      },
      {
        method: 'GET',
        path: '/playground/app.css',
        browser: true,
        handler: (_req, res) => send(res, 200, 'text/css', style),
      },
      previewRoute(ctx, renderers),
      probeRoute(ctx, renderers),
      ...feedbackRoutes(ctx),
    ],
  };
}
