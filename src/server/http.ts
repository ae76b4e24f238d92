import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

// Small helpers for plain node:http handlers.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function tooLarge(limit: number) {
  return new HttpError(413, `The body is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB.`);
}

/** The request body, chunk by chunk, failing with 413 as soon as it passes `limit` bytes. */
export async function* limitedBody(req: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > limit) throw tooLarge(limit);
    yield chunk;
  }
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of limitedBody(req, limit)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Pastes sent as JSON are held in memory, so they get a smaller limit than streamed text/plain uploads. */
export const JSON_LIMIT = 10 * 1024 * 1024;

const TextBody = z.object({ text: z.string() });

/** The `text` of a `{"text": "…"}` body, or a 400/413 that says what to send. */
export async function readJsonText(req: IncomingMessage, limit: number): Promise<string> {
  const raw = await readBody(req, Math.min(JSON_LIMIT, limit));
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    // V8's message quotes the start of the body, which may hold a secret, so it is not passed on.
    throw new HttpError(400, 'The body is not valid JSON. Send {"text": "…"} with the text as a JSON string.');
  }
  const body = TextBody.safeParse(json);
  if (!body.success) throw new HttpError(400, 'Send a JSON object like {"text": "<the log or error>"}.');
  return body.data.text;
}

/** The media type of a request, lower-case, without parameters. */
export const mediaType = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Host names the browser-facing routes answer to, besides this machine's own names. */
const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** The host name of a Host header or an Origin, lower-case, without the port; null if it is not one. */
export function hostName(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Why a browser-facing request is refused, or null: a Host that is not ours (DNS rebinding), or a request another
 * origin's page sent (a cross-site form or a no-cors fetch needs no preflight, but browsers mark it).
 */
export function browserRefusal(req: IncomingMessage, allowedHosts: readonly string[]): HttpError | null {
  const host = hostName(req.headers.host);
  const allowed = new Set([...LOCAL_NAMES, ...allowedHosts.map((h) => hostName(h) ?? h.toLowerCase())]);
  if (!host || !allowed.has(host)) {
    return new HttpError(
      421,
      'This server does not answer for that host name. Add it to ALLOWED_HOSTS if it is yours.',
    );
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return new HttpError(403, 'Requests from another site are refused; use the playground on this server, or curl.');
  }
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    (origin === 'null' || hostName(origin) !== host || new URL(origin).host !== req.headers.host)
  ) {
    return new HttpError(403, 'Requests from another origin are refused; use the playground on this server, or curl.');
  }
  return null;
}
