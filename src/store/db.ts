import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

// The embedded database: one SQLite file under DATA_DIR, in WAL mode, its schema brought up to date by numbered
// migrations. It holds what the bot learns (answers, feedback, unknown pastes) and what the watcher remembers.
// Opening it may fail (a read-only disk, a corrupt file): callers then carry on without it.

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

export const DATABASE_FILE = 'mailhandler-doctor.sqlite';

/** Each entry moves the schema one version up; never edit one that has shipped, add the next. */
const MIGRATIONS: string[] = [
  // 1: the learning loop.
  `CREATE TABLE answers (
     id TEXT PRIMARY KEY,
     at INTEGER NOT NULL,
     door TEXT NOT NULL
   );
   CREATE INDEX answers_at ON answers (at);
   CREATE TABLE answer_findings (
     answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
     rule TEXT NOT NULL,
     rank INTEGER NOT NULL,
     PRIMARY KEY (answer_id, rule)
   );
   CREATE INDEX answer_findings_rule ON answer_findings (rule);
   CREATE TABLE feedback (
     answer_id TEXT NOT NULL,
     person TEXT NOT NULL,
     rule TEXT NOT NULL,
     verdict TEXT NOT NULL CHECK (verdict IN ('fixed', 'not-it')),
     door TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (answer_id, person)
   );
   CREATE INDEX feedback_at ON feedback (at);
   CREATE TABLE unknowns (
     shape TEXT PRIMARY KEY,
     first_at INTEGER NOT NULL,
     last_at INTEGER NOT NULL,
     count INTEGER NOT NULL,
     door TEXT NOT NULL,
     reason TEXT NOT NULL,
     summary TEXT NOT NULL,
     example TEXT NOT NULL
   );
   CREATE INDEX unknowns_last_at ON unknowns (last_at);`,
  // 2: the watcher (where each log was read up to, what was posted) and the Teams channels it may post to.
  `CREATE TABLE watch_offsets (
     path TEXT PRIMARY KEY,
     inode TEXT NOT NULL,
     offset INTEGER NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE TABLE watch_failures (
     key TEXT PRIMARY KEY,
     rule TEXT NOT NULL,
     subject TEXT NOT NULL,
     log TEXT NOT NULL,
     text TEXT NOT NULL,
     first_seen INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     count INTEGER NOT NULL,
     posted_at INTEGER,
     count_posted_at INTEGER,
     counted INTEGER NOT NULL DEFAULT 0,
     open INTEGER NOT NULL DEFAULT 1,
     recovered_at INTEGER,
     acked_by TEXT,
     muted_until INTEGER,
     muted_by TEXT
   );
   CREATE TABLE watch_refs (
     key TEXT NOT NULL,
     channel TEXT NOT NULL,
     ref TEXT NOT NULL,
     PRIMARY KEY (key, channel)
   );
   CREATE TABLE watch_posts (at INTEGER NOT NULL);
   CREATE INDEX watch_posts_at ON watch_posts (at);
   CREATE TABLE watch_hours (
     hour INTEGER PRIMARY KEY,
     suppressed INTEGER NOT NULL,
     summarized INTEGER NOT NULL
   );
   CREATE TABLE teams_channels (
     channel TEXT PRIMARY KEY,
     reference TEXT NOT NULL,
     at INTEGER NOT NULL
   );`,
  // Which expiry reminders were posted: one per credential and threshold (30, 7, 1 days).
  `CREATE TABLE expiry_reminders (
     credential TEXT NOT NULL,
     threshold INTEGER NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (credential, threshold)
   );`,
  // 4: the state port (src/store/sqlite.ts): values with an expiry, sliding windows, small sets. The watcher's,
  // Teams' and the reminders' tables move into it, keys as src/watch/state.ts and src/watch/expiry.ts name them.
  `CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
   CREATE INDEX kv_expires ON kv (expires);
   CREATE TABLE kv_windows (key TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX kv_windows_key_at ON kv_windows (key, at);
   CREATE TABLE kv_sets (name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (name, member));
   INSERT INTO kv (key, value) SELECT 'watch:offset:' || path, json_object('inode', inode, 'offset', offset)
     FROM watch_offsets;
   INSERT INTO kv (key, value) SELECT 'watch:failure:' || key, json_object('key', key, 'rule', rule,
       'subject', subject, 'log', log, 'text', text, 'firstSeen', first_seen, 'lastSeen', last_seen, 'count', count,
       'postedAt', posted_at, 'countPostedAt', count_posted_at, 'counted', counted, 'open', json(iif(open, 'true', 'false')),
       'recoveredAt', recovered_at, 'ackedBy', acked_by, 'mutedUntil', muted_until, 'mutedBy', muted_by)
     FROM watch_failures;
   INSERT INTO kv_sets (name, member) SELECT 'watch:open', key FROM watch_failures
     WHERE open = 1 AND posted_at IS NOT NULL;
   INSERT INTO kv (key, value) SELECT 'watch:ref:' || channel || ':' || key, ref FROM watch_refs;
   INSERT INTO kv (key, value) SELECT 'teams:channel:' || channel, reference FROM teams_channels;
   INSERT INTO kv (key, value) SELECT 'expiry:' || threshold || ':' || credential, at FROM expiry_reminders;
   DROP TABLE watch_offsets; DROP TABLE watch_failures; DROP TABLE watch_refs; DROP TABLE watch_posts;
   DROP TABLE watch_hours; DROP TABLE teams_channels; DROP TABLE expiry_reminders;`,
];

