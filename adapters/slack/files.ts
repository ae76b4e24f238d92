// Downloading a file a user shared, with the bot token, from Slack's own file host only.

import { isLogFileName } from '../../src/chat/policy.js';

export interface SlackFile {
  id: string;
  name?: string | null;
  size?: number;
  mimetype?: string;
  filetype?: string;
  mode?: string;
  url_private_download?: string;
}

export class FileProblem extends Error {}

const DOWNLOAD_TIMEOUT_MS = 60_000;

export const tooBig = (limit: number) =>
  `That file is larger than the ${Math.round(limit / 1024 / 1024)} MB I read (MAX_UPLOAD_MB). Attach only the part around the error, or gzip the log and share the .gz.`;

/** Log files we read (the shared rule, rotated and .gz included), plus Slack's own "text" snippets. */
export function isLogFile(file: SlackFile): boolean {
  return isLogFileName(file.name ?? '') || file.filetype === 'text' || file.mimetype === 'text/plain';
}

/** Slack's file host, plus the host of SLACK_API_URL when it points elsewhere (a test server or a proxy). */
export function fileHosts(apiUrl: string | undefined): Set<string> {
  const hosts = new Set(['files.slack.com']);
  if (apiUrl) hosts.add(new URL(apiUrl).host);
  return hosts;
}

/** Streams a file's bytes, refusing any host but Slack's and stopping at `limit` bytes. */
export async function* downloadFile(
  url: string,
  token: string,
  hosts: Set<string>,
  limit: number,
): AsyncGenerator<Uint8Array> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FileProblem('The file link Slack gave me is not a valid address.');
  }
  // The token must never reach another host, so an unexpected host is refused outright and redirects are not followed.
  if (!hosts.has(target.host) || (target.protocol !== 'https:' && target.host === 'files.slack.com')) {
    throw new FileProblem('That file is not hosted by Slack, so I did not download it.');
  }
  const res = await fetch(target, {
    headers: { authorization: `Bearer ${token}` },
    redirect: 'manual',
    // A file host that stops answering must not hold the reply forever.
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw new FileProblem(
      res.status >= 300 && res.status < 400
        ? 'Slack would not hand the file over to me (the app may lack the files:read scope).'
        : `Slack answered ${res.status} when I downloaded the file; try sharing it again.`,
    );
  }
  let seen = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    seen += chunk.length;
    if (seen > limit) throw new FileProblem(tooBig(limit));
    yield chunk;
  }
}
