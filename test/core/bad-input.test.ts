import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseStream, diagnoseText, RULES } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

const seedPaste = `${fixture('seed', 'rc1-incoming-mail.log')}${fixture('seed', 'rc1-scopes.txt')}`;
const ids = (d: { findings: { id: string }[] }) => d.findings.map((f) => f.id);
const MB = 1024 * 1024;

function* chunked(text: string | Buffer, size = 64 * 1024): Generator<Buffer> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('empty and odd text', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t \r\n  '],
    ['only markup', '<p><at>mailhandler-doctor</at></p>'],
    ['a code fence with nothing in it', '```\n```'],
  ])('%s gives no findings and says what to paste', (_name, text) => {
    const d = diagnose(text);
    expect(d.findings).toEqual([]);
    expect(d.notes.join(' ')).toMatch(/paste|attach/i);
  });

  it('counts lines and bytes of the input', () => {
    expect(diagnose('a\nb\nc').input).toMatchObject({ lines: 3, bytes: 5, truncated: false, binary: false });
  });

  it('truncates at maxBytes and says so', () => {
    const d = diagnose(`${'x'.repeat(1000)}\n${seedPaste}`, { maxBytes: 500 });
    expect(d.input.truncated).toBe(true);
    expect(d.notes.join(' ')).toMatch(/only its beginning was read/);
  });
});

describe('files that are not plain UTF-8 logs', () => {
  it('refuses binary data with a clear note', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.alloc(4096, 7),
    ]);
    const d = await diagnoseStream([png]);
    expect(d.input.binary).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.notes[0]).toMatch(/binary/);
  });

  it('reads invalid UTF-8 (a cp1252 log) as Windows-1252 and still finds the problem', async () => {
    const broken = Buffer.concat([
      Buffer.from('Benutzer M\xfcller hat die Mailbox konfiguriert\n', 'latin1'),
      Buffer.from(seedPaste),
    ]);
    const d = await diagnoseStream([broken]);
    expect(ids(d)).toEqual(['graph-scope-domain-prefix']);
    expect(d.notes.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('reads Windows-1252 punctuation as the characters Windows meant, not control characters', async () => {
    // „ “ – and € are 0x84 0x93 0x96 0x80 in Windows-1252; Latin-1 would make them C1 control characters.
    const line = 'ERROR AADSTS7000215: Ungültiger geheimer Clientschlüssel „Jira“ – Kosten 5 €';
    const cp1252 = Buffer.from(
      [...line].map((c) => ({ '„': 0x84, '“': 0x93, '–': 0x96, '€': 0x80 })[c] ?? c.charCodeAt(0)),
    );
    const d = await diagnoseStream([cp1252]);
    const quoted = d.findings.flatMap((f) => f.evidence.map((e) => e.text)).join('\n');
    // The quotes come out as plain ones: typographic quotes are read as `"` so they bound a secret like ASCII ones.
    expect(quoted).toContain('"Jira" – Kosten 5 €');
    expect(quoted).toContain('Ungültiger');
    expect(quoted).not.toMatch(/[\u0080-\u009f]/);
    expect(d.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('reads a UTF-16 file with a byte-order mark (Windows Notepad "Unicode")', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedPaste, 'utf16le')]);
    expect(ids(await diagnoseStream(chunked(utf16, 1000)))).toEqual(['graph-scope-domain-prefix']);
  });

  it('unpacks a gzip log on the way', async () => {
    expect(ids(await diagnoseStream(chunked(gzipSync(seedPaste), 100)))).toEqual(['graph-scope-domain-prefix']);
  });

  it('answers from the readable part of a damaged gzip file', async () => {
    const gz = gzipSync(seedPaste + 'x'.repeat(100_000));
    const d = await diagnoseStream([gz.subarray(0, Math.floor(gz.length * 0.6))]);
    expect(d.input.truncated).toBe(true);
    expect(d.notes[0]).toMatch(/gzip data is damaged/);
  });

  it('gives the same answer streamed in tiny chunks as in one piece', async () => {
    const streamed = await diagnoseStream(chunked(seedPaste, 7));
    const whole = diagnose(seedPaste);
    expect(streamed.findings).toEqual(whole.findings);
    expect(streamed.input.lines).toBe(whole.input.lines);
  });

  it('stops at maxBytes on a stream and says the input was truncated', async () => {
    const d = await diagnoseStream(chunked(`${seedPaste}${'noise line\n'.repeat(100_000)}`), { maxBytes: 64 * 1024 });
    expect(d.input).toMatchObject({ truncated: true, bytes: 64 * 1024 });
    expect(ids(d)).toEqual(['graph-scope-domain-prefix']);
  });
});

