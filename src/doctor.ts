import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { diagnoseStream, diagnoseText, linesHoldingSecrets } from './core/index.js';
import { gunzip, isZlibError, withDamagedGzip } from './core/stream.js';
import type { CloudHint, Diagnosis, Facts, Learnt } from './core/types.js';
import { redactedExcerpt } from './learn/excerpt.js';
import { Busy, Gate } from './limit.js';
import { ScanPool } from './scan/pool.js';
import { isBigGzip, planRanges, readBlocks, readRanges, SPLIT_MIN_BYTES } from './scan/split.js';
import { lookupTenant, parseTenant, type TenantLookup } from './tenant/lookup.js';

// The one entry point every front door calls (CLI, JSON API, playground, Slack, Teams): the offline core, plus what
// needs the network to settle an answer — the tenant's cloud from Microsoft's metadata — given to the core as a fact.

export interface DoctorOptions {
  /** Ask Microsoft which cloud a tenant named in the paste is in, when the answer depends on it (TENANT_LOOKUP). */
  tenantLookup: boolean;
  /** The look-up's timeout (default 3 s). */
  tenantLookupTimeoutMs?: number;
  /**
   * Worker threads for big logs and pastes (SCAN_WORKERS), so a server's event loop stays free; 0 (the command
   * line's choice) reads everything in the calling thread.
   */
  scanWorkers?: number;
  /** Big scans that may wait for a worker (SCAN_QUEUE); past that, Busy. */
  scanQueue?: number;
}

export interface ReadOptions {
  /** Read at most this many bytes (unpacked); the answer then says it was truncated. */
  maxBytes?: number;
  /** Clock for token expiry, for tests. */
  now?: number;
}

export interface Paste {
  diagnosis: Diagnosis;
  redacted: () => string;
}

export type Source = Readable | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface Doctor {
  /** A paste: chat markup is undone first. */
  text(text: string, options?: ReadOptions): Promise<Diagnosis>;
  /** A file or body of any size, streamed: plain, gzip, UTF-8, UTF-16 or Windows-1252. */
  file(source: Source, options?: ReadOptions): Promise<Diagnosis>;
  /** A log on disk: a big plain one is read in ranges on every core (scan/split.ts), anything else as `file` reads it. */
  path(file: string, options?: ReadOptions): Promise<Diagnosis>;
  /** A paste's diagnosis, and its redacted excerpt for the learning record (worked out where the paste was read). */
  paste(text: string, options?: ReadOptions): Promise<Paste>;
  /** The lines (1-based) of a paste that held a secret, for a page to blank in its own copy; big pastes in a worker. */
  secretLines(text: string): Promise<number[]>;
  /** Which cloud a tenant (domain, address or GUID) is in; answers "switched off" without a request when it is. */
  tenant(domainOrId: string): Promise<TenantLookup>;
  /** Starts the scan workers now, so the first big log does not wait for them to load (a server starting). */
  warm(): void;
  /** Big scans running in the workers and waiting for one (for /metrics). */
  load(): { active: number; waiting: number };
  /** Stops the scan workers (a server shutting down). */
  close(): Promise<void>;
}

/** Workers the command line starts for one big log (more cores than this gain little over reading the file). */
const MAX_SPLIT_WORKERS = 4;

const CLOUD_QUESTION_ID = 'tenant-cloud';
const NOT_A_TENANT = new Set(['common', 'organizations', 'consumers']);

/** The tenant a paste names: a token's tid, then an endpoint's tenant, then a mailbox address's domain. */
export function tenantNamedBy(facts: Facts): string | null {
  const tid = facts.token?.tid ? parseTenant(facts.token.tid) : null;
  if (tid) return tid;
  for (const endpoint of facts.endpoints) {
    const segment = /^https:\/\/[^/]+\/([^/]+)\//.exec(endpoint)?.[1]?.toLowerCase();
    const tenant = segment && !NOT_A_TENANT.has(segment) ? parseTenant(segment) : null;
    if (tenant) return tenant;
  }
  for (const domain of facts.mailboxDomains) {
    const tenant = parseTenant(domain);
    if (tenant) return tenant;
  }
  return null;
}

