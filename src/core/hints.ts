// Literal hints, found the way a fast searcher finds them: one Aho-Corasick automaton over every hint, compiled to a
// table and run over raw bytes (a big log) or a line's text (a paste), ignoring ASCII case. Each pattern in the core
// (a signature, a secret detector, a fact extractor) names the hints any of its matches must contain, and runs only
// on lines where one was found; most lines of a log then cost a table look-up per byte and nothing else.

/** Code units past ASCII read as ASCII (text) or as a byte that matches nothing (raw bytes): see the scans. */
const COLUMNS = 128;
const ASCII = 128;
const MAX_HINT = 12;
/** A table entry: the next state's row (state × 256), or one of these. */
const NEWLINE = -1;
/** Accepting entries are -(row) - 2, so any value below -1 is "a hint ends here". */
const acceptingEntry = (row: number) => -row - 2;

const LOWER = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));
const lower = (c: number) => LOWER[c] as number;

const registered: string[] = [];
const ids = new Map<string, number>();
let frozen = false;

/**
 * Registers hints (ASCII, any case) and returns their ids. Called when a module loads, before the first scan; the
 * automaton is built once from everything registered by then.
 */
export function hintIds(literals: readonly string[]): number[] {
  return literals.map((literal) => {
    // Any part of a hint is in every match too; the first characters are enough to gate a pattern, and a short hint
    // keeps the automaton small (it is built when the first text is read, so a one-line paste pays for it).
    const key = literal.toLowerCase().slice(0, MAX_HINT);
    let id = ids.get(key);
    if (id === undefined) {
      if (frozen) throw new Error(`hint "${literal}" registered after the first scan`);
      id = registered.length;
      registered.push(key);
      ids.set(key, id);
    }
    return id;
  });
}

/** One hint's id. */
export const hint = (literal: string): number => hintIds([literal])[0] as number;

/** Which hints a line holds, as the patterns ask it. */
export interface HintGate {
  has(id: number): boolean;
  any(ids: readonly number[]): boolean;
}

/** Every pattern runs: for text outside the scanner (redacting a paste for display) and to test the hints. */
export const EVERY_PATTERN: HintGate = { has: () => true, any: () => true };

export class HintAutomaton {
  readonly table: Int32Array;
  /** The hint that ends exactly at each state (-1: none); hints are distinct, so there is at most one. */
  private readonly own: Int32Array;
  /** The nearest state down the failure chain where another hint ends (0: none): all hints ending here. */
  private readonly more: Int32Array;

