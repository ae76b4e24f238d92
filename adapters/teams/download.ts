// Fetches a file Teams offers (a pre-authorised SharePoint/OneDrive link) as a stream of chunks, over https only.

export class DownloadError extends Error {}

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 60_000;

function httpsUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'https:') throw new DownloadError('Teams offered the file at an address that is not https.');
  return parsed;
}

/** The file's bytes, stopping after `limit` (the caller's diagnosis then says it was truncated). */
export async function* downloadFile(url: string, limit: number): AsyncGenerator<Uint8Array> {
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
    throw new DownloadError(`Teams would not hand over the file (HTTP ${response?.status ?? 'no answer'}).`);
  }
  const reader = response.body.getReader();
  // One byte past the limit lets diagnoseFile say the file was cut; then the download stops.
  const cap = limit + 1;
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const room = cap - seen;
      seen += value.length;
      yield value.length > room ? value.subarray(0, room) : value;
      if (seen >= cap) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
