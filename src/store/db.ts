import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

// The embedded database: one SQLite file under DATA_DIR, in WAL mode, its schema brought up to date by numbered
// migrations. It holds what the bot learns (answers, feedback, unknown pastes) and what the watcher remembers.
// Opening it may fail (a read-only disk, a corrupt file): callers then carry on without it.

export type Database = BetterSqlite3.Database;

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
];

/** better-sqlite3 is loaded on first use: the command line's `diagnose` never needs it. */
function driver(): typeof BetterSqlite3 {
  return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
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
