import { Worker } from 'node:worker_threads';
import type { RangePart } from '../core/index.js';
import type { Diagnosis, Learnt } from '../core/types.js';
import { Busy, Gate } from '../limit.js';
import type { FromWorker, ScanOptions, ToWorker } from './protocol.js';
import type { BlockReader, Range } from './split.js';

// Big logs and pastes are read in worker threads, so the server's event loop stays free for what must be quick:
// Slack's 3-second acknowledgement, Teams' reply, /healthz. A few workers, a bounded line of jobs waiting for one,
// and past that a Busy error the front door turns into 503 or "busy, try again".

export type Learn = (first: Diagnosis) => Promise<Learnt | null>;
export type ScanJob =
  | { kind: 'file'; chunks: AsyncIterator<Uint8Array | string> }
  | { kind: 'text'; text: string; excerpt?: boolean };
/** A worker's answer, and for a text job that asked, the paste's redacted excerpt. */
export interface ScanResult {
  diagnosis: Diagnosis;
  redacted?: string;
}

/** Buffers kept for a log's next blocks: readBlocks has at most workers + 1 out, so a few cover the usual pools. */
const SPARE_BLOCKS = 4;

/** A scan worker's heap: a runaway scan ends that worker (its job gets an error), never the server. */
const WORKER_HEAP_MB = 256;

