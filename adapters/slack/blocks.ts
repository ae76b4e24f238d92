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
import type { ButtonValue } from './input.js';

// Diagnosis → Block Kit, pure (no Bolt), so the playground can preview exactly what Slack shows.

export const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, buttonText: 75, buttonValue: 2000 } as const;
/** Action ids the Slack app listens for. */
export const ACTION = {
  answer: 'mh_answer',
  share: 'mh_share',
  link: 'mh_link',
  fixed: 'mh_feedback_fixed',
  notIt: 'mh_feedback_notit',
  keep: 'mh_feedback_keep',
} as const;

export interface BlockKitOptions {
  /** Id of the stored (redacted) paste, carried in question buttons so an answer can re-run the diagnosis. */
  pasteId?: string;
  /** Adds a "Share in channel" button (ephemeral slash-command answers). */
  share?: boolean;
  /** The recorded answer's id: "Fixed it" / "Not it" under each finding (absent with LEARN=off). */
  answerId?: string;
  /** Findings whose feedback was given: their buttons show this instead. */
  feedback?: Record<string, FeedbackState>;
}

/** The value a feedback button carries: the answer and the finding. */
export interface FeedbackValue {
  a: string;
  r: string;
}

export function parseFeedbackValue(raw: string | undefined): FeedbackValue | null {
  try {
    const v = JSON.parse(raw ?? '') as FeedbackValue;
    return typeof v.a === 'string' && typeof v.r === 'string' && /^[a-z0-9-]{1,80}$/.test(v.r) ? v : null;
  } catch {
    return null;
  }
}

const feedbackBlockId = (rule: string) => `fb_${rule}`.slice(0, 255);

/** The buttons under a finding, or what they became once clicked. */
export function feedbackBlocks(answerId: string, rule: string, state?: FeedbackState): Block[] {
  const value = JSON.stringify({ a: answerId, r: rule } satisfies FeedbackValue);
  const button = (action_id: string, text: string) => ({ type: 'button', action_id, text: plain(text, 75), value });
  if (state === 'keep-offered') {
    return [
      {
        type: 'actions',
        block_id: feedbackBlockId(rule),
        elements: [button(ACTION.keep, 'Keep the paste (redacted)')],
      },
      {
        type: 'context',
        block_id: `${feedbackBlockId(rule)}_note`,
        elements: [{ type: 'mrkdwn', text: FEEDBACK_WORDS[state] }],
      },
    ];
  }
  if (state) {
    return [
      { type: 'context', block_id: feedbackBlockId(rule), elements: [{ type: 'mrkdwn', text: FEEDBACK_WORDS[state] }] },
    ];
  }
  return [
    {
      type: 'actions',
      block_id: feedbackBlockId(rule),
      elements: [button(ACTION.fixed, 'Fixed it'), button(ACTION.notIt, 'Not it')],
    },
  ];
}

/**
 * A message's blocks as Slack sent them back with a click, with one finding's buttons turned into their new state.
 * Everything else stays as it was, so the answer is updated in place rather than re-run.
 */
export function withFeedback(blocks: Block[], answerId: string, rule: string, state: FeedbackState): Block[] {
  const id = feedbackBlockId(rule);
  const out: Block[] = [];
  for (const b of blocks) {
    // A "keep" offer's note goes with its button.
    if (b.block_id === `${id}_note`) continue;
    if (b.block_id === id) out.push(...feedbackBlocks(answerId, rule, state));
    else out.push(b);
  }
  return out;
}

type Block = Record<string, unknown>;

const EVIDENCE_LINES = 3;
const EVIDENCE_WIDTH = 200;
const LINK_BUTTONS = 5;

/** Slack mrkdwn needs only these three escaped. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Shortens at a sentence or word boundary, never mid-word, ending with an ellipsis. */
export function summarise(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const sentence = room.lastIndexOf('. ');
  if (sentence > max / 2) return `${room.slice(0, sentence + 1)} …`.slice(0, max);
  const space = room.lastIndexOf(' ');
  return `${(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** Splits text into pieces within `max`, at line breaks first, then spaces; nothing is lost. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const room = rest.slice(0, max);
    let cut = room.lastIndexOf('\n');
    if (cut < max / 2) cut = room.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest) out.push(rest);
  return out;
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string, max: number) => ({ type: 'plain_text', text: summarise(text, max), emoji: true });

function fixText(f: Finding): string {
  const steps = f.fix.map((step, n) => `${n + 1}. ${escapeMrkdwn(step)}`).join('\n');
  const caveat = f.fixAvailable ? '' : '_No fix is available yet; the steps below are the workaround._\n';
  return `*Fix*\n${caveat}${steps}`;
}

function evidenceText(f: Finding): string | null {
  if (f.evidence.length === 0) return null;
  const lines = f.evidence
    .slice(0, EVIDENCE_LINES)
    .map((e) => `${e.line}: ${summarise(e.text, EVIDENCE_WIDTH)}`.replace(/```/g, "'''"));
  return `\`\`\`${escapeMrkdwn(lines.join('\n'))}\`\`\``;
}

