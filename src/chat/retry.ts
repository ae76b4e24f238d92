// Both chat platforms answer 429 when busy and 5xx when they hiccup; both deserve another try, nothing else does.

export interface RetryOptions {
  retries: number;
  /** First back-off when the platform gives no Retry-After; doubles on each try. */
  baseMs: number;
  maxMs?: number;
}

/** A failed call as the retry loop sees it: an HTTP status and the Retry-After header, if any (seconds). */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const transient = (status: number) => status === 429 || status >= 500;

/** Runs `call` until it succeeds or a failure is not worth retrying; `describe` reads status and Retry-After. */
export async function retryTransient<T>(
  call: () => Promise<T>,
  options: RetryOptions,
  describe: (err: unknown) => { status: number; retryAfter?: number } = (err) =>
    err instanceof PlatformError ? err : { status: 0 },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const { status, retryAfter } = describe(err);
      if (attempt >= options.retries || !transient(status)) throw err;
      const wait = retryAfter !== undefined && retryAfter >= 0 ? retryAfter * 1000 : options.baseMs * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, options.maxMs ?? Number.POSITIVE_INFINITY)));
    }
  }
}