describe('hostile sizes and shapes never hang or crash', () => {
  it('reads a 10 MB line with no newline, as text and as a stream, and still finds what is in it', async () => {
    const line = `${'A'.repeat(5 * MB)} Error message: Access token validation failure. Invalid audience. ${'b'.repeat(5 * MB)}`;
    expect(ids(diagnose(line))).toContain('graph-scope-domain-prefix');
    const d = await diagnoseStream(chunked(line));
    expect(d.input.lines).toBe(1);
    expect(ids(d)).toContain('graph-scope-domain-prefix');
  });

  const adversarial: [string, string][] = [
    ['a token that never ends', `eyJ${'A'.repeat(2 * MB)}`],
    ['token-like runs with dots', `eyJ${'a.eyJ'.repeat(200_000)}`],
    ['a URL of dotted labels', `https://${'a.'.repeat(500_000)}`],
    ['percent runs', '%41'.repeat(400_000)],
    ['an HTML tag that never closes', `<p${' x'.repeat(500_000)}`],
    ['numeric entities', '&#1'.repeat(300_000)],
    ['a secret field with no value end', `client_secret=${'a'.repeat(2 * MB)}`],
    ['a class name that never ends', `${'com.'.repeat(300_000)}X`],
    ['letters before Exception', `${'a'.repeat(2 * MB)}Exception`],
    ['scope plus signs', `scope=${'+'.repeat(2 * MB)}`],
    ['opaque-token runs', `0.A${'-'.repeat(2 * MB)}`],
    ['Entra-secret-like runs', `${'abc1Q~'.repeat(300_000)}`],
    ['AADSTS digits', `AADSTS${'9'.repeat(2 * MB)}`],
    ['angle brackets', '<'.repeat(2 * MB)],
    ['backticks', '`'.repeat(2 * MB)],
    ['words that almost say Invalid audience', 'Invalid audienc '.repeat(120_000)],
    ['GCC words', 'GCC - - - '.repeat(200_000)],
    ['scopes with no separator end', `Scopes: ${'openid,'.repeat(300_000)}`],
    ['login hosts without a path end', `https://login.${'a'.repeat(2 * MB)}`],
  ];

  it.each(adversarial)('%s', (_name, text) => {
    const d = diagnose(text);
    expect(d.input.bytes).toBe(Buffer.byteLength(text));
    expect(d.findings.every((f) => f.confidence !== 'confirmed')).toBe(true);
  });

  it('survives every signature hint repeated densely on one line', () => {
    const hints = [...new Set(RULES.flatMap((r) => r.signatures ?? []).flatMap((s) => s.hints))];
    for (const hint of hints) expect(() => diagnose(`${hint} `.repeat(50_000))).not.toThrow();
  });
});