function linkButtons(f: Finding): Block | null {
  const links = f.links.filter((l) => /^https:\/\//.test(l.url) && l.url.length <= 3000).slice(0, LINK_BUTTONS);
  if (links.length === 0) return null;
  return {
    type: 'actions',
    elements: links.map((l, i) => ({
      type: 'button',
      action_id: `${ACTION.link}_${f.id}_${i}`,
      text: plain(l.title, LIMITS.buttonText),
      url: l.url,
    })),
  };
}

/** Every block of one finding: title and cause, the whole fix (split if long), evidence, links, feedback. */
function fullFinding(f: Finding, options: BlockKitOptions): Block[] {
  const head = `*${escapeMrkdwn(f.title.trim())}*  _${f.confidence}_\n${escapeMrkdwn(f.cause)}`;
  const blocks = [section(summarise(head, LIMITS.sectionText))];
  for (const part of splitText(fixText(f), LIMITS.sectionText)) blocks.push(section(part));
  const evidence = evidenceText(f);
  if (evidence) blocks.push(section(evidence));
  const links = linkButtons(f);
  if (links) blocks.push(links);
  if (options.answerId) blocks.push(...feedbackBlocks(options.answerId, f.id, options.feedback?.[f.id]));
  return blocks;
}

/** A finding that no longer fits in full: title and the numbered fix, the cause summarised to one line. */
function compactFinding(f: Finding, options: BlockKitOptions): Block[] {
  const text = `*${escapeMrkdwn(f.title.trim())}*  _${f.confidence}_ — ${escapeMrkdwn(summarise(f.cause, 200))}\n${fixText(f)}`;
  const blocks = splitText(text, LIMITS.sectionText).map(section);
  if (options.answerId) blocks.push(...feedbackBlocks(options.answerId, f.id, options.feedback?.[f.id]));
  return blocks;
}

function questionBlocks(d: Diagnosis, pasteId: string): Block[] {
  return d.questions.flatMap((q, qi) => [
    section(summarise(`*${escapeMrkdwn(q.text)}*`, LIMITS.sectionText)),
    {
      type: 'actions',
      block_id: `q_${qi}_${q.id}`.slice(0, 255),
      elements: q.options.slice(0, 25).map((o, oi) => ({
        type: 'button',
        action_id: `${ACTION.answer}_${qi}_${oi}`,
        text: plain(o.label, LIMITS.buttonText),
        value: buttonValue({ p: pasteId, a: o.answer }),
      })),
    },
  ]);
}

export function buttonValue(v: ButtonValue): string {
  const value = JSON.stringify(v);
  // Answers from the core are short; one that is not is kept out rather than cut into a different answer.
  return value.length <= LIMITS.buttonValue ? value : JSON.stringify({ p: v.p });
}

function contextBlock(d: Diagnosis): Block {
  return {
    type: 'context',
    elements: describeFacts(d.facts).map((f) => ({ type: 'mrkdwn', text: `*${f.label}:* ${escapeMrkdwn(f.value)}` })),
  };
}

/** The plain-text fallback: notifications, screen readers and clients that cannot show blocks. */
function fallbackText(d: Diagnosis): string {
  const parts = [headline(d)];
  const warning = secretWarning(d, 'chat');
  if (warning) parts.unshift(`Warning: ${warning}`);
  const top = d.findings[0];
  if (top) parts.push(`Fix: ${top.fix.map((s, n) => `${n + 1}. ${s}`).join(' ')}`);
  else if (d.notes[0]) parts.push(d.notes[0]);
  return summarise(parts.join('\n'), LIMITS.sectionText);
}

export function toBlockKit(d: Diagnosis, options: BlockKitOptions = {}): { text: string; blocks: unknown[] } {
  const top = d.findings[0];
  const title = top ? `${top.title} (${top.confidence})` : headline(d);
  const blocks: Block[] = [{ type: 'header', text: plain(title, LIMITS.headerText) }];
  const warning = secretWarning(d, 'chat');
  if (warning) blocks.push(section(`:warning: ${escapeMrkdwn(warning)}`));

  const tail: Block[] = [];
  if (d.questions.length > 0) tail.push(...questionBlocks(d, options.pasteId ?? ''));
  const probe = probeHint(d);
  if (probe) tail.push(section(escapeMrkdwn(probe)));
  if (d.notes.length > 0)
    tail.push(...splitText(d.notes.map(escapeMrkdwn).join('\n\n'), LIMITS.sectionText).map(section));
  if (options.share) {
    tail.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION.share,
          text: plain('Share in channel', LIMITS.buttonText),
          value: buttonValue({ p: options.pasteId ?? '' }),
        },
      ],
    });
  }
  tail.push(contextBlock(d));

  // Findings in full while they fit, then compact (the fix is always kept), then a count of what is left.
  const room = LIMITS.blocks - blocks.length - tail.length - 1;
  const body: Block[] = [];
  let left = d.findings.length;
  for (const f of d.findings) {
    const full = [...fullFinding(f, options), { type: 'divider' }];
    const compact = [...compactFinding(f, options), { type: 'divider' }];
    const pick = body.length + full.length <= room ? full : body.length + compact.length <= room ? compact : null;
    if (!pick) break;
    body.push(...pick);
    left--;
  }
  if (left > 0)
    body.push(
      section(
        `…and ${left} more possible cause${left === 1 ? '' : 's'}; run \`mailhandler-doctor diagnose\` on the log to see all.`,
      ),
    );
  return { text: fallbackText(d), blocks: [...blocks, ...body, ...tail] };
}
