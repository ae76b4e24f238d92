import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFailure, isSuccess, type LogRecord, RecordAssembler, subjectOf } from '../../src/watch/records.js';

// Jira's incoming-mail log lines as people posted them (the corpus cases below carry their sources): an ERROR line
// and its stack trace become one record, named after the handler it is about.

const CORPUS = join(import.meta.dirname, '..', 'corpus', 'tune');
const body = (name: string) => readFileSync(join(CORPUS, name), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

function records(text: string): LogRecord[] {
  const assembler = new RecordAssembler();
  const out: LogRecord[] = [];
  for (const line of text.split('\n')) {
    const done = assembler.push(line, Buffer.byteLength(line) + 1);
    if (done) out.push(done);
  }
  const last = assembler.flush();
  if (last) out.push(last);
  return out.filter((r) => r.text.trim() !== '');
}

describe('log records', () => {
  it('joins an ERROR line with its exception, stack frames (indented or not) and Caused by', () => {
    const text = body('jira--kb-a3-bad-user-authenticated-not-connected.txt');
    const next =
      '2014-09-12 07:41:48,051 INFO [365 IMAP] QuartzScheduler_Worker-3 ServiceRunner Help Desk Handler[10100]: next';
    const [first, second] = records(`${text.trimEnd()}\n${next}`);
    expect(first?.lines).toBe(text.trimEnd().split('\n').length);
    expect(first?.text).toContain('Caused by: com.sun.mail.iap.BadCommandException');
    expect(first && isFailure(first)).toBe(true);
    expect(second?.text).toBe(next);
  });

  it('names the handler, whatever thread and category columns stand before it', () => {
    expect(subjectOf(body('jira--kb-a3-bad-user-authenticated-not-connected.txt'))).toBe('Help Desk Handler[10100]');
    expect(subjectOf(body('jira--kb-a3-bad-request-is-throttled.txt'))).toBe('XXX Mail Handler[10001]');
    expect(subjectOf('2024-05-02 10:00:01,000 ERROR anonymous Caesium-1-3 ServiceRunner Support[10200]: x')).toBe(
      'Support[10200]',
    );
    expect(subjectOf('javax.mail.AuthenticationFailedException: AUTHENTICATE failed.')).toBe('');
  });

  it('tells a failure from the handler working again', () => {
    const ok: LogRecord = {
      text: '2024-05-02 10:00:01,000 INFO ServiceRunner Support[10200]: A2 OK AUTHENTICATE completed.',
      lines: 1,
    };
    const bad: LogRecord = {
      text: '2024-05-02 10:00:01,000 ERROR ServiceRunner Support[10200]: A2 NO AUTHENTICATE failed.',
      lines: 1,
    };
    expect([isSuccess(ok), isFailure(ok)]).toEqual([true, false]);
    expect([isSuccess(bad), isFailure(bad)]).toEqual([false, true]);
  });
});
