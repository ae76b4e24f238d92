import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';

// Follows one log file the way Jira writes it: appended to, renamed to `.1` when it rotates (and a new file
// created), now and then truncated. Where it was read up to is kept (by the caller's store), so a restart neither
// repeats a line nor misses one written while the watcher was down. Only whole lines are handed out.

export interface Offset {
  inode: string;
  offset: number;
}

export interface OffsetStore {
  get(path: string): Promise<Offset | null>;
  set(path: string, offset: Offset): Promise<void>;
}

/** A line as read, and how many bytes of the file it took (newline included), for the offset kept on disk. */
export interface Line {
  text: string;
  bytes: number;
}

/** Read at most this much per poll, so a log that grew by gigabytes while the watcher was down is read in steps. */
const READ_BYTES = 4 * 1024 * 1024;
/** A line longer than this is cut (its first part kept): a runaway line must not hold memory. */
const MAX_LINE = 64 * 1024;

type Warn = (problem: string, detail: string) => void;

/** A path that is there but is not a log file: a directory, a named pipe, a device. Never opened. */
class NotALogFile extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Refuses what is not a regular file: opening a named pipe would wait for a writer and stall every other log. */
function mustBeLogFile(st: Stats): void {
  if (st.isFile()) return;
  throw new NotALogFile(st.isDirectory() ? 'EISDIR' : st.isFIFO() ? 'EFIFO' : 'ENOTREG');
}

const NOT_A_LOG: Record<string, string> = {
  EISDIR: 'it is a directory; name the log file inside it (atlassian-jira-incoming-mail.log)',
  EFIFO: 'it is a named pipe (FIFO), not a log file; the watcher reads regular files only',
  ENOTREG: 'it is not a regular file (a device or socket?); the watcher reads regular files only',
};

/** Why a path given to watch is not a log file, as a sentence naming it; null for a file or a path not there yet. */
export async function notALogFile(path: string): Promise<string | null> {
  const st = await stat(path).catch(() => null);
  if (!st) return null;
  try {
    mustBeLogFile(st);
    return null;
  } catch (err) {
    return `${path} ${(NOT_A_LOG[(err as NotALogFile).code] ?? '').replace(/^it /, '')}`;
  }
}

/** Read-only, and never waiting: on a regular file O_NONBLOCK changes nothing, on a pipe swapped in it returns. */
const openLog = (path: string) => open(path, constants.O_RDONLY | constants.O_NONBLOCK);

export class Tail {
  private file: FileHandle | null = null;
  private inode = '';
  private offset = 0;
  /** Read bytes not yet handed out as a line: the start of an unfinished one. */
  private carry: Buffer = Buffer.alloc(0);
  private problem = '';
  private committed: Offset = { inode: '', offset: -1 };
  /** Polls in a row that found nothing at the path while a file was open. */
  private missing = 0;
  /** The last poll stopped at READ_BYTES with more written after it: the caller polls again at once. */
  behind = false;

  constructor(
    readonly path: string,
    private readonly offsets: OffsetStore,
    private readonly options: { fromStart: boolean; warn: Warn },
  ) {}

  /** The whole lines written since the last call (from an older file first, when the log rotated). */
  async poll(): Promise<Line[]> {
    const lines: Line[] = [];
    try {
      this.behind = false;
      if (!this.file && !(await this.openAt(lines))) return lines;
      this.behind = await this.readTo(lines);
      if (await this.followRotation(lines)) this.problem = '';
    } catch (err) {
      this.report(err);
      await this.closeFile();
    }
    return lines;
  }

  /**
   * Keeps, for a restart, where the lines handed out so far end, less `pendingBytes` of them the caller has not dealt
   * with yet (a record still open): those are read again after a restart, never lost.
   */
  async commit(pendingBytes = 0): Promise<void> {
    if (!this.inode) return;
    const offset = Math.max(0, this.offset - this.carry.length - pendingBytes);
    // A quiet log writes nothing: the database is touched only when the position moved.
    if (offset === this.committed.offset && this.inode === this.committed.inode) return;
    this.committed = { inode: this.inode, offset };
    await this.offsets.set(this.path, this.committed);
  }

  async close(): Promise<void> {
    await this.closeFile();
  }

  /** Opens the log, resuming where a previous run stopped (reading the rotated `.1` first if it moved meanwhile). */
  private async openAt(lines: Line[]): Promise<boolean> {
    let file: FileHandle;
    try {
      mustBeLogFile(await stat(this.path));
      file = await openLog(this.path);
    } catch (err) {
      this.report(err);
      return false;
    }
    const st = await file.stat();
    if (!st.isFile()) {
      await file.close();
      this.report(new NotALogFile('ENOTREG'));
      return false;
    }
    const saved = await this.offsets.get(this.path);
    const inode = String(st.ino);
    if (saved && saved.inode === inode) {
      this.offset = saved.offset <= st.size ? saved.offset : 0;
    } else if (saved) {
      // Rotated while the watcher was down: the rest of the old file is under .1 (if it is still there).
      await this.drainRotated(`${this.path}.1`, saved, lines);
      this.offset = 0;
    } else {
      this.offset = this.options.fromStart ? 0 : st.size;
    }
    this.file = file;
    this.inode = inode;
    this.carry = Buffer.alloc(0);
    return true;
  }

