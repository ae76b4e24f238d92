import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { MessageMemo, Scanner } from '../../src/core/diagnose.js';
import { concludeRanges, type Diagnosis, diagnoseStream, type RangePart, scanRange } from '../../src/core/index.js';
import { allFixtures } from '../helpers.js';

// A big log says the same things all day, so the scanner remembers each message it read (the line after its
// timestamp) and replays what reading it added when it comes again. That must be exactly the answer of reading every
// line: on every fixture and corpus case, with each line repeated at other times (Jira's stamps and ISO ones, CRLF,
// a byte-order mark, a token-ending line first whose promise is used up), read in small chunks, and in ranges.

const NOW = Date.parse('2024-05-02T12:00:00Z');
const cases: [string, string][] = [...allFixtures(), ...loadCorpus().map((c): [string, string] => [c.id, c.text])];
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'https://graph.microsoft.com', iss: 'https://sts.windows.net/x/', exp: 1 })}.sig0123456789`;
/** Ends in a token, so redaction promises the next line its continuation; the next line uses the promise up. */
const TOKEN_LINE = `2024-05-02 09:59:59,000+0000 DEBUG Authorization: Bearer ${JWT}`;

const stamp = (i: number, iso: boolean) =>
  iso
    ? `2024-05-02T10:${String(i % 60).padStart(2, '0')}:0${i % 10}.${String(i % 1000).padStart(3, '0')}Z `
    : `2024-05-02 10:${String(i % 60).padStart(2, '0')}:0${i % 10},${String(i % 1000).padStart(3, '0')}+0000 `;

/** Each line, then the same line stamped with a time (a second one for stamped lines), then the whole text again. */
function repeated(text: string, variant: number): string {
  const lines = text.split('\n');
  const stamped = lines.flatMap((line, i) => {
    const again = `${stamp(i, variant === 1)}${line}`;
    // Now and then a line of a file joined on after its byte-order mark, said twice the same.
    return i % 97 === 5 ? [line, `\uFEFF${again}`, `\uFEFF${again}`] : [line, again];
  });
  const all = [TOKEN_LINE, 'routine', ...stamped, ...lines];
  return all.join(variant === 1 ? '\r\n' : '\n');
}

/** In pieces of `size` bytes, as a slow upload or a pipe delivers them. */
function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the lines replayed from memory while `work` runs. */
async function replays(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(Scanner.prototype as unknown as { replay: () => void }, 'replay');
  await work();
  const n = spy.mock.calls.length;
  spy.mockRestore();
  return n;
}

describe('a message read before', () => {
  for (const [variant, fullScanLines, chunk] of [
    [0, undefined, 64 * 1024],
    [1, 0, 97],
  ] as const) {
    it(`is replayed into exactly the answer of reading it again (${variant ? 'ISO stamps, CRLF, 97-byte chunks, prefilter from the first line' : "Jira's stamps, 64 KB chunks"})`, async () => {
      let replayed = 0;
      for (const [name, text] of cases) {
        const bytes = Buffer.from(repeated(text, variant));
        const read = await diagnoseStream(pieces(bytes, chunk), { fullScanLines, now: NOW, rememberLines: false });
        let fromMemory: Awaited<ReturnType<typeof diagnoseStream>> | undefined;
        replayed += await replays(async () => {
          fromMemory = await diagnoseStream(pieces(bytes, chunk), { fullScanLines, now: NOW });
        });
        expect(JSON.stringify(fromMemory), name).toBe(JSON.stringify(read));
      }
      // It did replay (after the token line's promise was used up), and a lot.
      expect(replayed).toBeGreaterThan(cases.length * 3);
    }, 240_000);
  }

  it('gives the same answer read whole and read in two ranges, after a promise used up in the first', async () => {
    const head = [TOKEN_LINE, 'routine'];
    const tail = [
      '2024-05-02 10:00:02,000+0000 INFO it suddenly stopped working',
      '2024-05-02 10:00:03,000+0000 code=Qz7PkT2mWx9LrB4vNs6Y AADSTS50126 Error validating credentials',
      '2024-05-02 10:00:04,000+0000 code=Qz7PkT2mWx9LrB4vNs6Y AADSTS50126 Error validating credentials',
    ];
    const whole = await diagnoseStream([Buffer.from(`${[...head, ...tail].join('\n')}\n`)], { now: NOW });
    const first = await scanRange([Buffer.from(`${head.join('\n')}\n`)], { now: NOW, startLine: 0 });
    const second = await scanRange([Buffer.from(`${tail.join('\n')}\n`)], { now: NOW, startLine: 2 });
    expect(JSON.stringify(await concludeRanges([first, second], { now: NOW }))).toBe(JSON.stringify(whole));
    expect(whole.secrets.map((s) => s.kind)).toContain('authorization-code');
    expect(JSON.stringify(whole)).not.toContain('Qz7PkT2mWx9LrB4vNs6Y');
  });

  it('is kept from block to block of one log by two workers, as a gzip is read, with the answer of a whole read', async () => {
    let kept = 0;
    let fresh = 0;
    let compared = 0;
    for (const [name, text] of cases) {
      const bytes = Buffer.from(repeated(text, 0));
      const whole = await diagnoseStream([bytes], { now: NOW, rememberLines: false });
      // Blocks of about a third of the text, cut after a line; the two workers take turns, each with its own memory.
      const edges = [0];
      for (let at = Math.floor(bytes.length / 3); at < bytes.length; at += Math.floor(bytes.length / 3) || 1) {
        const cut = bytes.indexOf(10, Math.max(at, (edges.at(-1) as number) + 1)) + 1;
        if (cut === 0 || cut >= bytes.length) break;
        edges.push(cut);
      }
      edges.push(bytes.length);
      const read = async (memos: (MessageMemo | undefined)[]) => {
        const parts: RangePart[] = [];
        let startLine = 0;
        for (let i = 0; i + 1 < edges.length; i++) {
          const block = bytes.subarray(edges[i], edges[i + 1]);
          parts.push(await scanRange([block], { now: NOW, startLine, memo: memos[i % 2] }));
          startLine += block.toString('latin1').split('\n').length - 1;
        }
        return concludeRanges(parts, { now: NOW });
      };
      let d: Diagnosis | null = null;
      kept += await replays(async () => (d = await read([new MessageMemo(), new MessageMemo()])));
      fresh += await replays(() => read([]));
      if (d === null) continue;
      compared++;
      expect(JSON.stringify(d), name).toBe(JSON.stringify(whole));
    }
    expect(compared).toBeGreaterThan(cases.length * 0.9);
    // Messages met in an earlier block were replayed, not read again.
    expect(kept - fresh).toBeGreaterThan(cases.length * 3);
  }, 240_000);

  it('shows each repeat with its own line number and its own time', async () => {
    const at = (second: number) =>
      `2024-05-02 10:00:0${second},000+0000 ERROR [c.a.j.s.mail] AuthenticationFailedException: AADSTS50126: Error validating credentials due to invalid username or password.`;
    let d: Awaited<ReturnType<typeof diagnoseStream>> | undefined;
    const n = await replays(async () => {
      d = await diagnoseStream([Buffer.from([at(1), 'routine', at(2), at(3)].join('\n'))], { now: NOW });
    });
    expect(n).toBe(2);
    if (!d) throw new Error('no answer');
    const evidence = d.findings.flatMap((f) => f.evidence).filter((e) => e.text.includes('AADSTS50126'));
    expect(evidence.map((e) => e.line)).toEqual(expect.arrayContaining([1, 3]));
    for (const e of evidence) expect(e.text).toContain(`10:00:0${e.line === 1 ? 1 : e.line === 3 ? 2 : 3},000`);
  });

  it('still finds a secret in every repeat of a line that holds one', async () => {
    const line = (n: number) =>
      `2024-05-02 10:00:0${n},000+0000 DEBUG smtp: AUTH LOGIN ok, client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo${n}`;
    const text = [line(1), line(1).replace('10:00:01', '10:00:02'), line(3)].join('\n');
    let d: Awaited<ReturnType<typeof diagnoseStream>> | undefined;
    expect(await replays(async () => (d = await diagnoseStream([Buffer.from(text)], { now: NOW })))).toBe(1);
    if (!d) throw new Error('no answer');
    expect(d.secrets.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(JSON.stringify(d)).not.toContain('Xk28Q~');
  });
});