/** When the answer waits on "which cloud?" and the paste names a tenant, Microsoft's metadata answers it. */
async function learnCloud(first: Diagnosis, options: DoctorOptions): Promise<Learnt | null> {
  if (!options.tenantLookup || !first.questions.some((q) => q.id === CLOUD_QUESTION_ID)) return null;
  const tenant = tenantNamedBy(first.facts);
  if (!tenant) return null;
  const result = await lookupTenant(tenant, { enabled: true, timeoutMs: options.tenantLookupTimeoutMs }).catch(
    () => null,
  );
  if (!result?.ok) {
    return {
      notes: [
        `The doctor tried to ask Microsoft which cloud tenant ${tenant} is in, but the look-up could not be made${result ? `: ${result.message}` : '.'} The question below still decides it.`,
      ],
    };
  }
  const hint: CloudHint = { cloud: result.cloud, source: 'metadata', line: 0, tenant };
  return { cloudHints: [hint] };
}

/** A few lines of the kinds people paste, for warm(). */
const WARM_UP = [
  '2024-05-02 10:00:00,000+0000 ERROR [] Caesium-1-1 ServiceRunner Exception when MailPullerWorker pulls emails:',
  'AADSTS7000215: Invalid client secret provided. Trace ID: 00000000-0000-0000-0000-000000000000',
  'javax.mail.AuthenticationFailedException: AUTHENTICATE failed.',
  'Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2ln',
  'scope=https://graph.microsoft.com/Mail.ReadWrite offline_access',
].join('\n');

/** Logs read at once in the calling thread, and how many may wait, when there are no workers. */
const INLINE_SCANS = { running: 4, waiting: 16 };
/**
 * Up to this size a log or paste is read where it arrives (a Slack one-liner: a worker's round trip would cost more
 * than it saves); anything longer waits for a worker, however busy, so the event loop only moves bytes and /healthz
 * and Slack's acknowledgements never queue behind a diagnosis.
 */
export const SMALL_SCAN_BYTES = 8 * 1024;
/**
 * A paste or log up to this size that finds every worker taken and the queue full is read here after all, as it
 * always was, rather than refused: a chat message or a watched failure never gets "busy, try again".
 */
export const INLINE_WHEN_FULL_BYTES = 256 * 1024;

/**
 * One scan worker per core, 1 to 4: they run at a lower priority than the server's own thread (scan/worker.ts), so
 * the server's work still comes first, and a busy server uses every core for answers.
 */
export function defaultScanWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The first `limit` bytes of a source, and the rest still to come, so its size decides where it is read. */
async function* endAtDamagedGzip(source: Source, damage: { seen: boolean }): AsyncGenerator<Uint8Array | string> {
  try {
    yield* source as AsyncIterable<Uint8Array | string>;
  } catch (err) {
    if (!isZlibError(err)) throw err;
    damage.seen = true;
  }
}

