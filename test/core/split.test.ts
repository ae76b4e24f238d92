import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { concludeRanges, type Diagnosis, diagnoseStream, type RangePart, scanRange } from '../../src/core/index.js';
import { allFixtures } from '../helpers.js';

// A big log is split into line-aligned ranges read by different workers, and their parts are taken in order. That
// must give exactly the Diagnosis of reading the file whole, on every fixture and corpus case, wherever the cuts
// fall: at every line, at the middle, at a few seeded places; with the first lines read whole and with the prefilter
// from the first line. Where redaction waits on a line across a cut (a promised password), the parts are refused and
// the file is read whole: counted here, and it must stay rare.

const NOW = Date.parse('2024-05-02T12:00:00Z');
const cases: [string, Buffer][] = [
  ...allFixtures().map(([name, text]): [string, Buffer] => [name, Buffer.from(text)]),
  ...loadCorpus().map((c): [string, Buffer] => [c.id, Buffer.from(c.text)]),
];

/** Byte offsets where lines start (after each newline), the end excluded. */
function lineStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let i = bytes.indexOf(10); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(10, i + 1)) starts.push(i + 1);
  return starts;
}

/** Lines before each offset, as the splitter counts them before it hands ranges out. */
const linesBefore = (bytes: Buffer, at: number) => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < at; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

async function split(bytes: Buffer, cuts: number[], options: { fullScanLines?: number }) {
  const edges = [0, ...cuts, bytes.length];
  const parts: RangePart[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i] as number, edges[i + 1] as number];
    parts.push(
      await scanRange([bytes.subarray(from, to)], { ...options, now: NOW, startLine: linesBefore(bytes, from) }),
    );
  }
  return concludeRanges(parts, { ...options, now: NOW });
}

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const comparable = (d: Diagnosis) => JSON.stringify(d);

describe('a log read in ranges and taken in order', () => {
  it('covers fixtures and the whole corpus', () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  for (const fullScanLines of [undefined, 0]) {
    it(`gives the Diagnosis of the whole read, wherever the cuts fall (first lines read whole: ${fullScanLines === undefined})`, async () => {
      let compared = 0;
      let refused = 0;
      for (const [name, bytes] of cases) {
        const whole = comparable(await diagnoseStream([bytes], { fullScanLines, now: NOW }));
        const starts = lineStarts(bytes);
        if (starts.length === 0) continue;
        const middle = starts[Math.floor(starts.length / 2)] as number;
        const seeded = [...new Set(starts.filter(() => random() < 0.2))];
        for (const cuts of [[middle], starts.slice(0, 400), seeded]) {
          const d = await split(bytes, cuts, { fullScanLines });
          if (d === null) {
            refused++;
            continue;
          }
          compared++;
          expect(comparable(d), `${name} cut at ${cuts.length} places`).toBe(whole);
        }
      }
      expect(compared).toBeGreaterThan(1500);
      // Cutting at every line also cuts inside SMTP and IMAP exchanges; those, and only a few, are read whole.
      expect(refused / (compared + refused)).toBeLessThan(0.05);
    }, 240_000);
  }

  it('refuses parts cut where a password was promised to the next line, rather than show it', async () => {
    const log = Buffer.from(
      [
        '2024-05-02 10:00:00,000 DEBUG [SMTP] C: AUTH LOGIN',
        '2024-05-02 10:00:00,001 DEBUG [SMTP] S: 334 VXNlcm5hbWU6',
        '2024-05-02 10:00:00,002 DEBUG [SMTP] C: anVzdGF0ZXN0QGNvbnRvc28uY29t',
        '2024-05-02 10:00:00,003 DEBUG [SMTP] S: 334 UGFzc3dvcmQ6',
        '2024-05-02 10:00:00,004 DEBUG [SMTP] C: U3VwZXJTZWNyZXQhMjAyNg==',
        '2024-05-02 10:00:00,005 DEBUG [SMTP] S: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
        '',
      ].join('\n'),
    );
    // starts[3] is where the line after "334 UGFzc3dvcmQ6" (the password prompt) begins.
    const starts = lineStarts(log);
    const whole = await diagnoseStream([log], { now: NOW });
    expect(await split(log, [starts[3] as number], {})).toBeNull();
    // Read alone, that range would not know the line is a password: the refusal is what keeps it out.
    const alone = await scanRange([log.subarray(starts[3] as number)], { now: NOW, startLine: 4 });
    expect(JSON.stringify([...alone.part.hits.values()])).toContain('U3VwZXJTZWNyZXQhMjAyNg');
    // Cut after the exchange, the same answer as whole.
    expect(comparable((await split(log, [starts[4] as number], {})) as Diagnosis)).toBe(comparable(whole));
    expect(JSON.stringify(whole)).not.toContain('U3VwZXJTZWNyZXQhMjAyNg');
  });
});
