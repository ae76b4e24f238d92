import {
  type Diagnosis,
  describeFacts,
  FEEDBACK_WORDS,
  type FeedbackState,
  type Finding,
  headline,
  probeHint,
  secretWarning,
} from '../../src/chat/index.js';

// Diagnosis → Adaptive Card 1.5 (what Teams desktop and mobile render). Pure: no SDK, so the playground can preview it.

type Element = Record<string, unknown>;

export interface CardOptions {
  /** Key of the stored (redacted) paste; question buttons are drawn only when the bot can re-run with an answer. */
  answerId?: string;
  /** The recorded answer's id: "Fixed it" / "Not it" under each finding (absent with LEARN=off). */
  feedbackId?: string;
  /** Findings whose feedback was given: their buttons show this instead. */
  feedback?: Record<string, FeedbackState>;
}

/** What a feedback button sends back. */
/** A message the bot sends: text, maybe a card, and the message it replaces (a card whose button was clicked). */
export interface Reply {
  text: string;
  card?: Record<string, unknown>;
  /** Replaces this message (a card whose button was clicked) instead of sending a new one. */
  update?: string;
}

/** What the watch card's buttons send back. */
export interface WatchData {
  mhd: 'watch';
  key: string;
  action: 'ack' | 'mute';
}

export function isWatchData(value: unknown): value is WatchData {
  const v = value as Partial<WatchData> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.mhd === 'watch' &&
    typeof v.key === 'string' &&
    v.key.length <= 300 &&
    (v.action === 'ack' || v.action === 'mute')
  );
}

/** What an expiry reminder's Acknowledge sends back. */
export interface ReminderData {
  mhd: 'reminder';
  key: string;
}

export function isReminderData(value: unknown): value is ReminderData {
  const v = value as Partial<ReminderData> | null;
  return (
    typeof v === 'object' && v !== null && v.mhd === 'reminder' && typeof v.key === 'string' && v.key.length <= 200
  );
}

export interface FeedbackData {
  mhd: 'feedback';
  id: string;
  rule: string;
  verdict: 'fixed' | 'not-it' | 'keep';
}

export function isFeedbackData(value: unknown): value is FeedbackData {
  const v = value as Partial<FeedbackData> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.mhd === 'feedback' &&
    typeof v.id === 'string' &&
    v.id.length <= 80 &&
    typeof v.rule === 'string' &&
    /^[a-z0-9-]{1,80}$/.test(v.rule) &&
    (v.verdict === 'fixed' || v.verdict === 'not-it' || v.verdict === 'keep')
  );
}

/** The buttons under a finding, or what they became once clicked. */
function feedbackElements(f: Finding, options: CardOptions): Element[] {
  const id = options.feedbackId;
  if (!id) return [];
  const state = options.feedback?.[f.id];
  const submit = (title: string, verdict: FeedbackData['verdict']) => ({
    type: 'Action.Submit',
    title,
    data: { mhd: 'feedback', id, rule: f.id, verdict } satisfies FeedbackData,
  });
  if (state === 'keep-offered') {
    return [
      text(FEEDBACK_WORDS[state], { isSubtle: true }),
      { type: 'ActionSet', actions: [submit('Keep the paste (redacted)', 'keep')] },
    ];
  }
  if (state) return [text(FEEDBACK_WORDS[state], { isSubtle: true })];
  return [{ type: 'ActionSet', actions: [submit('Fixed it', 'fixed'), submit('Not it', 'not-it')] }];
}

/** What an Action.Submit button sends back (Teams delivers it as a message activity's `value`). */
export interface AnswerData {
  mhd: 'answer';
  id: string;
  answer: string;
}

/** Teams refuses messages over about 28 KB; the card stays well below it. */
export const CARD_BUDGET = 20 * 1024;
const MAX_LINKS = 6;
const MAX_FINDINGS = 3;

