import { describe, expect, it } from 'vitest';
import { PasteStore, TtlLru } from '../../src/chat/store.js';

describe("the chat adapters' in-memory stores", () => {
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

  it('does not keep a paste too large to hold', () => {
    const store = new PasteStore();
    expect(store.put('x'.repeat(300 * 1024))).toBe('');
    const id = store.put('[REDACTED client-secret]');
    expect(store.get(id)).toBe('[REDACTED client-secret]');
  });
});