  constructor(hints: readonly { text: string; id: number }[]) {
    // The trie over lower-cased ASCII (hints are ASCII), as a growing goto table (-1: no edge).
    let go = new Int32Array(ASCII * 64).fill(-1);
    let own = new Int32Array(64).fill(-1);
    let states = 1;
    for (const { text, id } of hints) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const c = lower(text.charCodeAt(i) & 0x7f);
        let next = go[s * ASCII + c] as number;
        if (next === -1) {
          if (states === own.length) {
            const biggerGo = new Int32Array(go.length * 2).fill(-1);
            biggerGo.set(go);
            go = biggerGo;
            const biggerOwn = new Int32Array(own.length * 2).fill(-1);
            biggerOwn.set(own);
            own = biggerOwn;
          }
          next = states++;
          go[s * ASCII + c] = next;
        }
        s = next;
      }
      own[s] = id;
    }
    // Breadth first: failure links, the "more hints end here" links, and every state's transitions (as states).
    const delta = new Int32Array(states * ASCII);
    const fail = new Int32Array(states);
    const more = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let c = 0; c < ASCII; c++) {
      const next = go[lower(c)] as number;
      delta[c] = next === -1 ? 0 : next;
      if (next > 0 && lower(c) === c) queue[tail++] = next;
    }
    for (let head = 0; head < tail; head++) {
      const s = queue[head] as number;
      const f = fail[s] as number;
      more[s] = (own[f] as number) >= 0 ? f : (more[f] as number);
      const row = s * ASCII;
      const failRow = f * ASCII;
      for (let c = 0; c < ASCII; c++) {
        if (c >= 65 && c <= 90) continue; // upper case: copied from lower case below
        const next = go[row + c] as number;
        if (next === -1) {
          delta[row + c] = delta[failRow + c] as number;
        } else {
          delta[row + c] = next;
          fail[next] = delta[failRow + c] as number;
          queue[tail++] = next;
        }
      }
      delta.copyWithin(row + 65, row + 97, row + 123);
    }
    // Packed in place for the scan: rows as offsets, accepting targets negative, and a newline always NEWLINE.
    const table = delta;
    for (let i = 0; i < table.length; i++) {
      const t = table[i] as number;
      table[i] = (own[t] as number) >= 0 || (more[t] as number) > 0 ? acceptingEntry(t * COLUMNS) : t * COLUMNS;
    }
    for (let s = 0; s < states; s++) table[s * COLUMNS + 10] = NEWLINE;
    this.table = table;
    this.own = own.subarray(0, states);
    this.more = more;
  }

  /**
   * Marks every hint found in text[start, end) as seen in `seen` (see LineHints). A code unit past ASCII reads as its
   * low seven bits, which can only add a rare extra hint, never lose one (hints are ASCII).
   */
  mark(text: string, seen: LineHints, start = 0, end = text.length): void {
    const { table, own, more } = this;
    let row = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      let next = table[row + (c & 127)] as number;
      if (next < 0) {
        if (next === NEWLINE) {
          row = 0;
          continue;
        }
        next = -next - 2;
        for (let state = next / COLUMNS; state > 0; state = more[state] as number) {
          const id = own[state] as number;
          if (id >= 0) seen.add(id);
        }
      }
      row = next;
    }
  }

  /** Whether text[start, end) holds any hint. */
  test(text: string, start = 0, end = text.length): boolean {
    const table = this.table;
    let row = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      const next = table[row + (c & 127)] as number;
      if (next >= 0) row = next;
      else if (next === NEWLINE) row = 0;
      else return true;
    }
    return false;
  }

  /** The same over raw bytes: ASCII hints read alike in UTF-8 and Latin-1, so a line need not be decoded first. */
  testBytes(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
    const table = this.table;
    let row = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      // A byte past ASCII (part of a UTF-8 character) reads as 0, which matches nothing; & 127 could read as a newline.
      const next = table[row + (b & ((b >> 7) - 1))] as number;
      if (next >= 0) row = next;
      else if (next === NEWLINE) row = 0;
      else return true;
    }
    return false;
  }

  /**
   * The first line at or after `start` (before `end`) that holds a hint: its start, its end (the newline, or `end`),
   * and how many newlines were passed before it. Null when none does; `newlines` then counts them all. A line is left
   * at its first hint, so the rest of a long line costs a native newline search, not a table look-up per byte.
   */
  nextHintedLine(bytes: Uint8Array, start: number, end: number, found: HintedLine): boolean {
    const table = this.table;
    let row = 0;
    let lineStart = start;
    let newlines = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      // A byte past ASCII (part of a UTF-8 character) reads as 0, which matches nothing; & 127 could read as a newline.
      const next = table[row + (b & ((b >> 7) - 1))] as number;
      if (next >= 0) {
        row = next;
      } else if (next === NEWLINE) {
        newlines++;
        lineStart = i + 1;
        row = 0;
      } else {
        const nl = bytes.indexOf(10, i);
        found.start = lineStart;
        found.end = nl === -1 || nl >= end ? end : nl;
        found.newlinesBefore = newlines;
        return true;
      }
    }
    found.newlinesBefore = newlines;
    return false;
  }
}

export interface HintedLine {
  start: number;
  end: number;
  newlinesBefore: number;
}

/** The hints seen on one line, reset in constant time by moving to the next generation. */
export class LineHints implements HintGate {
  private readonly stamps: Int32Array;
  private generation = 1;
  /** The hints seen, each once, in the order found. */
  readonly list: number[] = [];

  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }

  clear(): void {
    this.generation++;
    this.list.length = 0;
  }

  add(id: number): void {
    if (this.stamps[id] === this.generation) return;
    this.stamps[id] = this.generation;
    this.list.push(id);
  }

  has(id: number): boolean {
    return this.stamps[id] === this.generation;
  }

  any(ids: readonly number[]): boolean {
    for (const id of ids) if (this.stamps[id] === this.generation) return true;
    return false;
  }
}

/** Every hint registered so far, with its id; closes the registry. */
export function allHints(): { text: string; id: number }[] {
  frozen = true;
  return registered.map((text, id) => ({ text, id }));
}