const text = (value: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

interface Level {
  findings: number;
  evidence: number;
  causeChars: number;
  steps: number;
}

const LEVELS: Level[] = [
  { findings: MAX_FINDINGS, evidence: 3, causeChars: 2000, steps: 12 },
  { findings: MAX_FINDINGS, evidence: 1, causeChars: 700, steps: 8 },
  { findings: 1, evidence: 1, causeChars: 500, steps: 6 },
];

const subtitle = (f: Finding) => text(`${f.confidence} · ${f.id}`, { isSubtle: true, spacing: 'None', size: 'Small' });

/** The top finding's heading sits above the facts; the others carry their own. */
function findingElements(f: Finding, index: number, level: Level, options: CardOptions): Element[] {
  const out: Element[] = [];
  if (index > 0) {
    out.push(text(f.title, { size: 'Medium', weight: 'Bolder', separator: true, spacing: 'Large' }), subtitle(f));
  }
  out.push(text(clip(f.cause, level.causeChars)));
  if (!f.fixAvailable)
    out.push(text('No fix is available yet; the steps below are the workaround.', { color: 'Warning' }));
  const steps = f.fix.slice(0, level.steps).map((s, n) => `${n + 1}. ${clip(s, 600)}`);
  if (steps.length) out.push(text('Fix', { weight: 'Bolder' }), text(steps.join('\r')));
  const evidence = f.evidence.slice(0, level.evidence);
  if (evidence.length) {
    out.push(text('Evidence', { weight: 'Bolder' }), {
      type: 'RichTextBlock',
      // TextRuns are not markdown, so log text shows exactly as it was (already redacted by the core).
      inlines: evidence.map((e, n) => ({
        type: 'TextRun',
        text: `${n ? '\n' : ''}line ${e.line}: ${clip(e.text, 300)}`,
        fontType: 'Monospace',
        size: 'Small',
      })),
    });
  }
  out.push(...feedbackElements(f, options));
  return out;
}

function build(d: Diagnosis, options: CardOptions, level: Level): Element {
  const body: Element[] = [];
  const warning = secretWarning(d, 'chat');
  if (warning) body.push({ type: 'Container', style: 'attention', items: [text(warning, { weight: 'Bolder' })] });
  const findings = d.findings;
  const top = findings[0];
  body.push(text(top ? top.title : headline(d), { size: 'Large', weight: 'Bolder' }));
  if (top) body.push(subtitle(top));
  body.push({ type: 'FactSet', facts: describeFacts(d.facts).map((f) => ({ title: f.label, value: f.value })) });
  for (const [i, f] of findings.slice(0, level.findings).entries()) body.push(...findingElements(f, i, level, options));
  const hidden = findings.length - level.findings;
  if (hidden > 0) body.push(text(`${hidden} more possible cause(s) left out to keep this short.`, { isSubtle: true }));
  const answerId = options.answerId;
  for (const q of d.questions) {
    body.push(text(q.text, { weight: 'Bolder', separator: true, spacing: 'Large' }));
    if (answerId) {
      body.push({
        type: 'ActionSet',
        actions: q.options.map((o) => ({
          type: 'Action.Submit',
          title: o.label,
          data: { mhd: 'answer', id: answerId, answer: o.answer } satisfies AnswerData,
        })),
      });
    } else {
      body.push(text(q.options.map((o) => `- ${o.label}`).join('\r'), { spacing: 'None' }));
    }
  }
  const probe = probeHint(d);
  if (probe) body.push(text(probe, { spacing: 'Medium' }));
  for (const n of d.notes) body.push(text(clip(n, 800), { isSubtle: true }));
  const links = [...new Map(findings.flatMap((f) => f.links).map((l) => [l.url, l])).values()].slice(0, MAX_LINKS);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    actions: links.map((l) => ({ type: 'Action.OpenUrl', title: clip(l.title, 60), url: l.url })),
  };
}

/** The answer as an Adaptive Card plus the plain-text summary that goes with it (notifications, screen readers). */
export function toAdaptiveCard(d: Diagnosis, options: CardOptions = {}): { summary: string; card: Element } {
  let card: Element = {};
  for (const level of LEVELS) {
    card = build(d, options, level);
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET) break;
  }
  const head = headline(d);
  const warning = secretWarning(d, 'chat');
  return { summary: warning ? `${head}\n\n${warning}` : head, card };
}

/** True when a message activity's `value` is one of our question buttons. */
export function isAnswerData(value: unknown): value is AnswerData {
  const v = value as Partial<AnswerData> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.mhd === 'answer' &&
    typeof v.id === 'string' &&
    typeof v.answer === 'string' &&
    v.answer.length <= 1000
  );
}
