// Log lines → records: an ERROR line with its stack trace, `Caused by` and `... 12 more` lines joined into one
// record, as a person would paste it. Also says which records are failures worth a diagnosis, which show the mail
// handler working again, and which handler or mailbox a record names.

/** A line that starts a new record: a timestamp first, as every Jira log line has. */
const STARTS_RECORD = /^\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/;
/**
 * A line that belongs to the record above it: a stack frame (indented or not), a cause, an exception's own line, an
 * indented one.
 */
const CONTINUES =
  /^(?:\s|at [\w$.<>]+\(|Caused by:|\.\.\. \d+ more|nested exception is|[a-z][\w$]*(?:\.[\w$]+)+(?:Exception|Error)\b|[A-Z][\w$]*(?:Exception|Error)\b)/;
/** At most this many lines go into one record: a stack trace is long, a runaway one is cut. */
const MAX_LINES = 200;

const FAILURE =
  /\b(?:ERROR|FATAL|SEVERE)\b|Exception\b|\bAADSTS\d{4,7}\b|\bNO (?:AUTHENTICATE|LOGIN)\b|\bBAD (?:Request|User|Command)|\bfailed\b/;
/**
 * The handler working again. No public log shows Jira's success lines word for word, so these are the shapes mail
 * clients print when a poll goes through: an IMAP login or mailbox selected, a Graph call answered 200, messages
 * pulled or processed.
 */
const SUCCESS =
  /\bOK (?:\[[\w-]{1,20}\] )?(?:AUTHENTICATE|LOGIN|SELECT|EXAMINE)\b|HTTP\/1\.1 200 OK|\b(?:pulled|fetched|processed|received) \d+ (?:new )?(?:messages?|e-?mails?)\b|\bno new (?:messages|e-?mails|mail)\b|\bcreated (?:request|issue) [A-Z][A-Z0-9]+-\d+/i;

export interface LogRecord {
  text: string;
  lines: number;
}

export class RecordAssembler {
  private lines: string[] = [];
  /** Bytes of the file the record in progress took: not yet dealt with, so not yet "read" for a restart. */
  pendingBytes = 0;

  /** Adds a line; returns the record it closes, if it starts a new one. */
  push(line: string, bytes: number): LogRecord | null {
    if (this.lines.length > 0 && CONTINUES.test(line) && !STARTS_RECORD.test(line)) {
      if (this.lines.length < MAX_LINES) this.lines.push(line);
      this.pendingBytes += bytes;
      return null;
    }
    const done = this.flush();
    this.lines = [line];
    this.pendingBytes = bytes;
    return done;
  }

  /** The record in progress, as it stands (when the log has gone quiet, it is complete). */
  flush(): LogRecord | null {
    if (this.lines.length === 0) return null;
    const record = { text: this.lines.join('\n'), lines: this.lines.length };
    this.lines = [];
    this.pendingBytes = 0;
    return record;
  }
}

export const isFailure = (r: LogRecord): boolean => FAILURE.test(r.text);
export const isSuccess = (r: LogRecord): boolean => !isFailure(r) && SUCCESS.test(r.text);

/**
 * The connection or channel a record names, where the log says: Jira's own handlers log `<name>[<id>]`, and a
 * mailbox address names the channel. '' when it names none.
 */
export function subjectOf(text: string): string {
  const handler = /(?:^|[\s\]])([A-Za-z0-9][^[\]\n:]{0,80}?)\[(\d{3,10})\]:/.exec(text);
  if (handler) {
    // The logger's own columns (the thread, "ServiceRunner") can stand before the name; the same handler logged from
    // another worker thread is the same handler.
    const name = (handler[1] ?? '').replace(/^.*\bServiceRunner\b/, '').trim();
    return `${name}[${handler[2]}]`;
  }
  const mailbox =
    /\b(?:user(?:name)?|mailbox|account|login)\s{0,3}[=:]\s{0,3}["']?([\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})/i.exec(
      text,
    );
  return mailbox?.[1]?.toLowerCase() ?? '';
}
