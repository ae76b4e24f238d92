import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Diagnosis } from '../core/types.js';
import type { Platform } from '../store/port.js';

// Prometheus metrics (GET /metrics): what was answered, how fast, how much was read, what failed to send, and what
// the watcher is doing. Labels are closed sets (doors, rule ids, confidences, platforms, events): never pasted
// text, a secret or a user id.

const PREFIX = 'mailhandler_doctor_';

export class Metrics {
  readonly registry = new Registry();
  private readonly diagnoses = new Counter({
    name: `${PREFIX}diagnoses_total`,
    help: 'Answers given, by front door, top finding (rule id, or "none") and its confidence.',
    labelNames: ['door', 'rule', 'confidence'] as const,
    registers: [this.registry],
  });
  private readonly seconds = new Histogram({
    name: `${PREFIX}diagnosis_seconds`,
    help: 'Time to diagnose a paste or a file.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly bytes = new Counter({
    name: `${PREFIX}scanned_bytes_total`,
    help: 'Bytes read by diagnoses (unpacked).',
    registers: [this.registry],
  });
  /** Read when scraped. */
  private load: () => { active: number; waiting: number } = () => ({ active: 0, waiting: 0 });
  private readonly queue: Gauge = new Gauge({
    name: `${PREFIX}scan_queue_depth`,
    help: 'Big scans waiting for a scan worker.',
    registers: [this.registry],
    collect: (): void => this.queue.set(this.load().waiting),
  });
  private readonly busyWorkers: Gauge = new Gauge({
    name: `${PREFIX}scan_workers_busy`,
    help: 'Scan workers reading a big log or paste now.',
    registers: [this.registry],
    collect: (): void => this.busyWorkers.set(this.load().active),
  });
  private readonly sendErrors = new Counter({
    name: `${PREFIX}chat_send_errors_total`,
    help: 'Replies or posts Slack or Teams did not take (after retries).',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  private readonly watchEvents = new Counter({
    name: `${PREFIX}watch_events_total`,
    help: 'What the watcher saw: failure (posted), repeat, muted, held-back, recovered.',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly watchPolled = new Gauge({
    name: `${PREFIX}watch_last_poll_timestamp_seconds`,
    help: 'When the watcher last finished reading its logs (lag = now minus this).',
    registers: [this.registry],
  });
  private readonly lease = new Gauge({
    name: `${PREFIX}watch_lease_held`,
    help: '1 on the replica that holds the watch lease (reads the logs), 0 on the others.',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  /** Where the scan workers' load is read from at each scrape. */
  readLoadFrom(load: () => { active: number; waiting: number }): void {
    this.load = load;
  }

  answered(door: string, d: Diagnosis): void {
    const top = d.findings[0];
    this.diagnoses.inc({ door, rule: top?.id ?? 'none', confidence: top?.confidence ?? 'none' });
  }

  /** Times a diagnosis and counts what it read. */
  async timed(kind: 'paste' | 'file', work: () => Promise<Diagnosis>): Promise<Diagnosis> {
    const end = this.seconds.startTimer({ kind });
    const d = await work();
    end();
    this.bytes.inc(d.input.bytes);
    return d;
  }

  sendFailed(platform: Platform): void {
    this.sendErrors.inc({ platform });
  }

  watched(event: string): void {
    this.watchEvents.inc({ event });
  }

  polled(at: number): void {
    this.watchPolled.set(at / 1000);
  }

  holding(held: boolean): void {
    this.lease.set(held ? 1 : 0);
  }
}
