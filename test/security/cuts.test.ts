import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseStream } from '../../src/core/index.js';

// A line too long to read whole is read in pieces. Wherever a cut falls, a key and its value stay together: a piece
// that starts with a value whose key ended the last piece is taken as that value.

// Lower-case words on purpose: the second line of defence would mask a random-looking value anyway, so only keeping
// the key with its value hides this one.
const SECRET = 'purplemonkeydishwasher';
const SLICE = 64 * 1024;
const CARRY = 1024 * 1024;
const shows = (text: string) => text.includes(SECRET.slice(0, 8)) || text.includes(SECRET.slice(-8));

/** A long line with `password= <secret>` placed so that the cut falls at `shift` characters from the key. */
const lineCutAt = (boundary: number, shift: number) => {
  const key = 'password= ';
  const pad = boundary - shift;
  // The error follows the secret, so the piece that starts with the value is the one quoted as evidence.
  return `${'x '.repeat(Math.ceil(pad / 2)).slice(0, pad)}${key}${SECRET} Invalid audience ${'y '.repeat(4000)}`;
};

describe('cuts in long lines never separate a key from its value', () => {
  it.each([-12, -10, -9, -8, -4, -1, 0, 1, 4, 8, 12])('a paste cut %i characters into the key', (shift) => {
    const d = diagnose(lineCutAt(SLICE, shift));
    expect(shows(JSON.stringify(d))).toBe(false);
  });

  it.each([-12, -10, -9, -8, -4, 0, 4])('a streamed file cut %i characters into the key', async (shift) => {
    const d = await diagnoseStream([Buffer.from(lineCutAt(CARRY, shift))]);
    expect(shows(JSON.stringify(d))).toBe(false);
  });
});
