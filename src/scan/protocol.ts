import type { RangePart } from '../core/index.js';
import type { Diagnosis, Learnt } from '../core/types.js';

// The messages between the server and a scan worker. Every message names its job, so a late reply to a job that is
// over (a chunk the worker no longer wants) is recognised and dropped.

/** What a scan may be told: how much to read, and the clock for token expiry (tests). */
export interface ScanOptions {
  maxBytes?: number;
  now?: number;
}

export type ToWorker =
  | { type: 'file'; job: number; options: ScanOptions }
  /** `excerpt`: also send back the paste's redacted excerpt, for the learning record (redacting costs a scan). */
  | { type: 'text'; job: number; options: ScanOptions; text: string; excerpt?: boolean }
  /** Which lines of a paste held a secret (the playground blanks them in its own copy), without a diagnosis. */
  | { type: 'secret-lines'; job: number; text: string }
  /**
   * One block of whole lines of a log, its lines numbered from `startLine` (a gzip unpacked by the server). `log` names
   * the log: a worker keeps the messages it met in one block for the next block of the same log it is given.
   */
  | { type: 'block'; job: number; log: number; bytes: Uint8Array; startLine: number; options: ScanOptions }
  /** One line-aligned range of a log on disk, its lines numbered from `startLine` (scan/split.ts). */
  | { type: 'range'; job: number; path: string; start: number; end: number; startLine: number; options: ScanOptions }
  | { type: 'chunk'; job: number; bytes: Uint8Array }
  | { type: 'end'; job: number }
  /** The source failed (the client went away, a size limit): the worker gives the job up. */
  | { type: 'abort'; job: number }
  | { type: 'learnt'; job: number; learnt: Learnt | null };

export type FromWorker =
  /** The next piece of the file, please: the worker asks, so a slow scan never has the server buffer for it. */
  | { type: 'pull'; job: number }
  /** The answer so far, for the server to learn from (the tenant look-up needs the network). */
  | { type: 'first'; job: number; diagnosis: Diagnosis }
  | { type: 'done'; job: number; diagnosis: Diagnosis; redacted?: string }
  | { type: 'lines'; job: number; lines: number[] }
  /** `bytes`: a block's own bytes, moved back once read, for the server to unpack the next block into. */
  | { type: 'part'; job: number; part: RangePart; bytes?: Uint8Array }
  | { type: 'failed'; job: number; message: string };
