import { describe, expect, it } from 'vitest';
import { PlatformError, retryTransient } from '../../src/chat/retry.js';

describe('retrying a busy chat platform', () => {
  it('retries 429 and 5xx, then succeeds', async () => {
    const failures = [new PlatformError(429, 0, 'busy'), new PlatformError(503, undefined, 'hiccup')];
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return 'sent';
      },
      { retries: 3, baseMs: 1 },
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
  });

  it('does not retry a 4xx other than 429, and gives up after the retries', async () => {
    let calls = 0;
    const fail = (status: number) => async () => {
      calls++;
      throw new PlatformError(status, 0, `status ${status}`);
    };
    await expect(retryTransient(fail(403), { retries: 3, baseMs: 1 })).rejects.toThrow('status 403');
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryTransient(fail(500), { retries: 2, baseMs: 1 })).rejects.toThrow('status 500');
    expect(calls).toBe(3);
  });
});
