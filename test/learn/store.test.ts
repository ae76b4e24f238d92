import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { diagnose, redactText } from '../../src/core/index.js';
import { createLearner } from '../../src/learn/learner.js';
import { shapeOf } from '../../src/learn/shape.js';
import { createLogger } from '../../src/logger.js';
import { DATABASE_FILE, Store } from '../../src/store/db.js';
import { SqliteState } from '../../src/store/sqlite.js';
import { allFixtures, SECRETS, spliceSecrets } from '../helpers.js';

// What is kept, and what is not: unknown pastes by shape (one row however often they come), never a secret, nothing
// at all with LEARN=off, and no answer held up by a database that cannot be written.

const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const fresh = () => mkdtempSync(join(tmpdir(), 'mhd-learn-'));
const UNKNOWN = (id: string, at: string) =>
  `${at} ERROR [] Caesium-1-2 ServiceRunner Request ${id} from helpdesk@contoso.com: the sprocket relay answered 7 (code 0x5e)`;
const SECRET_SHAPES = JSON.parse(readFileSync(new URL('../security/secret-shapes.json', import.meta.url), 'utf8')) as {
  text: string;
  secret: string;
}[];

async function started(env: Record<string, string>, logger = createLogger('silent')): Promise<RunningApp> {
  return startApp({ PORT: '0', LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off', ...env }, logger);
}

const diagnoseVia = (app: RunningApp, text: string) =>
  fetch(`${app.url}/api/diagnose`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });

/** Every byte the database keeps: the file and its write-ahead log. */
function stored(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith(DATABASE_FILE))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('the shape of an unknown paste', () => {
  it('is the same when only ids, times, numbers and addresses differ, and differs with the error', () => {
    const facts = { errorCodes: [], exceptions: [] };
    const a = shapeOf(UNKNOWN('9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000'), facts);
    const b = shapeOf(UNKNOWN('00000000-1111-2222-3333-444444444444', '2025-11-30 23:59:59,999'), facts);
    expect(a.key).toBe(b.key);
    const other = shapeOf(
      UNKNOWN('9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000').replace('sprocket', 'gearbox'),
      facts,
    );
    expect(other.key).not.toBe(a.key);
    // Codes are the failure itself: two codes, two shapes.
    expect(shapeOf('AADSTS50126 sign-in failed', { errorCodes: ['AADSTS50126'], exceptions: [] }).key).not.toBe(
      shapeOf('AADSTS50034 sign-in failed', { errorCodes: ['AADSTS50034'], exceptions: [] }).key,
    );
  });
});

describe('unknown pastes through the JSON API', () => {
  it('are one row with a count, whatever their GUID and timestamp, and show in the report and as a corpus case', async () => {
    const dir = fresh();
    const app = await started({ DATA_DIR: dir });
    try {
      for (const [id, at] of [
        ['9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000'],
        ['11111111-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-06-07 08:09:10,111'],
        ['22222222-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2025-01-01 00:00:00,001'],
      ]) {
        const res = await diagnoseVia(app, UNKNOWN(id as string, at as string));
        expect(res.status).toBe(200);
        expect(res.headers.get('x-answer-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
      const report = (await (await fetch(`${app.url}/api/report?since=30d`)).json()) as {
        answers: number;
        unknownAnswers: number;
        unknowns: { shape: string; count: number; example: string }[];
      };
      expect(report.answers).toBe(3);
      expect(report.unknownAnswers).toBe(3);
      expect(report.unknowns).toHaveLength(1);
      expect(report.unknowns[0]?.count).toBe(3);
      expect(report.unknowns[0]?.example).toContain('the sprocket relay answered');
      const file = await fetch(`${app.url}/api/report/unknowns/${report.unknowns[0]?.shape}.txt`);
      expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="unknown-[0-9a-f]{16}\.txt"/);
      const text = await file.text();
      expect(text).toMatch(
        /^---\nsource: mailhandler-doctor install \(api; first seen \d{4}-\d{2}-\d{2}, 3 times; no finding\)\n/,
      );
      expect(text).toMatch(/\nexpect: \[\]/);
      expect(text).toContain('the sprocket relay answered');
      expect((await fetch(`${app.url}/api/report/unknowns/0000000000000000.txt`)).status).toBe(404);
      expect((await fetch(`${app.url}/api/report?since=tomorrow`)).status).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('are read back by `mailhandler-doctor report`, in words and as JSON', async () => {
    const dir = fresh();
    const app = await started({ DATA_DIR: dir });
    try {
      await diagnoseVia(app, UNKNOWN('9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000'));
      await diagnoseVia(app, 'AADSTS7000215: Invalid client secret provided.');
    } finally {
      await app.close();
    }
    const words = spawnSync(process.execPath, [BIN, 'report', '--since', '7d'], {
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(words.status).toBe(0);
    expect(words.stdout).toMatch(/2 answers, 1 with no finding/);
    expect(words.stdout).toMatch(/entra-secret-id-instead-of-value\s+1\s+0\s+0\s+api 1\/0\/0/);
    expect(words.stdout).toMatch(/seen 1x, .* api, no finding: .*sprocket relay/);
    const json = spawnSync(process.execPath, [BIN, 'report', '--json'], {
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(JSON.parse(json.stdout).unknowns[0].count).toBe(1);
    const none = spawnSync(process.execPath, [BIN, 'report'], {
      env: { ...process.env, DATA_DIR: fresh() },
      encoding: 'utf8',
    });
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/No learning database in .* \(nothing recorded yet, or DATA_DIR points elsewhere\)/);
    const aFile = join(fresh(), 'not-a-directory');
    writeFileSync(aFile, 'x');
    const misplaced = spawnSync(process.execPath, [BIN, 'report'], {
      env: { ...process.env, DATA_DIR: aFile },
      encoding: 'utf8',
    });
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toMatch(/DATA_DIR \(.*not-a-directory\) is a file, not a directory/);
    expect(misplaced.stdout).toBe('');
    const bad = spawnSync(process.execPath, [BIN, 'report', '--since', 'soon'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/since must be a number of days/);
  });
});

describe('what is stored', () => {
  it('holds no secret from any fixture or secret shape, kept as unknowns and as "Not it" pastes', async () => {
    const dir = fresh();
    const state = new SqliteState(new Store({ dir, logger: createLogger('silent') }));
    const learner = createLearner({ records: state.learning, retentionDays: 30 });
    const texts = [...allFixtures().map(([, t]) => spliceSecrets(t)), ...SECRET_SHAPES.map((s) => s.text)];
    for (const text of texts) {
      const d = diagnose(text);
      // As every front door does: the redacted text, both as an answer (an unknown when nothing was found) and kept.
      const id = await learner.answered('api', { ...d, findings: [] }, redactText(text));
      await learner.keep(id, 'slack', redactText(text), d);
    }
    await state.close();
    const bytes = stored(dir);
    expect(bytes.length).toBeGreaterThan(10_000);
    const secrets = [...Object.values(SECRETS), ...SECRET_SHAPES.map((s) => s.secret)];
    // A piece the fixtures hold anyway (a digit run inside a GUID, say) proves nothing.
    const ordinary = allFixtures()
      .map(([, t]) => t)
      .join('\n');
    const leaked = secrets.filter((secret) => {
      for (let i = 0; i + 8 <= secret.length; i++) {
        const piece = secret.slice(i, i + 8);
        if (bytes.includes(piece) && !ordinary.includes(piece)) return true;
      }
      return false;
    });
    expect(leaked).toEqual([]);
  });

  it('is nothing at all with LEARN=off: no database, no file, and no feedback buttons', async () => {
    const dir = fresh();
    const app = await started({ DATA_DIR: dir, LEARN: 'off' });
    try {
      const res = await diagnoseVia(app, UNKNOWN('9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-answer-id')).toBeNull();
      const preview = (await (
        await fetch(`${app.url}/api/preview`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'AADSTS7000215: Invalid client secret provided.' }),
        })
      ).json()) as { answerId?: string };
      expect(preview.answerId).toBeUndefined();
      const report = (await (await fetch(`${app.url}/api/report`)).json()) as { learning: boolean };
      expect(report.learning).toBe(false);
    } finally {
      await app.close();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps answers for LEARN_DAYS only', async () => {
    const dir = fresh();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const state = new SqliteState(new Store({ dir, logger: createLogger('silent') }), () => now);
    const learner = createLearner({ records: state.learning, retentionDays: 30, now: () => now });
    await learner.answered('api', diagnose('nothing here at all'), 'nothing here at all');
    now += 31 * 24 * 60 * 60 * 1000;
    // The next write prunes what is older than the retention.
    await learner.answered('api', diagnose('AADSTS7000215: Invalid client secret provided.'), 'x');
    const report = await learner.report({ days: 3650 });
    expect(report.answers).toBe(1);
    expect(report.unknowns).toEqual([]);
    await state.close();
  });
});

describe('a database that cannot be written', () => {
  for (const [name, prepare] of [
    [
      'is corrupt',
      (dir: string) => writeFileSync(join(dir, DATABASE_FILE), 'this is not a database, just text '.repeat(500)),
    ],
    ['sits where a directory should be (DATA_DIR is a file)', (dir: string) => writeFileSync(join(dir, 'data'), 'x')],
  ] as const) {
    it(`still lets every front door answer when it ${name}, with one warning`, async () => {
      const root = fresh();
      prepare(root);
      const dir = name.startsWith('sits') ? join(root, 'data') : root;
      const logged: string[] = [];
      const { pino } = await import('pino');
      const logger = pino({ level: 'warn' }, { write: (l: string) => logged.push(l) });
      const app = await startApp({ PORT: '0', LOG_LEVEL: 'warn', TENANT_LOOKUP: 'off', DATA_DIR: dir }, logger);
      try {
        for (let i = 0; i < 3; i++) {
          const res = await diagnoseVia(app, 'AADSTS7000215: Invalid client secret provided.');
          expect(res.status).toBe(200);
          expect(((await res.json()) as { findings: { id: string }[] }).findings[0]?.id).toBeDefined();
        }
        const preview = await fetch(`${app.url}/api/preview`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: UNKNOWN('9f1c4b1e-3a0e-4f3e-9a53-2d6a3e4f5b6c', '2024-05-02 10:00:00,000') }),
        });
        expect(preview.status).toBe(200);
        const report = (await (await fetch(`${app.url}/api/report`)).json()) as { unavailable?: string };
        expect(report.unavailable).toMatch(/could not be opened/);
      } finally {
        await app.close();
      }
      const warned = logged.filter((l) => /in the database; carrying on without it/.test(l));
      expect(warned).toHaveLength(1);
    });
  }

  it('still answers while another process holds the database locked', async () => {
    const dir = fresh();
    const app = await started({ DATA_DIR: dir });
    try {
      await diagnoseVia(app, 'AADSTS7000215: Invalid client secret provided.');
      const other = new Database(join(dir, DATABASE_FILE));
      other.exec('BEGIN EXCLUSIVE');
      try {
        const res = await diagnoseVia(app, 'AADSTS7000215: Invalid client secret provided.');
        // The write waits at most its busy timeout (1 s), then gives up; the answer goes out.
        expect(res.status).toBe(200);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    } finally {
      await app.close();
    }
  });
});
