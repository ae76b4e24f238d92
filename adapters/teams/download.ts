// Fetches a file Teams offers (a pre-authorised SharePoint/OneDrive link) as a stream of chunks, over https only.

import { ChatFileError } from '../../src/chat/index.js';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 60_000;

function httpsUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'https:') throw new ChatFileError('Teams offered the file at an address that is not https.');
  return parsed;
}

/** The file's bytes; the reader stops when it has read enough (MAX_UPLOAD_MB). */
export async function* downloadFile(url: string): AsyncGenerator<Uint8Array> {
  let target = httpsUrl(url);
  let response: Response | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    response = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) break;
    await response.body?.cancel();
    // A redirect must stay on https too, so a file link can never lead us to a plain-http address.
    target = httpsUrl(new URL(location, target).href);
  }
  if (!response?.ok || !response.body) {
    await response?.body?.cancel();
    throw new ChatFileError(`Teams would not hand over the file (HTTP ${response?.status ?? 'no answer'}).`);
  }
  yield* response.body as AsyncIterable<Uint8Array>;
}
