import { isAscii } from 'node:buffer';
import { dropCutRuns, lastSeparator, nextSeparator } from './cutting.js';
import {
  CUE_HINTS,
  FACT_HINTS,
  FactCollector,
  type FactsPart,
  MAX_ITEMS as MAX_FACT_ITEMS,
  type Vote,
} from './facts.js';
import { allHints, EVERY_PATTERN, HintAutomaton, type HintedLine, type HintGate, LineHints } from './hints.js';
import { normalizeChat, normalizeLine } from './normalize.js';
import { maskLikelySecrets } from './output-filter.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { type RedactionState, redactionWaiting, redactSecrets, SECRET_HINTS, type SecretSink } from './secrets.js';
import { ALL_SIGNATURES, type Signature } from './signatures.js';
import { snippet } from './snippet.js';
import { stampLength, stampLengthOfText } from './timestamp.js';
import type {
  Confidence,
  Diagnosis,
  Evidence,
  Finding,
  Learnt,
  Question,
  SecretFound,
  SecretKind,
  TokenFacts,
} from './types.js';

export interface DiagnoseOptions {
  /** Read at most this many bytes; the answer then says the input was truncated. */
  maxBytes?: number;
  /** Clock for token expiry, for tests. */
  now?: number;
  /**
   * Lines examined in full before the hint prefilter starts (default 1,000), so a chat paste or a config fragment is
   * always read whole, while a big log spends its time only on lines that carry a hint. Tests set 0 and Infinity to
   * prove the hints lose nothing.
   */
  fullScanLines?: number;
  /** Runs every pattern on every line examined, ignoring the hints: tests set it to prove the hints lose nothing. */
  everyPattern?: boolean;
  /** Lines before the first one fed: a later range of a log split across workers numbers its lines from here. */
  startLine?: number;
  /** Replays a message read before instead of reading it again (default on): tests turn it off to prove it exact. */
  rememberLines?: boolean;
  /**
   * The messages remembered, when they come from an earlier part of the same log: a worker reading one gzip's blocks
   * keeps them from block to block. Exact because parts are taken in order, and what a replay leaves out (first
   * values, capped lists) the earlier part already holds.
   */
  memo?: MessageMemo;
}

/** What a Scanner gathered from one range of a log: another Scanner takes it in with `absorb` (src/scan/split.ts). */
export interface ScanPart {
  endLine: number;
  facts: FactsPart;
  hits: Map<string, Hit[]>;
  secrets: SecretFound[];
  secretShapes: string[];
  tokenNotes: string[];
  /** Where redaction stood after the last line: a value promised to the next line, a key block still open. */
  redaction: RedactionState;
}

/** Long lines are examined in slices of this size so no pattern ever sees megabytes at once. */
const MAX_SLICE = 64 * 1024;
const EVIDENCE_PER_SIGNATURE = 3;
const MAX_SECRETS = 100;
const CONFIDENCE_ORDER: Record<Confidence, number> = { confirmed: 0, likely: 1, possible: 2 };
/** Between equally certain findings, what Microsoft or Atlassian document comes before what we infer. */
const BASIS_ORDER = { documented: 0, reported: 1, inferred: 2 } as const;

// Rules are loaded first (the import above), so every signature they and the shared module made is registered.
const SIGNATURES: Signature[] = RULES.length > 0 ? [...ALL_SIGNATURES] : [];
const FULL_SCAN_LINES = 1000;
/**
 * A big log says the same few hundred things all day: its messages are remembered, up to this many (then forgotten
 * all at once, so a log whose messages never repeat costs a clear now and then), each up to MAX_REMEMBERED long.
 */
const REMEMBERED_LINES = 4096;
const MAX_REMEMBERED = 4096;
/** And up to this many bytes of them in all, so lines built to be long and distinct cannot hold more. */
const REMEMBERED_BYTES = 8 * 1024 * 1024;
/**
 * Messages with the same hash kept at once, the newest replacing the oldest: a log built to collide costs a few
 * comparisons, never a long list.
 */
const SAME_HASH = 4;