function spawnWorker(): Worker {
  const here = import.meta.url;
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 4 } };
  if (here.endsWith('.js')) return new Worker(new URL('./worker.js', here), options);
  // Run from TypeScript source (tsx, vitest): a worker does not inherit the loader hooks, so it registers tsx itself.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./worker.ts', here).href);
  const boot = `import { register } from ${tsx}; register(); await import(${entry});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

interface Slot {
  worker: Worker;
  onMessage?: (m: FromWorker) => void;
  onLost?: (err: Error) => void;
}

export class ScanPool {
  private readonly idle: Slot[] = [];
  private readonly live = new Set<Slot>();
  private readonly gate: Gate;
  /**
   * Log files read at once, with two workers or more: one fewer than the workers, so a paste always finds a worker
   * soon and big uploads arriving together do not each hold a worker's memory (three 43 MB gzips, server under tsx:
   * 274 MB with one at a time, 358 MB with two).
   */
  private readonly files: Gate | null;
  private jobs = 0;
  private logs = 0;
  private closed = false;

  constructor(
    readonly workers: number,
    readonly queue: number,
  ) {
    // SCAN_QUEUE bounds what waits in both lines together (run() checks it): the gates' own bounds never bite.
    this.gate = new Gate(workers, Number.POSITIVE_INFINITY);
    this.files = workers > 1 ? new Gate(workers - 1, Number.POSITIVE_INFINITY) : null;
  }

  /** Starts the workers now rather than on the first big log (each takes a moment to load the rules). */
  warm(): void {
    while (this.live.size < this.workers) this.idle.push(this.spawn());
  }

  run(job: ScanJob, options: ScanOptions, learn: Learn): Promise<ScanResult> {
    const scan = () => this.onWorker((slot) => this.runOn(slot, job, options, learn));
    const files = job.kind === 'file' ? this.files : null;
    const filesFull = files !== null && files.load.active >= this.workers - 1;
    return this.admitted(() => (files ? files.run(scan) : scan()), filesFull);
  }

  /** The lines of a paste that held a secret, worked out in a worker (a 10 MB paste takes a second or more). */
  secretLines(text: string): Promise<number[]> {
    return this.admitted(() =>
      this.onWorker((slot) =>
        this.answerOn<number[]>(slot, { type: 'secret-lines', job: 0, text }, (m) =>
          m.type === 'lines' ? m.lines : undefined,
        ),
      ),
    );
  }

  /**
   * The reader of one log's blocks of whole lines (scan/split.ts): each block is moved (not copied) to a worker and
   * read there, and a worker given several blocks of this log keeps the messages it met from one to the next.
   */
  blocks(): BlockReader {
    const log = ++this.logs;
    // Blocks come back once read and are unpacked into again: fresh 4 MB buffers cost page faults and garbage.
    const spares: ArrayBuffer[] = [];
    return {
      read: (bytes, startLine, options) =>
        this.onWorker((slot) =>
          this.answerOn<RangePart>(
            slot,
            { type: 'block', job: 0, log, bytes, startLine, options },
            (m) => {
              if (m.type !== 'part') return undefined;
              if (m.bytes && spares.length < SPARE_BLOCKS) spares.push(m.bytes.buffer as ArrayBuffer);
              return m.part;
            },
            [bytes.buffer as ArrayBuffer],
          ),
        ),
      spare: (size) => {
        const i = spares.findIndex((b) => b.byteLength >= size);
        return i === -1 ? undefined : new Uint8Array(spares.splice(i, 1)[0] as ArrayBuffer, 0, size);
      },
    };
  }

  /** One range of a log on disk, read by a worker (scan/split.ts). */
  range(path: string, range: Range, options: ScanOptions): Promise<RangePart> {
    return this.onWorker((slot) =>
      this.answerOn<RangePart>(slot, { type: 'range', job: 0, path, ...range, options }, (m) =>
        m.type === 'part' ? m.part : undefined,
      ),
    );
  }

  /** Busy at once when a job would have to wait and `queue` jobs wait already, in either line. */
  private admitted<T>(enter: () => Promise<T>, lineFull = false): Promise<T> {
    const { active, waiting } = this.load;
    const mustWait = lineFull || active >= this.workers;
    if (mustWait && waiting >= this.queue) return Promise.reject(new Busy(5));
    return enter();
  }

  private onWorker<T>(work: (slot: Slot) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      const slot = this.idle.pop() ?? this.spawn();
      try {
        return await work(slot);
      } finally {
        if (this.live.has(slot) && !this.closed) this.idle.push(slot);
      }
    });
  }

  /** Sends one message and waits for the one answer `pick` recognises (or a failure, or the worker's loss). */
  private answerOn<T>(
    slot: Slot,
    message: ToWorker,
    pick: (m: FromWorker) => T | undefined,
    transfer: ArrayBuffer[] = [],
  ): Promise<T> {
    const id = ++this.jobs;
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        slot.onMessage = undefined;
        slot.onLost = undefined;
      };
      slot.onLost = (err) => {
        settle();
        reject(err);
      };
      slot.onMessage = (m) => {
        if (m.job !== id) return;
        const answer = pick(m);
        if (answer !== undefined) {
          settle();
          resolve(answer);
        } else if (m.type === 'failed') {
          settle();
          reject(new Error(m.message));
        }
      };
      slot.worker.postMessage({ ...message, job: id } satisfies ToWorker, transfer);
    });
  }

  get load(): { active: number; waiting: number } {
    return { active: this.gate.load.active, waiting: this.gate.load.waiting + (this.files?.load.waiting ?? 0) };
  }

  async close(): Promise<void> {
    this.closed = true;
    // Each worker's exit ends its job, if it had one, with an error (see spawn).
    await Promise.all([...this.live].map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: spawnWorker() };
    // An idle worker never keeps the process alive (the CLI, a test run, a shutdown).
    slot.worker.unref();
    slot.worker.on('message', (m: FromWorker) => slot.onMessage?.(m));
    const lost = (err: Error) => {
      if (!this.live.delete(slot)) return;
      const i = this.idle.indexOf(slot);
      if (i !== -1) this.idle.splice(i, 1);
      slot.onLost?.(err);
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`the scan worker stopped (exit code ${code})`)));
    this.live.add(slot);
    return slot;
  }

  private runOn(slot: Slot, job: ScanJob, options: ScanOptions, learn: Learn): Promise<ScanResult> {
    const id = ++this.jobs;
    const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => slot.worker.postMessage(m, transfer);
    return new Promise<ScanResult>((resolve, reject) => {
      /** Why the source failed (a size limit, a client gone): that, not the worker's echo of it, is the answer. */
      let sourceError: unknown;
      let pulls = Promise.resolve();
      const pull = async (chunks: AsyncIterator<Uint8Array | string>) => {
        try {
          const next = await chunks.next();
          if (next.done) return post({ type: 'end', job: id });
          // A copy with its own memory, moved (not copied again) to the worker; a Buffer may share Node's pool.
          const bytes = new Uint8Array(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
          post({ type: 'chunk', job: id, bytes }, [bytes.buffer as ArrayBuffer]);
        } catch (err) {
          sourceError = err;
          post({ type: 'abort', job: id });
        }
      };
      const settle = () => {
        slot.onMessage = undefined;
        slot.onLost = undefined;
      };
      slot.onLost = (err) => {
        settle();
        reject(sourceError ?? err);
      };
      slot.onMessage = (m) => {
        if (m.job !== id) return;
        if (m.type === 'pull' && job.kind === 'file') {
          pulls = pulls.then(() => pull(job.chunks));
        } else if (m.type === 'first') {
          void learn(m.diagnosis)
            .catch(() => null)
            .then((learnt) => post({ type: 'learnt', job: id, learnt }));
        } else if (m.type === 'done') {
          settle();
          resolve({ diagnosis: m.diagnosis, ...(m.redacted === undefined ? {} : { redacted: m.redacted }) });
        } else if (m.type === 'failed') {
          settle();
          reject(sourceError ?? new Error(m.message));
        }
      };
      if (job.kind === 'text') post({ type: 'text', job: id, options, text: job.text, excerpt: job.excerpt });
      else post({ type: 'file', job: id, options });
    });
  }
}
