import { describe, expect, it } from 'vitest';
import { Pastes, TtlLru } from '../../src/chat/store.js';
import { MemoryState } from '../../src/store/index.js';

describe("the conversation's stores", () => {
  it('forgets the least recently used entry and expired ones', () => {
    let now = 0;
    const lru = new TtlLru<number>(2, 1000, () => now);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    now = 1500;
    expect(lru.get('c')).toBeUndefined();
  });

  it('claims a key once', () => {
    const lru = new TtlLru<true>(10, 1000);
    expect(lru.claim('C1:1.1', true)).toBe(true);
    expect(lru.claim('C1:1.1', true)).toBe(false);
  });

  it('does not keep a paste too large to hold, and reads no id it did not write', async () => {
    const store = new Pastes(new MemoryState());
    expect(await store.put('x'.repeat(300 * 1024))).toBe('');
    const id = await store.put('[REDACTED client-secret]');
    expect(await store.get(id)).toBe('[REDACTED client-secret]');
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});
