import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Offset, type OffsetStore, Tail } from '../../src/watch/tail.js';

// Following a log as Jira writes it, with real files: appends, rotation to .1, truncation, a restart in between,
// a file that is not there yet. Every line is handed out once, none is lost.

class Memory implements OffsetStore {
  readonly saved = new Map<string, Offset>();
  async get(path: string) {
    return this.saved.get(path) ?? null;
  }
  async set(path: string, offset: Offset) {
    this.saved.set(path, offset);
  }
}

function setup(fromStart = false) {
  const dir = mkdtempSync(join(tmpdir(), 'mhd-tail-'));
  const path = join(dir, 'atlassian-jira-incoming-mail.log');
  const offsets = new Memory();
  const warnings: string[] = [];
  const tail = () => new Tail(path, offsets, { fromStart, warn: (code) => warnings.push(code) });
  return { dir, path, offsets, warnings, tail };
}

const texts = async (t: Tail) => {
  const lines = (await t.poll()).map((l) => l.text);
  await t.commit();
  return lines;
};

describe('following a log', () => {
  it('starts at the end, then hands out each appended whole line once', async () => {
    const { path, tail } = setup();
    writeFileSync(path, 'old line 1\nold line 2\n');
    const t = tail();
    expect(await texts(t)).toEqual([]);
    appendFileSync(path, 'new 1\nnew 2\r\nhalf');
    expect(await texts(t)).toEqual(['new 1', 'new 2']);
    expect(await texts(t)).toEqual([]);
    appendFileSync(path, ' a line\n');
    expect(await texts(t)).toEqual(['half a line']);
    await t.close();
  });

  it('says it is behind when a log grew by more than one read, so the watcher reads on at once', async () => {
    const { path, tail } = setup();
    writeFileSync(path, '');
    const t = tail();
    await texts(t);
    expect(t.behind).toBe(false);
    const line = '2024-05-02 10:00:00,000+0000 DEBUG [Caesium-1-1] org.apache.http.wire - routine\n';
    appendFileSync(path, line.repeat(Math.ceil((9 * 1024 * 1024) / line.length)));
    appendFileSync(path, 'the failure\n');
    const reads: number[] = [];
    let last: string[] = [];
    do {
      last = await texts(t);
      reads.push(last.length);
    } while (t.behind);
    // Three reads of at most 4 MB each, every line handed out once, the last line last.
    expect(reads.length).toBe(3);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(Math.ceil((9 * 1024 * 1024) / line.length) + 1);
    expect(last.at(-1)).toBe('the failure');
    expect(await texts(t)).toEqual([]);
    expect(t.behind).toBe(false);
    await t.close();
  });

  it('reads the whole file first with --from-start', async () => {
    const { path, tail } = setup(true);
    writeFileSync(path, 'one\ntwo\n');
    const t = tail();
    expect(await texts(t)).toEqual(['one', 'two']);
    await t.close();
  });

  it('follows rotation: the rest of the old file, then the new one from its start', async () => {
    const { path, tail } = setup();
    writeFileSync(path, '');
    const t = tail();
    await texts(t);
    appendFileSync(path, 'before rotation\n');
    expect(await texts(t)).toEqual(['before rotation']);
    appendFileSync(path, 'written just before the rename\n');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'first line of the new file\n');
    expect(await texts(t)).toEqual(['written just before the rename', 'first line of the new file']);
    appendFileSync(path, 'second\n');
    expect(await texts(t)).toEqual(['second']);
    await t.close();
  });

  it('starts over when the file is truncated', async () => {
    const { path, tail } = setup();
    writeFileSync(path, 'a fairly long first line\n');
    const t = tail();
    await texts(t);
    truncateSync(path, 0);
    appendFileSync(path, 'after truncation\n');
    expect(await texts(t)).toEqual(['after truncation']);
    await t.close();
  });

  it('loses nothing and repeats nothing across a restart, a rotation while down included', async () => {
    const { path, tail } = setup();
    writeFileSync(path, '');
    let t = tail();
    await texts(t);
    appendFileSync(path, 'seen before the stop\n');
    expect(await texts(t)).toEqual(['seen before the stop']);
    await t.close();
    // Down: more lines, then a rotation, then more in the new file.
    appendFileSync(path, 'written while down\n');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'new file while down\n');
    t = tail();
    expect(await texts(t)).toEqual(['written while down', 'new file while down']);
    await t.close();
    t = tail();
    expect(await texts(t)).toEqual([]);
    await t.close();
  });

  it('keeps a line the caller has not dealt with for after a restart', async () => {
    const { path, tail } = setup();
    writeFileSync(path, '');
    let t = tail();
    await texts(t);
    appendFileSync(path, 'dealt with\nstill open\n');
    const lines = await t.poll();
    // The caller still holds the last line (an open record): it is not committed as read.
    await t.commit(lines[1]?.bytes ?? 0);
    await t.close();
    t = tail();
    expect(await texts(t)).toEqual(['still open']);
    await t.close();
  });

  it('warns once about a missing or unreadable file, and reads it when it can', async () => {
    const { path, warnings, tail } = setup(true);
    const t = tail();
    expect(await texts(t)).toEqual([]);
    expect(await texts(t)).toEqual([]);
    expect(warnings).toEqual(['ENOENT']);
    writeFileSync(path, 'now it exists\n');
    expect(await texts(t)).toEqual(['now it exists']);
    // Deleted: one warning again (not for the moment of a rotation), and the watcher goes on.
    rmSync(path);
    expect(await texts(t)).toEqual([]);
    expect(warnings).toEqual(['ENOENT']);
    expect(await texts(t)).toEqual([]);
    expect(await texts(t)).toEqual([]);
    expect(warnings).toEqual(['ENOENT', 'ENOENT']);
    // Created again: read from its start.
    writeFileSync(path, 'back again\n');
    expect(await texts(t)).toEqual(['back again']);
    rmSync(path);
    expect(await texts(t)).toEqual([]);
    expect(await texts(t)).toEqual([]);
    expect(warnings).toEqual(['ENOENT', 'ENOENT', 'ENOENT']);
    await t.close();
  });
});