async function readHead(source: Source, limit: number) {
  const it: AsyncIterator<Uint8Array | string> =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (async function* () {
          yield* source as Iterable<Uint8Array | string>;
        })();
  const head: (Uint8Array | string)[] = [];
  let size = 0;
  let ended = false;
  while (size < limit) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = head[0];
  const gzip = first !== undefined && typeof first !== 'string' && first[0] === 0x1f && first[1] === 0x8b;
  async function* all() {
    yield* head;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  // A small gzip may unpack to the upload limit, so it counts as big.
  return { small: ended && !gzip, head, chunks: all() };
}

export function createDoctor(options: DoctorOptions): Doctor {
  const learn = (first: Diagnosis) => learnCloud(first, options);
  const workers = options.scanWorkers ?? 0;
  const pool = workers > 0 ? new ScanPool(workers, options.scanQueue ?? 32) : null;
  const inline = new Gate(INLINE_SCANS.running, INLINE_SCANS.waiting);
  // Any paste but a short one goes to a worker (the worker also redacts the excerpt the learning record keeps,
  // which costs as much as the diagnosis): reading it here, even while the workers are busy, made /healthz wait
  // 140-230 ms at p99 under 8-32 clients, and gave no more answers per second than the workers give on every core.
  const paste = async (text: string, read: ReadOptions, excerpt: boolean): Promise<Paste> => {
    const here = async () => {
      const diagnosis = await diagnoseText(text, { ...read, learn });
      return { diagnosis, redacted: () => redactedExcerpt(text) };
    };
    if (!pool || text.length <= SMALL_SCAN_BYTES) return here();
    try {
      const r = await pool.run({ kind: 'text', text, excerpt }, read, learn);
      return { diagnosis: r.diagnosis, redacted: () => r.redacted ?? redactedExcerpt(text) };
    } catch (err) {
      if (err instanceof Busy && text.length <= INLINE_WHEN_FULL_BYTES) return here();
      throw err;
    }
  };
  const file = async (given: Source, read: ReadOptions = {}) => {
    // A caller may unpack gzip itself (the playground does, to put the paste box after the file): a break in it is
    // the user's damaged file, answered as such, not a server error.
    const damage = { seen: false };
    const source = endAtDamagedGzip(given, damage);
    const answer = async () => {
      if (!pool) return inline.run(() => diagnoseStream(source, { ...read, learn }));
      const { small, head, chunks } = await readHead(source, INLINE_WHEN_FULL_BYTES);
      const here = () => diagnoseStream(head, { ...read, learn });
      if (small && head.reduce((n, c) => n + c.length, 0) <= SMALL_SCAN_BYTES) return here();
      try {
        return (await pool.run({ kind: 'file', chunks }, read, learn)).diagnosis;
      } catch (err) {
        // Refused before a byte was read from `chunks`: the whole small file is still in `head`.
        if (err instanceof Busy && small) return here();
        throw err;
      }
    };
    const d = await answer();
    return damage.seen ? withDamagedGzip(d) : d;
  };
  /**
   * Both cores on one big log: the server's scan workers, or (the command line) a few started for this file alone. A
   * plain file is cut into ranges each worker reads from disk; a gzip is unpacked here and handed out in blocks.
   */
  const onEveryCore = async (path: string, read: ReadOptions): Promise<Diagnosis | null> => {
    const workers = pool?.workers ?? Math.min(availableParallelism(), MAX_SPLIT_WORKERS);
    if (workers < 2) return null;
    const own = pool ?? new ScanPool(workers, workers * 2);
    try {
      // A file big enough to split: the command's workers load while it is planned (each takes tens of milliseconds).
      const big = Math.min((await stat(path)).size, read.maxBytes ?? Number.POSITIVE_INFINITY) >= SPLIT_MIN_BYTES;
      const gzip = await isBigGzip(path);
      if (!pool && (big || gzip)) own.warm();
      const ranges = await planRanges(path, workers, read.maxBytes);
      if (ranges) return await readRanges(ranges, (range, scan) => own.range(path, range, scan), { ...read, learn });
      if (!gzip) return null;
      const unpacked = createReadStream(path).pipe(gunzip());
      return await readBlocks(unpacked, workers, own.blocks(), {
        ...read,
        learn,
      });
    } catch (err) {
      // A damaged gzip is read again whole, which says how far it got.
      if (isZlibError(err)) return null;
      throw err;
    } finally {
      if (!pool) await own.close();
    }
  };
  return {
    text: async (text, read = {}) => (await paste(text, read, false)).diagnosis,
    paste: (text, read = {}) => paste(text, read, true),
    file,
    path: async (path, read = {}) =>
      (await onEveryCore(path, read)) ?? file(createReadStream(path, { highWaterMark: 1024 * 1024 }), read),
    // Beside a paste's diagnosis (the playground's preview): only a big one takes a second worker job.
    secretLines: async (text) =>
      pool && text.length > INLINE_WHEN_FULL_BYTES ? pool.secretLines(text) : linesHoldingSecrets(text),
    tenant: (domainOrId) =>
      lookupTenant(domainOrId, { enabled: options.tenantLookup, timeoutMs: options.tenantLookupTimeoutMs }),
    warm: () => {
      pool?.warm();
      // The first diagnosis builds the hint automaton and compiles the patterns it meets: done now, it is not paid by
      // the first person to ask (or by a Slack acknowledgement waiting behind them).
      void diagnoseText(WARM_UP);
    },
    load: () => pool?.load ?? { active: 0, waiting: 0 },
    close: async () => pool?.close(),
  };
}
