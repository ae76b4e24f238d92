import { PlatformError, retryTransient } from '../../src/chat/index.js';

/** Web API and response_url retry policy; tests shorten it so a 500 followed by success takes milliseconds. */
export const slackTuning = {
  retryConfig: { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true },
  /** Files per message that get an answer. */
  filesPerMessage: 3,
};

/** Posts to a response_url, retrying a 429 or 5xx a few times; Bolt's respond() itself does not retry. */
export async function postResponse(url: string, body: object): Promise<void> {
  const { retries, minTimeout } = slackTuning.retryConfig;
  await retryTransient(
    async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.body?.cancel();
      if (!res.ok) {
        const after = res.headers.get('retry-after');
        throw new PlatformError(res.status, after ? Number(after) : undefined, `response_url answered ${res.status}`);
      }
    },
    { retries, baseMs: minTimeout },
  );
}
