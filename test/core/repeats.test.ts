import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { diagnoseStream, diagnoseText } from '../../src/core/index.js';
import { allFixtures } from '../helpers.js';

// A big log says the same things all day, so the scanner remembers each message it read (the line after its
// timestamp) and replays what reading it added when it comes again. That must be exactly the answer of reading every
// line: on every fixture and corpus case, with each line repeated at other times and the whole text said again.

const NOW = Date.parse('2024-05-02T12:00:00Z');
const cases: [string, string][] = [...allFixtures(), ...loadCorpus().map((c): [string, string] => [c.id, c.text])];

/** Each line, then the same line stamped with a time (a second one for stamped lines), then the whole text again. */
function repeated(text: string): string {
  const lines = text.split('\n');
  const stamped = lines.flatMap((line, i) => [
    line,
    `2024-05-02 10:${String(i % 60).padStart(2, '0')}:0${i % 10},${String(i % 1000).padStart(3, '0')}+0000 ${line}`,
  ]);
  return [...stamped, ...lines].join('\n');
}

describe('a message read before', () => {
  for (const fullScanLines of [undefined, 0]) {
    it(`is replayed into exactly the answer of reading it again (first lines read whole: ${fullScanLines === undefined})`, async () => {
      for (const [name, text] of cases) {
        const bytes = Buffer.from(repeated(text));
        const read = await diagnoseStream([bytes], { fullScanLines, now: NOW, rememberLines: false });
        const replayed = await diagnoseStream([bytes], { fullScanLines, now: NOW });
        expect(JSON.stringify(replayed), name).toBe(JSON.stringify(read));
      }
    }, 240_000);
  }

  it('shows each repeat with its own line number and its own time', async () => {
    const at = (second: number) =>
      `2024-05-02 10:00:0${second},000+0000 ERROR [c.a.j.s.mail] AuthenticationFailedException: AADSTS50126: Error validating credentials due to invalid username or password.`;
    const d = await diagnoseText([at(1), 'routine', at(2), at(3)].join('\n'), { now: NOW });
    const evidence = d.findings.flatMap((f) => f.evidence).filter((e) => e.text.includes('AADSTS50126'));
    expect(evidence.map((e) => e.line)).toEqual(expect.arrayContaining([1, 3]));
    for (const e of evidence) expect(e.text).toContain(`10:00:0${e.line === 1 ? 1 : e.line === 3 ? 2 : 3},000`);
  });

  it('still finds a secret in every repeat of a line that holds one', async () => {
    const line = (n: number) =>
      `2024-05-02 10:00:0${n},000+0000 DEBUG smtp: AUTH LOGIN ok, client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo${n}`;
    const d = await diagnoseText([line(1), line(1).replace('10:00:01', '10:00:02'), line(3)].join('\n'), { now: NOW });
    expect(d.secrets.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(JSON.stringify(d)).not.toContain('Xk28Q~');
  });
});
