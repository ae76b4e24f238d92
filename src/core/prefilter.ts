// Finds whether any of many literal hints occurs in a stretch of text, ignoring ASCII case, in one pass over the
// characters (an Aho-Corasick automaton compiled to a table). A regular expression alternation of a hundred literals
// tries each branch at each position and was several times slower on big logs.

const ALPHABET = 128;
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

export class LiteralMatcher {
  private readonly table: Int32Array;

  constructor(hints: string[]) {
    const edges: Map<number, number>[] = [new Map()];
    const accepting: boolean[] = [false];
    for (const hint of hints) {
      let state = 0;
      for (const ch of hint.toLowerCase()) {
        const c = lower(ch.charCodeAt(0) & 127);
        let next = edges[state]?.get(c);
        if (next === undefined) {
          next = edges.length;
          edges.push(new Map());
          accepting.push(false);
          edges[state]?.set(c, next);
        }
        state = next;
      }
      accepting[state] = true;
    }
    const table = new Int32Array(edges.length * ALPHABET);
    const fail = new Int32Array(edges.length);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = edges[0]?.get(c);
      table[c] = next ?? 0;
      if (next !== undefined) queue.push(next);
    }
    // Breadth first, so each state's failure link is complete before its children need it.
    for (let i = 0; i < queue.length; i++) {
      const state = queue[i] as number;
      const back = fail[state] as number;
      if (accepting[back]) accepting[state] = true;
      for (let c = 0; c < ALPHABET; c++) {
        const next = edges[state]?.get(c);
        const viaFail = table[back * ALPHABET + c] as number;
        if (next === undefined) {
          table[state * ALPHABET + c] = viaFail;
        } else {
          fail[next] = viaFail;
          table[state * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    // Each entry holds the next state's row offset, or -1 for "a hint ends here". Upper-case letters share the
    // lower-case row; code units past ASCII are read modulo 128, which can only add a rare false alarm, never miss.
    const packed = new Int32Array(table.length);
    for (let state = 0; state < edges.length; state++) {
      for (let c = 0; c < ALPHABET; c++) {
        const next = table[state * ALPHABET + lower(c)] as number;
        packed[state * ALPHABET + c] = accepting[next] ? -1 : next * ALPHABET;
      }
    }
    this.table = packed;
  }

  /** True when text[start, end) contains any hint. */
  test(text: string, start = 0, end = text.length): boolean {
    const table = this.table;
    let row = 0;
    for (let i = start; i < end; i++) {
      row = table[row + (text.charCodeAt(i) & 127)] as number;
      if (row < 0) return true;
    }
    return false;
  }

  /** The same over raw bytes: ASCII hints read alike in UTF-8 and Latin-1, so a line need not be decoded first. */
  testBytes(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
    const table = this.table;
    let row = 0;
    for (let i = start; i < end; i++) {
      row = table[row + ((bytes[i] as number) & 127)] as number;
      if (row < 0) return true;
    }
    return false;
  }
}
