import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackUrl } from '../../adapters/teams/index.js';

describe('isLoopbackUrl (where a bot without credentials may send its replies)', () => {
  it.each([
    ['http://127.0.0.1:3978/', true],
    ['http://127.0.0.1:47999/_connector', true],
    ['https://127.5.6.7/', true],
    ['http://localhost:56150/_connector', true],
    ['HTTP://LOCALHOST:56150/', true],
    ['http://[::1]:3978/', true],
    // Looks local, is not.
    ['http://127.0.0.1.evil.com/', false],
    ['http://localhost.evil.com/', false],
    ['http://evil.com/127.0.0.1', false],
    ['http://127.0.0.1@evil.com/', false],
    ['http://evil.com@127.0.0.1/', false],
    // Parser tricks: another URL parser could read these differently, so they are refused whatever WHATWG says.
    ['http://127.0.0.1\\@evil.com/', false],
    ['http://evil.com\\@127.0.0.1/', false],
    ['http:\\\\127.0.0.1\\', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['http://0x7f.1/', false],
    ['http://2130706433/', false],
    ['http://127.1/', false],
    [' http://127.0.0.1/', false],
    ['http://127.0.0.1/admin/run?x=', false],
    ['http://127.0.0.1/#x', false],
    // Not http(s) or not a URL at all.
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['127.0.0.1', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});

describe('isLoopbackAddress (who may call a bot without credentials)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    ['::', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