describe('big files', () => {
  it('lets other work run on the event loop while a big log is read', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const noise = '2023-08-16 14:58:26,225+0000 INFO [] Caesium-1-4 ServiceRunner Mail puller finished\n'.repeat(
      50_000,
    );
    const d = await diagnoseStream(chunked(noise + seedPaste));
    running = false;
    expect(ids(d)).toEqual(['graph-scope-domain-prefix']);
    // 4 MB of log: at least one turn per megabyte, however fast the machine.
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});

describe('memory', () => {
  it('stays bounded on a 100 MB log: lines are examined in place and only a few evidence lines are kept', async () => {
    const noise = Buffer.from(
      '2023-08-16 14:58:26,225+0000 INFO [] Caesium-1-4 ServiceRunner [c.a.j.i.m.processor.feature.puller.MailPullerWorker] Pulling emails for 2 valid channel(s)\n'.repeat(
        4000,
      ),
    );
    const error = Buffer.from(seedPaste);
    async function* log(): AsyncGenerator<Buffer> {
      for (let sent = 0; sent < 100 * MB; ) {
        const chunk = sent % (10 * MB) < noise.length ? error : noise;
        sent += chunk.length;
        yield chunk;
      }
    }
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const sample = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const d = await diagnoseStream(log());
    clearInterval(sample);
    expect(d.input.bytes).toBeGreaterThan(100 * MB - 1);
    expect(ids(d)).toEqual(['graph-scope-domain-prefix']);
    expect(d.findings[0]?.evidence.length).toBeLessThanOrEqual(3);
    expect(peak).toBeLessThan(64 * MB);
  });
});

describe('cutting very long lines never splits a secret', () => {
  const secret = 'Hunter2SecretValue';
  const shows = (d: { findings: { evidence: { text: string }[] }[] }) =>
    JSON.stringify(d.findings).includes(secret.slice(3)) || JSON.stringify(d.findings).includes(secret.slice(0, 10));

  it('in a pasted line, where the 64 KB cut would fall inside the secret', () => {
    const d = diagnose(`${'x'.repeat(65_526)};password=${secret} Invalid audience`);
    expect(d.findings.length).toBeGreaterThan(0);
    expect(shows(d)).toBe(false);
    expect(d.secrets.map((s) => s.kind)).toContain('password');
  });

  it('in a streamed line longer than a megabyte, whatever the chunk boundaries', async () => {
    const before = 'word '.repeat(222_822);
    const line = `${before}password=${secret} Invalid audience ${'word '.repeat(1000)}\n`;
    for (const size of [65_536, 65_537, 4096 * 3 + 1]) {
      const d = await diagnoseStream(chunked(line, size));
      expect(shows(d)).toBe(false);
      expect(d.secrets.map((s) => s.kind)).toContain('password');
    }
  });

  it('drops the ends of a separator-free run that a cut has to go through', async () => {
    const blob = `${'A'.repeat(1_200_000)}${secret}${'B'.repeat(1_200_000)}`;
    const d = await diagnoseStream(chunked(`Invalid audience ${blob} Invalid audience\n`));
    expect(JSON.stringify(d)).not.toContain(secret);
  });
});

describe('percent-encoding', () => {
  it('decodes valid runs, keeps invalid ones, and does not slow down on a million broken escapes', () => {
    const d = diagnose(
      `Invalid%20audience scope=https%3A%2F%2Fgraph.microsoft.com%2FMail.ReadWrite %E2 ${'%E2%'.repeat(300_000)}`,
    );
    expect(d.facts.scopes).toContain('https://graph.microsoft.com/Mail.ReadWrite');
    expect(d.findings[0]?.evidence[0]?.text).toContain('Invalid audience');
  });
});

describe('large pastes', () => {
  it('are read in pieces that let other work run, with the same answer as diagnose()', async () => {
    const big = `${'2023-08-16 INFO [] Caesium-1-4 ServiceRunner Mail puller finished\n'.repeat(40_000)}${seedPaste}`;
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const d = await diagnoseText(big);
    running = false;
    expect(ids(d)).toEqual(ids(diagnose(big)));
    expect(d.input.lines).toBe(diagnose(big).input.lines);
    expect(ticks).toBeGreaterThanOrEqual(2);
  });
});

describe('what a big log holds past its first thousand lines', () => {
  const noise = '2023-08-16 14:58:26,225+0000 INFO [] Caesium-1-4 ServiceRunner Mail puller finished\n'.repeat(1200);

  it('still reads scopes standing alone on a line', async () => {
    const d = await diagnoseStream(chunked(`${noise}Mail.ReadWrite\nUser.Read\nIMAP.AccessAsUser.All\n`));
    expect(d.facts.scopes).toEqual(['Mail.ReadWrite', 'User.Read', 'IMAP.AccessAsUser.All']);
  });

  it('still reads a lower-case AADSTS code', async () => {
    const d = await diagnoseStream(chunked(`${noise}error: aadsts7000222 client secret keys are expired\n`));
    expect(d.facts.errorCodes).toContain('AADSTS7000222');
  });

  it('still warns about a URL-encoded Entra secret', async () => {
    const d = await diagnoseStream(chunked(`${noise}here it is Xk28Q%7EJt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2\n`));
    expect(d.secrets.map((s) => s.kind)).toContain('client-secret');
  });
});

describe('UTF-16 without a byte-order mark, and big-endian', () => {
  it.each([
    ['UTF-16LE without a BOM', Buffer.from(seedPaste, 'utf16le')],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(seedPaste, 'utf16le').swap16()])],
  ])('%s reads like the UTF-8 file', async (_name, bytes) => {
    const d = await diagnoseStream(chunked(bytes, 999));
    expect(d.input.binary).toBe(false);
    expect(ids(d)).toEqual(['graph-scope-domain-prefix']);
  });
});
