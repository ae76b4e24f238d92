import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { fixture, freshDataDir, SECRETS, spliceSecrets } from '../helpers.js';

// GET /metrics as Prometheus scrapes it: the text format, names that follow Prometheus' conventions, counts that
// move with what the bot did, and nothing from a paste in any label.

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ PORT: '0', LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off', DATA_DIR: freshDataDir() });
});
afterAll(() => app.close());

const scrape = async () => {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

/** The value of one sample line, e.g. `name{a="b"} 3`; 0 when it is not there yet. */
const sample = (text: string, line: RegExp) =>
  Number(
    text
      .split('\n')
      .find((l) => line.test(l))
      ?.split(' ')
      .pop() ?? 0,
  );

describe('/metrics', () => {
  it('counts answers by front door, rule and confidence, times them, and counts the bytes read', async () => {
    const before = await scrape();
    const paste = spliceSecrets(`${fixture('seed', 'rc1-incoming-mail.log')}${fixture('seed', 'rc1-scopes.txt')}`);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${app.url}/api/diagnose`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: paste }),
      });
      expect(res.status).toBe(200);
    }
    const after = await scrape();
    const answered =
      /^mailhandler_doctor_diagnoses_total\{door="api",rule="graph-scope-domain-prefix",confidence="confirmed"\} /;
    expect(sample(after, answered) - sample(before, answered)).toBe(2);
    const timed = /^mailhandler_doctor_diagnosis_seconds_count\{kind="paste"\} /;
    expect(sample(after, timed) - sample(before, timed)).toBeGreaterThanOrEqual(2);
    const bytes = /^mailhandler_doctor_scanned_bytes_total /;
    expect(sample(after, bytes) - sample(before, bytes)).toBeGreaterThanOrEqual(2 * paste.length * 0.9);
    for (const secret of Object.values(SECRETS)) expect(after).not.toContain(secret.slice(0, 12));
    expect(after).not.toContain('Invalid audience');
  });

  it('names every metric as Prometheus asks: a prefix, snake case, _total counters, base units', async () => {
    const text = await scrape();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => ({ name: m[1] ?? '', type: m[2] ?? '' }));
    expect(types.length).toBeGreaterThan(10);
    for (const { name, type } of types) {
      expect(name).toMatch(/^mailhandler_doctor_[a-z0-9_]+$/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
      // prom-client's standard process metrics keep their usual names (nodejs_active_resources_total is a gauge).
      const standard = /^mailhandler_doctor_(?:nodejs|process)_/.test(name);
      if (type !== 'counter' && !standard) expect(name).not.toMatch(/_total$/);
      expect(name).not.toMatch(/_(ms|milliseconds|minutes|kb|mb)(_|$)/);
    }
    const ours = types.map((t) => t.name);
    for (const name of [
      'mailhandler_doctor_diagnoses_total',
      'mailhandler_doctor_diagnosis_seconds',
      'mailhandler_doctor_scanned_bytes_total',
      'mailhandler_doctor_scan_queue_depth',
      'mailhandler_doctor_scan_workers_busy',
      'mailhandler_doctor_chat_send_errors_total',
      'mailhandler_doctor_watch_events_total',
      'mailhandler_doctor_watch_last_poll_timestamp_seconds',
      'mailhandler_doctor_watch_lease_held',
    ]) {
      expect(ours).toContain(name);
    }
    // Labels hold closed sets only: no label value longer than a rule id.
    for (const m of text.matchAll(/="([^"]*)"/g)) expect((m[1] ?? '').length).toBeLessThanOrEqual(60);
  });
});