  private async drainRotated(path: string, saved: Offset, lines: Line[]) {
    try {
      const st = await stat(path);
      if (String(st.ino) !== saved.inode || st.size <= saved.offset) return;
      mustBeLogFile(st);
      const old = await openLog(path);
      try {
        let carry: Buffer = Buffer.alloc(0);
        for (let at = saved.offset; at < st.size; ) {
          const buf = Buffer.alloc(Math.min(READ_BYTES, st.size - at));
          const { bytesRead } = await old.read(buf, 0, buf.length, at);
          if (bytesRead === 0) break;
          at += bytesRead;
          carry = splitLines(carry, buf.subarray(0, bytesRead), lines);
        }
        // The old file is finished: an unended last line is a line.
        if (carry.length > 0) lines.push({ text: carry.toString('utf8'), bytes: carry.length });
      } finally {
        await old.close();
      }
    } catch {
      // The rotated file is gone too: what it held after the saved offset cannot be read any more.
    }
  }

  /** Reads what was appended (up to READ_BYTES); true when more is waiting. */
  private async readTo(lines: Line[]): Promise<boolean> {
    const file = this.file as FileHandle;
    const { size } = await file.stat();
    if (size < this.offset) {
      // Truncated in place: start again from the top.
      this.offset = 0;
      this.carry = Buffer.alloc(0);
    }
    let left = Math.min(size - this.offset, READ_BYTES);
    while (left > 0) {
      const buf = Buffer.alloc(Math.min(left, 1024 * 1024));
      const { bytesRead } = await file.read(buf, 0, buf.length, this.offset);
      // The size ran ahead of what can be read (a file system that says so): not "behind", or the caller would spin.
      if (bytesRead === 0) return false;
      this.offset += bytesRead;
      left -= bytesRead;
      this.carry = splitLines(this.carry, buf.subarray(0, bytesRead), lines);
    }
    return size > this.offset;
  }

  /**
   * A new file at the path (rotation): the old one is read to its end first, then the new one from the start. False
   * while nothing is at the path.
   */
  private async followRotation(lines: Line[]): Promise<boolean> {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(this.path);
      this.missing = 0;
    } catch (err) {
      // Renamed and not yet created again: keep reading the old file until the new one appears. Gone for two polls
      // in a row is not a rotation in progress but a deleted or moved log: say so (once).
      if (++this.missing >= 2) this.report(err);
      return false;
    }
    if (String(st.ino) === this.inode) return true;
    mustBeLogFile(st);
    while (await this.readTo(lines));
    if (this.carry.length > 0) lines.push({ text: this.carry.toString('utf8'), bytes: this.carry.length });
    this.carry = Buffer.alloc(0);
    await this.closeFile();
    this.file = await openLog(this.path);
    this.inode = String((await this.file.stat()).ino);
    this.offset = 0;
    this.behind = await this.readTo(lines);
    return true;
  }

  private async closeFile() {
    const file = this.file;
    this.file = null;
    await file?.close().catch(() => {});
  }

  /** One warning per kind of problem (a missing file, no permission), not one per poll. */
  private report(err: unknown) {
    const code = (err as NodeJS.ErrnoException)?.code ?? 'error';
    if (code === this.problem) return;
    this.problem = code;
    const detail =
      code === 'ENOENT'
        ? 'it does not exist (yet); watching for it to appear'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied; give the user running the doctor read access'
          : (NOT_A_LOG[code] ?? `${(err as Error)?.message ?? err}`.split('\n')[0] ?? code);
    this.options.warn(code, detail);
  }
}

/** Whole lines out of what was carried plus new bytes; returns the unfinished end (a runaway one is cut and let go). */
function splitLines(carry: Buffer, bytes: Buffer, lines: Line[]): Buffer {
  let all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
  for (let nl = all.indexOf(10); nl !== -1; nl = all.indexOf(10)) {
    const end = nl > 0 && all[nl - 1] === 13 ? nl - 1 : nl;
    lines.push({ text: all.subarray(0, Math.min(end, MAX_LINE)).toString('utf8'), bytes: nl + 1 });
    all = all.subarray(nl + 1);
  }
  if (all.length <= MAX_LINE) return Buffer.from(all);
  lines.push({ text: all.subarray(0, MAX_LINE).toString('utf8'), bytes: all.length });
  return Buffer.alloc(0);
}
