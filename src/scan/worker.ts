import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import {
  buildHintAutomata,
  diagnoseStream,
  diagnoseText,
  linesHoldingSecrets,
  MessageMemo,
  scanRange,
} from '../core/index.js';
import type { Diagnosis, Learnt } from '../core/types.js';
import { redactedExcerpt } from '../learn/excerpt.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { rangeChunks } from './split.js';

// A scan worker: reads one big log or paste at a time, off the server's event loop, pulling the bytes as it goes.

const port = parentPort;
if (!port) throw new Error('scan/worker.ts runs as a worker thread (see scan/pool.ts)');

/** Scans are the work that can wait: on Linux this thread yields the CPU to the server's own (acknowledgements). */
const SCAN_NICENESS = 10;
try {
  // Linux keeps a niceness per thread; /proc/thread-self names this one.
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(thread)) setPriority(thread, SCAN_NICENESS);
} catch {
  // Not Linux, or not allowed: the scan runs at the server's priority.
}

// Built before the first job arrives (the command starts its workers while it plans a big file, see doctor.ts); a
// server's worker that only ever reads pastes pays some 25 ms and 2 MB for it once.
buildHintAutomata();

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
let current = -1;
const inbox: ToWorker[] = [];
let wake: (() => void) | null = null;

async function next(): Promise<ToWorker> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return inbox.shift() as ToWorker;
}

class Aborted extends Error {}

async function* pulled(job: number): AsyncGenerator<Uint8Array> {
  send({ type: 'pull', job });
  for (;;) {
    const m = await next();
    if (m.type === 'chunk') {
      // Ask for the next piece before reading this one, so the transfer overlaps the scan.
      send({ type: 'pull', job });
      yield m.bytes;
    } else if (m.type === 'end') {
      return;
    } else if (m.type === 'abort') {
      throw new Aborted();
    }
  }
}

async function learn(job: number, first: Diagnosis): Promise<Learnt | null> {
  send({ type: 'first', job, diagnosis: first });
  for (;;) {
    const m = await next();
    if (m.type === 'learnt' && m.job === job) return m.learnt;
  }
}

async function run(m: ToWorker & { type: 'file' | 'text' }) {
  const { job } = m;
  const options = { ...m.options, learn: (first: Diagnosis) => learn(job, first) };
  try {
    const diagnosis =
      m.type === 'text' ? await diagnoseText(m.text, options) : await diagnoseStream(pulled(job), options);
    const redacted = m.type === 'text' && m.excerpt ? redactedExcerpt(m.text) : undefined;
    send({ type: 'done', job, diagnosis, ...(redacted === undefined ? {} : { redacted }) });
  } catch (err) {
    send({ type: 'failed', job, message: err instanceof Error ? err.message : String(err) });
  }
}

/** A range of a file on disk, read here (no bytes cross from the server): its part, for the server to take in. */
async function readRange(m: ToWorker & { type: 'range' }) {
  try {
    const chunks = rangeChunks(m.path, m.start, m.end);
    send({ type: 'part', job: m.job, part: await scanRange(chunks, { ...m.options, startLine: m.startLine }) });
  } catch (err) {
    send({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * The messages met in the blocks of the last log read here: its next block replays them (exact, since blocks come
 * in order and are taken in order; see MessageMemo). Bounded like any scan's, only ever compared (never shown),
 * and dropped when this worker's next job arrives.
 */
let memo: { log: number; messages: MessageMemo } | null = null;

port.on('message', (m: ToWorker) => {
  if (m.type === 'block') {
    current = m.job;
    inbox.length = 0;
    if (memo?.log !== m.log) memo = { log: m.log, messages: new MessageMemo() };
    scanRange([m.bytes], { ...m.options, startLine: m.startLine, memo: memo.messages }).then(
      (part) => send({ type: 'part', job: m.job, part, bytes: m.bytes }, [m.bytes.buffer as ArrayBuffer]),
      (err: Error) => send({ type: 'failed', job: m.job, message: err.message }),
    );
    return;
  }
  // Any other job: the last log's messages are of no more use.
  memo = null;
  if (m.type === 'range') {
    current = m.job;
    inbox.length = 0;
    void readRange(m);
    return;
  }
  if (m.type === 'secret-lines') {
    current = m.job;
    inbox.length = 0;
    try {
      send({ type: 'lines', job: m.job, lines: linesHoldingSecrets(m.text) });
    } catch (err) {
      send({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  if (m.type === 'file' || m.type === 'text') {
    current = m.job;
    inbox.length = 0;
    void run(m);
    return;
  }
  if (m.job !== current) return;
  inbox.push(m);
  wake?.();
  wake = null;
});
