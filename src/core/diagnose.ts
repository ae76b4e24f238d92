import { dropCutRuns, lastSeparator, nextSeparator } from './cutting.js';
import { CUE_HINTS, FACT_HINTS, FactCollector, MAX_ITEMS as MAX_FACT_ITEMS } from './facts.js';
import { normalizeChat, normalizeLine } from './normalize.js';
import { maskLikelySecrets } from './output-filter.js';
import { LiteralMatcher } from './prefilter.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { type RedactionState, redactSecrets, SECRET_HINTS } from './secrets.js';
import { ALL_SIGNATURES, type Signature } from './signatures.js';
import { snippet } from './snippet.js';
import type { Confidence, Diagnosis, Evidence, Finding, Learnt, Question, SecretFound, SecretKind } from './types.js';

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
 * The hints that any match must contain, minus broad ones (handler and protocol names appear on most lines of a
 * mail log, and the first lines plus every hinted line settle them). `%2`/`%3`/`%7e` catch URL-encoded lines, whose
 * hints only appear once decoded.
 */
function buildPrefilter(): LiteralMatcher {
  const cues = new Set(CUE_HINTS.map((h) => h.toLowerCase()));
  const hints = [...SECRET_HINTS, ...FACT_HINTS, ...SIGNATURES.filter((s) => !s.broad).flatMap((s) => s.hints)]
    .map((h) => h.toLowerCase())
    .filter((h) => !cues.has(h));
  return new LiteralMatcher([...new Set([...hints, '%2', '%3', '%7e'])]);
}
const PREFILTER = buildPrefilter();

interface Hit extends Evidence {
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
  private readonly redaction: RedactionState = {};

  constructor(private readonly options: DiagnoseOptions = {}) {}

  /**
   * Feeds the line text[start, end) (without its newline); `continued` feeds more of the previous line, for lines
   * too long to hold. Past the first lines, a line with no hint is only counted, never copied.
   */
  feed(text: string, start = 0, end = text.length, continued = false): void {
    if (!continued) this.lineNo++;
    if (this.lineNo > this.fullScanLines && !PREFILTER.test(text, start, end)) return;
    this.examineWhole(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  /**
   * The same for a line of raw bytes: a line with no hint is never even decoded, which is most of a big log.
   * `decode` turns the bytes of a line that matters into text.
   */
  feedBytes(bytes: Uint8Array, start: number, end: number, decode: (line: Uint8Array) => string, continued = false) {
    if (!continued) this.lineNo++;
    if (this.lineNo > this.fullScanLines && !PREFILTER.testBytes(bytes, start, end)) return;
    this.examineWhole(decode(bytes.subarray(start, end)));
  }

  private get fullScanLines(): number {
    return this.options.fullScanLines ?? FULL_SCAN_LINES;
  }

  private examineWhole(raw: string) {
    if (raw.length <= MAX_SLICE) {
      this.examine(raw);
    } else {
      for (const slice of slices(raw)) this.examine(slice);
    }
  }

  private examine(raw: string) {
    const line = normalizeLine(raw);
    const lineNo = this.lineNo;
    const clean = redactSecrets(
      line,
      {
        secret: (kind: SecretKind, shape) => {
          if (this.secrets.length < MAX_SECRETS && !this.secrets.some((s) => s.kind === kind && s.line === lineNo)) {
            this.secrets.push({ kind, line: lineNo });
          }
          if (shape) this.secretShapes.add(`${kind}:${shape}`);
        },
        token: (claims) => this.facts.token(claims, lineNo),
        malformedToken: (reason) => {
          const note = `Line ${lineNo} holds something that looks like a token but could not be read: ${reason}. It was not used or shown.`;
          if (this.tokenNotes.length < 3 && !this.tokenNotes.includes(note)) this.tokenNotes.push(note);
        },
      },
      this.options.now,
      this.redaction,
    );
    this.facts.add(clean, lineNo);
    for (const sig of SIGNATURES) {
      const m = sig.re.exec(clean);
      if (!m) continue;
      const list = this.hits.get(sig.name) ?? [];
      if (list.length < EVIDENCE_PER_SIGNATURE && !list.some((h) => h.line === lineNo)) {
        list.push({ line: lineNo, index: m.index, text: snippet(clean, m.index) });
        this.hits.set(sig.name, list);
      }
    }
  }

  /** The answer from everything fed so far, plus what the front door learnt elsewhere; may be called again. */
  finish(input: { bytes: number; truncated?: boolean; binary?: boolean }, learnt: Learnt = {}): Diagnosis {
    const { bytes, truncated = false, binary = false } = input;
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
    const ranked: { finding: Finding; basis: number; rank: number; order: number }[] = [];
    const questions: Question[] = [];
    const notes: string[] = [...this.tokenNotes];
    RULES.forEach((rule, order) => {
      const verdict = rule.evaluate(ctx);
      for (const note of rule.notes?.(ctx) ?? []) if (!notes.includes(note)) notes.push(note);
      if (!verdict) return;
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
        order,
      });
      for (const q of verdict.questions ?? []) if (!questions.some((x) => x.id === q.id)) questions.push(q);
    });
    ranked.sort(
      (a, b) =>
        CONFIDENCE_ORDER[a.finding.confidence] - CONFIDENCE_ORDER[b.finding.confidence] ||
        a.basis - b.basis ||
        b.rank - a.rank ||
        a.order - b.order,
    );
    const findings = withoutRepeatedEvidence(ranked.map((r) => r.finding)).map((f) => ({
      ...f,
      evidence: f.evidence.map((e) => ({ line: e.line, text: maskLikelySecrets(e.text) })),
    }));
    facts.statements = facts.statements.map((s) => ({ ...s, text: maskLikelySecrets(s.text) }));
    if (truncated) {
      notes.push('The input was longer than the size limit, so only its beginning was read.');
    }
    if (this.facts.full.size > 0) {
      notes.push(
        `The text named more distinct ${[...this.facts.full].join(', ')} than this tool keeps; only the first ${MAX_FACT_ITEMS} of each were used.`,
      );
    }
    if (findings.length === 0 && !binary) notes.push(nextStep(this.lineNo, bytes));
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
