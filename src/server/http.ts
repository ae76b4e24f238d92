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