/** better-sqlite3 is loaded on first use: the command line's `diagnose` never needs it. */
function driver(): typeof BetterSqlite3 {
  return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
}

/** What is wrong with DATA_DIR as a place for the database, in a sentence; null when it is a directory or not there yet. */
export function dataDirProblem(dir: string): string | null {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return `DATA_DIR (${dir}) cannot be read (${code ?? 'error'}); point DATA_DIR at a directory this user can read.`;
  }
  return st.isDirectory()
    ? null
    : `DATA_DIR (${dir}) is a file, not a directory; point DATA_DIR at the directory that holds ${DATABASE_FILE}.`;
}

/** Opens (creating if need be) the database in `dir` and migrates it. Throws when it cannot: callers decide. */
export function openDatabase(dir: string, options: { readonly?: boolean } = {}): Database {
  if (options.readonly !== true) mkdirSync(dir, { recursive: true });
  const Sqlite = driver();
  const readonly = options.readonly === true;
  const db = new Sqlite(join(dir, DATABASE_FILE), { readonly, fileMustExist: readonly });
  try {
    // A locked file is waited on briefly, never for long: an answer must not hang on it.
    db.pragma('busy_timeout = 1000');
    if (readonly) return db;
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Database) {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export interface StoreOptions {
  dir: string;
  /** Warnings about the database go here (once per kind of failure). */
  logger: { warn(info: object, message: string): void };
  /** Only read (the `report` command): never create or change the database. */
  readOnly?: boolean;
}

/**
 * The one database of a process, opened when first needed and shared by whatever keeps state (the learning loop,
 * the watcher). Every use goes through `read` or `write`: a failure is logged once per kind and the caller gets its
 * fallback, so a locked, full, corrupt or read-only database never stops an answer or a post.
 */
export class Store {
  private db: Database | null = null;
  private tried = false;
  private readonly warned = new Set<string>();

  constructor(readonly options: StoreOptions) {}

  /** The database, or null when it cannot be opened (already warned about). */
  open(what: string): Database | null {
    if (this.db) return this.db;
    if (this.tried) return null;
    this.tried = true;
    try {
      this.db = openDatabase(this.options.dir, { readonly: this.options.readOnly });
      return this.db;
    } catch (err) {
      this.warn(what, err);
      return null;
    }
  }

  /** Runs a read; its fallback when the database is unavailable or the read fails. */
  read<T>(what: string, fallback: T, work: (db: Database) => T): T {
    const db = this.open(what);
    if (!db) return fallback;
    try {
      return work(db);
    } catch (err) {
      this.warn(what, err);
      return fallback;
    }
  }

  /** Runs a write in a transaction; false when it could not be made. */
  write(what: string, work: (db: Database) => void): boolean {
    const db = this.open(what);
    if (!db) return false;
    try {
      db.transaction(() => work(db))();
      return true;
    } catch (err) {
      this.warn(what, err);
      return false;
    }
  }

  close(): void {
    try {
      this.db?.close();
    } catch {
      // Closing a broken database has nothing left to do.
    }
    this.db = null;
  }

  private warn(what: string, err: unknown) {
    const code = (err as { code?: string })?.code ?? 'error';
    if (this.warned.has(code)) return;
    this.warned.add(code);
    const message = String((err as Error)?.message ?? err)
      .split('\n')[0]
      ?.slice(0, 200);
    this.options.logger.warn(
      { err: { message, code }, dir: this.options.dir },
      `could not ${what} in the database; carrying on without it`,
    );
  }
}