/**
 * A hash of a message: its length, its first 96 bytes (thread, logger, the words), its last 32 (where a token's
 * signature is) and about 32 spread between; messages that share one are told apart by comparing them.
 */
function messageHash(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from;
  let h = n | 0;
  const head = from + Math.min(n, 96);
  for (let i = from; i < head; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  for (let i = head; i < to; i += n > 256 ? n >> 5 : 1) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  for (let i = Math.max(head, to - 32); i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h;
}

/**
 * What reading a message added that a repeat of it must add again at its own line: what redaction reported (a
 * secret's line, the token, a note), the votes, and the signatures it matched (signature index, match index pairs).
 * The rest (first values, capped lists) is kept once, so reading it again would change nothing.
 */
interface LineRecord {
  bytes: Buffer;
  clean: string;
  said: ({ secret: SecretKind; shape?: 'guid' } | { token: Omit<TokenFacts, 'line'> } | { malformed: string })[];
  votes: Vote[];
  hits: number[];
}
/** Messages read so far (up to REMEMBERED_LINES and REMEMBERED_BYTES), with what reading each added: see examine. */
export class MessageMemo {
  private readonly byHash = new Map<number, LineRecord[]>();
  private count = 0;
  private bytes = 0;

  /** The record of the message bytes[from, to), if it was read before. */
  find(hash: number, bytes: Uint8Array, from: number, to: number): LineRecord | undefined {
    const same = this.byHash.get(hash);
    if (!same) return undefined;
    for (const r of same) if (r.bytes.length === to - from && r.bytes.compare(bytes, from, to) === 0) return r;
    return undefined;
  }

  add(hash: number, record: LineRecord): void {
    if (this.count >= REMEMBERED_LINES || this.bytes >= REMEMBERED_BYTES) {
      this.byHash.clear();
      this.count = 0;
      this.bytes = 0;
    }
    const same = this.byHash.get(hash);
    if (!same) this.byHash.set(hash, [record]);
    else if (same.push(record) > SAME_HASH) same.shift();
    this.count++;
    this.bytes += record.bytes.length + record.clean.length;
  }
}

/** The rules, highest priority first: notes and questions come out in this order, whatever RULES' order. */
const BY_PRIORITY = [...RULES].sort((a, b) => b.priority - a.priority);
const ALL_SIGNATURE_INDEXES = SIGNATURES.map((_, i) => i);
/** The rest of a JWT-like run, from where `eyJ` ends (sticky, so it only looks there). */
const TOKEN_RUN = /[A-Za-z0-9_.-]*/y;
const isWordCharacter = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * The prefilter's hints: those any match must contain, minus broad ones (handler and protocol names appear on most
 * lines of a mail log, and the first lines plus every hinted line settle them). `%2`/`%3`/`%7e` catch URL-encoded
 * lines, whose hints only appear once decoded.
 */
export function prefilterHints(): string[] {
  const cues = new Set(CUE_HINTS.map((h) => h.toLowerCase()));
  const hints = [...SECRET_HINTS, ...FACT_HINTS, ...SIGNATURES.filter((s) => !s.broad).flatMap((s) => s.hints)]
    .map((h) => h.toLowerCase())
    .filter((h) => !cues.has(h));
  return [...new Set([...hints, '%2', '%3', '%7e'])];
}

/**
 * Built on first use, once every module has registered its hints: which lines of a big file to read at all (the
 * prefilter), and which hints a line read holds, so each pattern runs only where it can match (the gate).
 */
interface Automata {
  gate: HintAutomaton;
  hints: number;
  signaturesByHint: number[][];
  /** Built on the first line past the lines read whole: a paste never needs it. */
  prefilter(): HintAutomaton;
}
let automata: Automata | undefined;
function hintAutomata(): Automata {
  if (!automata) {
    const gateHints = allHints();
    // For each hint, the signatures that need it: a line's hints then name the few signatures worth trying.
    const signaturesByHint: number[][] = gateHints.map(() => []);
    SIGNATURES.forEach((sig, i) => {
      for (const id of sig.hintIds) if (!signaturesByHint[id]?.includes(i)) signaturesByHint[id]?.push(i);
    });
    let prefilter: HintAutomaton | undefined;
    automata = {
      gate: new HintAutomaton(gateHints),
      hints: gateHints.length,
      signaturesByHint,
      prefilter: () => {
        prefilter ??= new HintAutomaton(prefilterHints().map((text, id) => ({ text, id })));
        return prefilter;
      },
    };
  }
  return automata;
}

/**
 * Builds the automata now (tens of milliseconds), before a big log arrives: a scan worker does it while the file is
 * being planned.
 */
export function buildHintAutomata(): void {
  hintAutomata().prefilter();
}

/** The hints a line holds, as the gate sees them (for tests of the hints themselves). */
export function hintsIn(line: string): HintGate {
  const automata = hintAutomata();
  const seen = new LineHints(automata.hints);
  automata.gate.mark(line, seen);
  return seen;
}

/** Whether a big file's line would be read at all past its first lines, as the prefilter decides (for tests). */
export function passesPrefilter(line: string): boolean {
  const bytes = new TextEncoder().encode(line);
  return hintAutomata().prefilter().testBytes(bytes, 0, bytes.length);
}

const NON_ASCII = /[^\p{ASCII}]/u;

export interface Hit extends Evidence {
  index: number;
}

export class Scanner {
  private lineNo = 0;
  private facts = new FactCollector();
  private hits = new Map<string, Hit[]>();
  private secrets: SecretFound[] = [];
  private secretShapes = new Set<string>();
  private tokenNotes: string[] = [];
  /** Carries a value promised by one line (or piece of a long line) to the next. */
  private redaction: RedactionState = {};
  /** The hint automata, built when first needed: a scanner that only takes in other scanners' parts never is. */
  private get automata(): Automata {
    return hintAutomata();
  }
  /** The hints of the line being examined. */
  private seenHints: LineHints | undefined;
  private readonly found: HintedLine = { start: 0, end: 0, newlinesBefore: 0 };
  private readonly picked: number[] = [];
  /** JWT-like runs of the line being examined, as start/end pairs, found while reading its hints. */
  private readonly tokenRuns: number[] = [];
  private readonly remembered: MessageMemo;
  /** Where the redaction sink also writes while a line is read for the first time. */
  private recording: LineRecord | null = null;

  constructor(private readonly options: DiagnoseOptions = {}) {
    this.lineNo = options.startLine ?? 0;
    this.remembered = options.memo ?? new MessageMemo();
  }

  /** What this scanner gathered, for the scanner of the range before it to take in. */
  part(): ScanPart {
    return {
      endLine: this.lineNo,
      facts: this.facts.part(),
      hits: this.hits,
      secrets: this.secrets,
      secretShapes: [...this.secretShapes],
      tokenNotes: this.tokenNotes,
      // The decoded-token cache stays here: it only saves work, and a worker's would be a large message.
      redaction: { ...this.redaction, decoded: undefined },
    };
  }

  /**
   * Takes in the part of the range that follows the lines read so far, ending as if this scanner had read them all.
   * False, with this scanner then of no use, when that cannot be exact: redaction was waiting on the next line at the
   * boundary (a promised password, a private key block), which the other range read without knowing.
   */
  absorb(p: ScanPart): boolean {
    if (redactionWaiting(this.redaction)) return false;
    if (!this.facts.absorb(p.facts)) return false;
    for (const [name, theirs] of p.hits) {
      const list = this.hits.get(name) ?? [];
      for (const h of theirs) if (list.length < EVIDENCE_PER_SIGNATURE) list.push(h);
      this.hits.set(name, list);
    }
    for (const found of p.secrets) if (this.secrets.length < MAX_SECRETS) this.secrets.push(found);
    for (const shape of p.secretShapes) this.secretShapes.add(shape);
    for (const note of p.tokenNotes)
      if (this.tokenNotes.length < 3 && !this.tokenNotes.includes(note)) this.tokenNotes.push(note);
    this.redaction = { ...p.redaction };
    this.lineNo = p.endLine;
    return true;
  }

  /**
   * Feeds the line text[start, end) (without its newline); `continued` feeds more of the previous line, for lines
   * too long to hold. Past the first lines, a line with no hint is only counted, never copied.
   */
  feed(text: string, start = 0, end = text.length, continued = false): void {
    if (!continued) this.lineNo++;
    if (this.lineNo > this.fullScanLines && !this.promised && !this.automata.prefilter().test(text, start, end)) return;
    this.examineWhole(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  /**
   * The same for a line of raw bytes: a line with no hint is never even decoded, which is most of a big log.
   * `decode` turns the bytes of a line that matters into text.
   */
  feedBytes(bytes: Uint8Array, start: number, end: number, decode: (line: Uint8Array) => string, continued = false) {
    if (!continued) this.lineNo++;
    if (!this.worthReading(bytes, start, end)) return;
    const line = bytes.subarray(start, end);
    this.examineWhole(decode(line), isAscii(line));
  }

  /** A whole line of raw bytes (no newline), as feedBytes reads it, but a message read before is replayed. */
  feedLine(bytes: Uint8Array, start: number, end: number, decode: (line: Uint8Array) => string) {
    this.lineNo++;
    if (this.worthReading(bytes, start, end)) this.readRemembering(bytes, start, end, decode);
  }

  /** Every line while the first lines last or a value was promised; past that, only a line holding a hint. */
  private worthReading(bytes: Uint8Array, start: number, end: number): boolean {
    return this.lineNo <= this.fullScanLines || this.promised || this.automata.prefilter().testBytes(bytes, start, end);
  }

  /**
   * Whole lines, bytes[start, end) ending in a newline, read as a fast searcher reads them: past the first lines, the
   * prefilter runs over the block and only a line holding a hint is cut out, decoded and examined.
   */
  feedLines(bytes: Uint8Array, start: number, end: number, decode: (line: Uint8Array) => string) {
    let pos = start;
    const withoutCr = (e: number) => (e > pos && bytes[e - 1] === 13 ? e - 1 : e);
    /** The next line, through feedLine (which reads it whole while the first lines last or a value was promised). */
    const nextLine = () => {
      const nl = bytes.indexOf(10, pos);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      this.feedLine(bytes, pos, withoutCr(lineEnd), decode);
      pos = lineEnd + 1;
    };
    while (pos < end && this.lineNo < this.fullScanLines) nextLine();
    const found = this.found;
    const prefilter = pos < end ? this.automata.prefilter() : null;
    while (prefilter && pos < end) {
      // The line before promised a value on this one (a SASL answer, a wrapped token): read it, hint or not.
      if (this.promised) {
        nextLine();
        continue;
      }
      if (!prefilter.nextHintedLine(bytes, pos, end, found)) {
        this.lineNo += found.newlinesBefore;
        return;
      }
      this.lineNo += found.newlinesBefore + 1;
      pos = found.start;
      this.readRemembering(bytes, found.start, withoutCr(found.end), decode);
      pos = found.end + 1;
    }
  }

  /** The last line examined left redaction waiting for the next one, which must then be examined too. */
  private get promised(): boolean {
    return this.redaction.pending !== undefined || this.redaction.tokenOpen === true;
  }

  private get fullScanLines(): number {
    return this.options.fullScanLines ?? FULL_SCAN_LINES;
  }

  /**
   * Which hints `line` holds (every hint, when a test asks for every pattern on every line). `skipTokens` leaves out
   * the inside of JWT-like runs (`eyJ…`), which redaction takes out whatever they hold: a DEBUG line with a 1.5 KB
   * bearer token then costs about what a short line costs.
   */
  private gateFor(line: string, skipTokens = false): HintGate {
    const runs = this.tokenRuns;
    runs.length = 0;
    if (this.options.everyPattern) return EVERY_PATTERN;
    this.seenHints ??= new LineHints(this.automata.hints);
    const seen = this.seenHints;
    const gate = this.automata.gate;
    seen.clear();
    let from = 0;
    if (skipTokens) {
      // Exactly what JWT_LIKE in secrets.ts replaces: `eyJ` at a word boundary and 12 to 24,000 more token
      // characters. A longer run is left to the pattern (and looked at whole here).
      for (let at = line.indexOf('eyJ'); at !== -1; at = line.indexOf('eyJ', at + 3)) {
        if (at > 0 && isWordCharacter(line.charCodeAt(at - 1))) continue;
        TOKEN_RUN.lastIndex = at + 3;
        TOKEN_RUN.test(line);
        const length = TOKEN_RUN.lastIndex - at - 3;
        if (length < 12) continue;
        if (length > 24000) {
          runs.length = 0;
          from = 0;
          break;
        }
        gate.mark(line, seen, from, at + 3);
        runs.push(at, TOKEN_RUN.lastIndex);
        from = TOKEN_RUN.lastIndex;
        at = from - 3;
      }
      if (from === 0) seen.clear();
    }
    gate.mark(line, seen, from);
    return seen;
  }

  private examineWhole(raw: string, ascii = false) {
    if (raw.length <= MAX_SLICE) {
      this.examine(raw, ascii);
    } else {
      for (const slice of slices(raw)) this.examine(slice, ascii);
    }
  }

  /** Whether a secret of this kind is listed at this line already (a loop: it runs on every repeat of a token). */
  private secretAt(kind: SecretKind, line: number): boolean {
    for (const s of this.secrets) if (s.kind === kind && s.line === line) return true;
    return false;
  }

  /** Where redaction reports what it found on the line being examined (one object, not one per line). */
  private readonly sink: SecretSink = {
    secret: (kind: SecretKind, shape) => {
      this.recording?.said.push({ secret: kind, shape });
      const line = this.lineNo;
      if (this.secrets.length < MAX_SECRETS && !this.secretAt(kind, line)) this.secrets.push({ kind, line });
      if (shape) this.secretShapes.add(`${kind}:${shape}`);
    },
    token: (claims) => {
      this.recording?.said.push({ token: claims });
      this.facts.token(claims, this.lineNo);
    },
    malformedToken: (reason) => {
      this.recording?.said.push({ malformed: reason });
      // Three notes at most: the sentence is only made while there is room (a log repeats such a token all day).
      if (this.tokenNotes.length >= 3) return;
      const note = `Line ${this.lineNo} holds something that looks like a token but could not be read: ${reason}. It was not used or shown.`;
      if (!this.tokenNotes.includes(note)) this.tokenNotes.push(note);
    },
  };

  /**
   * Reads one line: what comes after its timestamp, which no pattern needs, so that the same message at another time
   * is the same text. `remember`: keep what reading it added under the message's bytes (see readRemembering).
   */
  private examine(raw: string, ascii: boolean, remember?: { hash: number; bytes: Buffer }) {
    // Past the stamp even while a value is promised: a password on the line after `password:` is the message's first
    // word, not the date.
    const stamp = stampLengthOfText(raw);
    const message = stamp > 0 ? raw.slice(stamp) : raw;
    const record: LineRecord | null = remember
      ? { bytes: remember.bytes, clean: '', said: [], votes: [], hits: [] }
      : null;
    this.recording = record;
    const line = normalizeLine(message, ascii);
    const lineNo = this.lineNo;
    const lineGate = this.gateFor(line, true);
    // A word for "password" in another script (`пароль:`) has no ASCII hint: such lines run every secret pattern.
    const secretGate = ascii || !NON_ASCII.test(line) ? lineGate : EVERY_PATTERN;
    const clean = redactSecrets(line, this.sink, this.options.now, this.redaction, secretGate, this.tokenRuns);
    this.recording = null;
    // Facts and signatures read the redacted line, whose hints differ where a secret was taken out.
    const gate = clean === line ? lineGate : this.gateFor(clean);
    const stampText = raw.slice(0, stamp);
    this.facts.add(clean, lineNo, gate, record?.votes, stampText);
    const shown = () => stampText + clean;
    for (const i of this.candidates(gate)) {
      const m = (SIGNATURES[i] as Signature).re.exec(clean);
      if (!m) continue;
      record?.hits.push(i, m.index);
      this.hit(i, stamp + m.index, shown);
    }
    if (!record || !remember || !this.redactionIdle()) return;
    // Only evidence needs the text again; kept otherwise, it would hold the whole decoded line.
    record.clean = record.hits.length > 0 ? clean : '';
    this.remembered.add(remember.hash, record);
  }

  /**
   * A line of a big log: when its message (the bytes after its timestamp) was read before, between lines that leave
   * redaction waiting on nothing, what reading it added is replayed at this line, and the line is not even decoded.
   * A log says the same few hundred things all day; most of its hinted lines cost a look-up.
   */
  private readRemembering(bytes: Uint8Array, start: number, end: number, decode: (line: Uint8Array) => string) {
    if (this.options.rememberLines === false || end - start > MAX_REMEMBERED || !this.redactionIdle()) {
      const line = bytes.subarray(start, end);
      return this.examineWhole(decode(line), isAscii(line));
    }
    // Found without cutting the line out of its block: most lines of a big log end here, and cost a look-up.
    const from = bytes[start + 4] === 45 ? start + stampLength(bytes, start, end) : start;
    const hash = messageHash(bytes, from, end);
    const seen = this.remembered.find(hash, bytes, from, end);
    if (seen) return this.replay(seen, bytes, start, from);
    const line = bytes.subarray(start, end);
    // A copy: `bytes` may be a Buffer, whose slice() is a view that would hold the whole block it came in.
    this.examine(decode(line), isAscii(line), { hash, bytes: Buffer.from(bytes.subarray(from, end)) });
  }

  /** A message read before, at this line: what reading it adds each time, added again. */
  private replay(record: LineRecord, bytes: Uint8Array, start: number, from: number) {
    for (const said of record.said) {
      if ('secret' in said) this.sink.secret(said.secret, said.shape);
      else if ('token' in said) this.sink.token(said.token);
      else this.sink.malformedToken(said.malformed);
    }
    for (const vote of record.votes) this.facts.vote(vote);
    // Most repeats come once every signature they match has its evidence: those end here, having made nothing (the
    // closure below lives in a function of its own, or its context would be made on every call).
    if (this.evidenceWanted(record.hits)) this.replayEvidence(record, bytes, start, from);
  }

  private replayEvidence(record: LineRecord, bytes: Uint8Array, start: number, from: number) {
    const shown = () => String.fromCharCode(...bytes.subarray(start, from)) + record.clean;
    for (let h = 0; h < record.hits.length; h += 2) {
      this.hit(record.hits[h] as number, from - start + (record.hits[h + 1] as number), shown);
    }
  }

  /** Whether any of the (signature, index) pairs `hits` would add evidence at this line. */
  private evidenceWanted(hits: readonly number[]): boolean {
    for (let h = 0; h < hits.length; h += 2) {
      const list = this.hits.get((SIGNATURES[hits[h] as number] as Signature).name);
      if (!list || this.roomFor(list)) return true;
    }
    return false;
  }

  /** Evidence for a signature at this line, while it has room for more. */
  private hit(i: number, index: number, shown: () => string) {
    const sig = SIGNATURES[i] as Signature;
    const lineNo = this.lineNo;
    const list = this.hits.get(sig.name);
    if (list && !this.roomFor(list)) return;
    const hit = { line: lineNo, index, text: snippet(shown(), index) };
    if (list) list.push(hit);
    else this.hits.set(sig.name, [hit]);
  }

  /** Whether a signature's evidence takes this line: it has room, and the line is not in it yet. */
  private roomFor(list: readonly Hit[]): boolean {
    if (list.length >= EVIDENCE_PER_SIGNATURE) return false;
    for (const h of list) if (h.line === this.lineNo) return false;
    return true;
  }

  /**
   * Redaction waits on nothing: the same rule a range boundary uses (absorb), so a log read in ranges reads past the
   * same timestamps as one read whole. What else the state holds (flags set back to false, a key block's count) only
   * matters while something is waiting.
   */
  private redactionIdle(): boolean {
    return !redactionWaiting(this.redaction);
  }

  /** The signatures worth trying on a line: those needing one of its hints (a list reused from line to line). */
  private candidates(gate: HintGate): readonly number[] {
    if (gate === EVERY_PATTERN) return ALL_SIGNATURE_INDEXES;
    const picked = this.picked;
    picked.length = 0;
    const byHint = this.automata.signaturesByHint;
    for (const hint of (gate as LineHints).list)
      for (const i of byHint[hint] ?? []) if (!picked.includes(i)) picked.push(i);
    return picked;
  }

  /** The answer from everything fed so far, plus what the front door learnt elsewhere; may be called again. */
  /** `damaged`: the input ended early because its gzip was broken, not because it reached the size limit. */
  finish(
    input: { bytes: number; truncated?: boolean; binary?: boolean; damaged?: boolean },
    learnt: Learnt = {},
  ): Diagnosis {
    const { bytes, truncated = false, binary = false, damaged = false } = input;
    for (const h of learnt.cloudHints ?? []) this.facts.hintCloud(h.cloud, h.source, h.line, h.tenant);
    // A copy, so a later finish (after a follow-up) never changes a Diagnosis already handed out.
    const facts = structuredClone(this.facts.finish());
    const secrets = [...this.secrets];
    const ctx: RuleContext = {
      facts,
      secrets,
      commasBetweenScopes: this.facts.commasBetweenScopes,
      secretShapes: this.secretShapes,
      seen: (sig) => this.hits.has(sig.name),
      evidence: (...sigs) => mergeEvidence(sigs.map((s) => this.hits.get(s.name) ?? [])),
      hasCode: (...codes) => codes.some((c) => this.facts.codeLines.has(c)),
      said: (...ids) => facts.statements.some((s) => ids.includes(s.id)),
      saidEvidence: (...ids) =>
        mergeEvidence(
          ids.map((id) => facts.statements.filter((s) => s.id === id).map(({ line, text }) => ({ line, text }))),
        ),
      codeEvidence: (...codes) =>
        mergeEvidence(
          codes.map((c) => {
            const hit = this.facts.codeLines.get(c);
            return hit ? [{ line: hit.line, text: hit.text }] : [];
          }),
        ),
    };
    const ranked: { finding: Finding; basis: number; rank: number; priority: number }[] = [];
    const questions: Question[] = [];
    const notes: string[] = [...this.tokenNotes];
    for (const rule of BY_PRIORITY) {
      const verdict = rule.evaluate(ctx);
      if (!verdict) continue;
      const confidence =
        rule.basis === 'inferred' && verdict.confidence === 'confirmed' ? 'likely' : verdict.confidence;
      ranked.push({
        basis: BASIS_ORDER[rule.basis],
        finding: {
          id: rule.id,
          title: rule.title,
          confidence,
          cause: verdict.cause,
          fix: verdict.fix,
          evidence: verdict.evidence,
          links: [...rule.links, ...(verdict.links ?? [])],
          fixAvailable: verdict.fixAvailable ?? true,
        },
        rank: verdict.rank ?? 0,
        priority: rule.priority,
      });
      for (const q of verdict.questions ?? []) if (!questions.some((x) => x.id === q.id)) questions.push(q);
    }
    // Notes come after every verdict, so a note may depend on whether anything was found.
    ctx.found = ranked.map((r) => r.finding.id);
    for (const rule of BY_PRIORITY)
      for (const note of rule.notes?.(ctx) ?? []) if (!notes.includes(note)) notes.push(note);
    ranked.sort(
      (a, b) =>
        CONFIDENCE_ORDER[a.finding.confidence] - CONFIDENCE_ORDER[b.finding.confidence] ||
        a.basis - b.basis ||
        b.rank - a.rank ||
        b.priority - a.priority,
    );
    const findings = withoutRepeatedEvidence(ranked.map((r) => r.finding)).map((f) => ({
      ...f,
      evidence: f.evidence.map((e) => ({ line: e.line, text: maskLikelySecrets(e.text) })),
    }));
    facts.statements = facts.statements.map((s) => ({ ...s, text: maskLikelySecrets(s.text) }));
    if (truncated && !damaged) {
      notes.push('The input was longer than the size limit, so only its beginning was read.');
    }
    if (this.facts.full.size > 0) {
      notes.push(
        `The text named more distinct ${[...this.facts.full].join(', ')} than this tool keeps; only the first ${MAX_FACT_ITEMS} of each were used.`,
      );
    }
    if (findings.length === 0 && !binary && !(damaged && bytes === 0)) notes.push(nextStep(this.lineNo, bytes));
    for (const note of learnt.notes ?? []) if (!notes.includes(note)) notes.push(note);
    return {
      findings,
      facts,
      secrets,
      questions: findings.length > 0 ? questions : [],
      notes,
      input: { bytes, lines: this.lineNo, truncated, binary },
    };
  }
}

/** A long line in pieces of about MAX_SLICE, cut at separators (see cutting.ts) so no secret is split. */
function* slices(line: string): Generator<string> {
  let start = 0;
  let cutBefore = false;
  while (start < line.length) {
    let end = Math.min(line.length, start + MAX_SLICE);
    let cutAfter = false;
    if (end < line.length) {
      const back = lastSeparator(line, Math.max(start, end - 4096), end);
      const ahead = back === -1 ? nextSeparator(line, end, Math.min(line.length, end + MAX_SLICE / 2)) : -1;
      if (back !== -1) end = back + 1;
      else if (ahead !== -1) end = ahead + 1;
      else cutAfter = true;
    }
    yield dropCutRuns(line.slice(start, end), cutBefore, cutAfter);
    start = end;
    cutBefore = cutAfter;
  }
}

/**
 * Findings after the first show only evidence lines no earlier finding showed; when all of theirs were shown, one line
 * stays as a pointer, so three findings read from one error do not repeat the same three long lines.
 */
function withoutRepeatedEvidence(findings: Finding[]): Finding[] {
  const shown = new Set<number>();
  return findings.map((f) => {
    const fresh = f.evidence.filter((e) => !shown.has(e.line));
    for (const e of f.evidence) shown.add(e.line);
    return fresh.length === f.evidence.length
      ? f
      : { ...f, evidence: fresh.length > 0 ? fresh : f.evidence.slice(0, 1) };
  });
}

/** Up to three evidence lines, taking the first hit of each list before any second hit, so every kind shows. */
function mergeEvidence(lists: Evidence[][]): Evidence[] {
  const picked = new Map<number, Evidence>();
  for (let round = 0; picked.size < EVIDENCE_PER_SIGNATURE && lists.some((l) => l.length > round); round++) {
    for (const list of lists) {
      const e = list[round];
      if (e && picked.size < EVIDENCE_PER_SIGNATURE && !picked.has(e.line))
        picked.set(e.line, { line: e.line, text: e.text });
    }
  }
  return [...picked.values()].sort((a, b) => a.line - b.line);
}

function nextStep(lines: number, bytes: number): string {
  if (lines === 0 || bytes === 0) {
    return 'There was nothing to read. Paste the error from the mail handler, or attach atlassian-jira-incoming-mail.log (JSM Email requests) or atlassian-jira.log (Jira System > Incoming mail), found under <jira-home>/log/.';
  }
  return 'No known mail-handler problem was found in this text. The most useful things to paste are the ERROR lines (with the stack trace) from <jira-home>/log/atlassian-jira-incoming-mail.log for JSM Email requests, or atlassian-jira.log for Jira System > Incoming mail; the scopes and endpoints of the application link; or an AADSTS line from the browser.';
}

/** Feeds a whole paste to the scanner and says how much was read. */
export function scanText(scanner: Scanner, text: string, maxBytes?: number): { bytes: number; truncated: boolean } {
  let bytes = Buffer.byteLength(text);
  let truncated = false;
  if (maxBytes !== undefined && bytes > maxBytes) {
    text = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
    bytes = maxBytes;
    truncated = true;
  }
  const normalized = normalizeChat(text);
  if (normalized.trim() === '') return { bytes, truncated };
  let start = 0;
  while (start < normalized.length) {
    let end = normalized.indexOf('\n', start);
    if (end === -1) end = normalized.length;
    scanner.feed(normalized, start, normalized.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
  }
  return { bytes, truncated };
}

/** The offline answer for a paste, with nothing learnt elsewhere. */
export function diagnose(text: string, options: DiagnoseOptions = {}): Diagnosis {
  const scanner = new Scanner(options);
  return scanner.finish(scanText(scanner, text, options.maxBytes));
}
