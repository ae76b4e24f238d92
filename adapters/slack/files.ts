// Downloading a file a user shared, with the bot token, from Slack's own file host only.

import { ChatFileError, isLogFileName } from '../../src/chat/index.js';

export interface SlackFile {
  id: string;
  name?: string | null;
  size?: number;
  mimetype?: string;
  filetype?: string;
  mode?: string;
  url_private_download?: string;
}

const DOWNLOAD_TIMEOUT_MS = 60_000;

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

/** Streams a file's bytes, refusing any host but Slack's; the reader stops when it has read enough. */
export async function* downloadFile(url: string, token: string, hosts: Set<string>): AsyncGenerator<Uint8Array> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ChatFileError('the file link Slack gave me is not a valid address.');
  }
  // The token must never reach another host, so an unexpected host is refused outright and redirects are not followed.
  if (!hosts.has(target.host) || (target.protocol !== 'https:' && target.host === 'files.slack.com')) {
    throw new ChatFileError('that file is not hosted by Slack, so I did not download it.');
  }
  const res = await fetch(target, {
    headers: { authorization: `Bearer ${token}` },
    redirect: 'manual',
    // A file host that stops answering must not hold the reply forever.
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw new ChatFileError(
      res.status >= 300 && res.status < 400
        ? 'Slack would not hand the file over to me (the app may lack the files:read scope).'
        : `Slack answered ${res.status} when I downloaded the file.`,
    );
  }
  yield* res.body as AsyncIterable<Uint8Array>;
}
