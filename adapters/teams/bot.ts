import {
  type AppContext,
  autoReplyView,
  type Diagnosis,
  describeTenant,
  diagnoseChatFile,
  FEEDBACK_WORDS,
  type FeedbackState,
  keepPaste,
  PASTE_TTL_MS,
  recordAnswer,
  recordFeedback,
  redactText,
  secretWarning,
  shouldAutoReply,
  TtlLru,
  WatchState,
} from '../../src/chat/index.js';
import { toAdaptiveCard } from './card.js';
import { downloadFile } from './download.js';
import { type ActivityLike, channelIdOf, isFromBot, type TeamsInput, toInput } from './input.js';
import { MUTE_HOURS, watchCard } from './watch.js';

// What the bot says, decided without the SDK: an activity in, plain replies out. sdk.ts only carries them.

export interface Reply {
  text: string;
  card?: Record<string, unknown>;
  /** Replaces this message (a card whose button was clicked) instead of sending a new one. */
  update?: string;
}

export const HELP = [
  'I find out why a Jira Service Management or Jira incoming mail handler fails against Microsoft 365.',
  '',
  '- Paste the ERROR lines from atlassian-jira-incoming-mail.log (or atlassian-jira.log), an AADSTS message, or the application link scopes. Secrets are removed before anything reads the text.',
  '- In a personal chat you can also send the .log or .txt file itself.',
  '- In a channel or group chat, @mention me with the paste.',
  '',
  'Commands: **diagnose** _text_ · **tenant** _domain or tenant id_ (which Microsoft cloud a tenant is in) · **help**',
].join('\n');

/** What a clicked card becomes when its answer is no longer held. */
const thanksCard = (state: FeedbackState) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: FEEDBACK_WORDS[state], wrap: true },
    {
      type: 'TextBlock',
      text: 'This answer is more than a day old, so its text is no longer held here; paste the error again to see it.',
      wrap: true,
      isSubtle: true,
    },
  ],
});

export const WELCOME =
  'Hi! Paste the ERROR lines of a failing Jira or JSM mail handler (from atlassian-jira-incoming-mail.log) and I will tell you the likely cause and the fix. Type **help** for more.';

export class TeamsBot {
  private readonly autoAnswered = new TtlLru<true>(5000, 7 * 24 * 60 * 60 * 1000);

  constructor(private readonly ctx: AppContext) {}

  /** One short greeting when the bot itself is added to a chat or team, never for other members. */
  welcome(a: ActivityLike & { membersAdded?: { id?: string }[] }): Reply[] {
    const botId = a.recipient?.id;
    return (a.membersAdded ?? []).some((m) => m.id === botId) ? [{ text: WELCOME }] : [];
  }

  async message(a: ActivityLike): Promise<Reply[]> {
    const input = toInput(a, { autoReplyChannels: this.ctx.config.TEAMS_AUTO_REPLY_CHANNELS });
    this.ctx.logger.debug({ kind: input.kind, conversation: a.conversation?.conversationType }, 'teams message');
    switch (input.kind) {
      case 'ignore':
        return [];
      case 'help':
        return [{ text: HELP }];
      case 'tenant': {
        const result = await this.ctx.doctor.tenant(input.query);
        // Teams markdown needs a blank line to break a line.
        return [{ text: describeTenant(result).split('\n').join('\n\n') }];
      }
      case 'unsupported-file':
        return [
          {
            text: `I can read .log, .txt, .out and .gz files, rotated ones too (atlassian-jira.log.1). "${input.name}" is not one of them: attach the log file itself, or paste its ERROR lines.`,
          },
          ...(await this.typedAlongside(input.text)),
        ];
      case 'file':
        return [...(await this.file(input)), ...(await this.typedAlongside(input.text))];
      case 'answer': {
        const paste = this.ctx.pastes.get(input.data.id);
        if (paste === undefined) {
          return [
            {
              text: `I no longer hold that paste (I keep it for ${PASTE_TTL_MS / 3_600_000} hours). Please paste the log again.`,
            },
          ];
        }
        const text = `${paste}\n${input.data.answer}`;
        return [this.answer(await this.diagnose(text), redactText(text))];
      }
      case 'feedback':
        return this.feedback(input);
      case 'watch':
        return this.watchAction(input);
      case 'diagnose':
        return input.auto
          ? this.autoReply(a, input.text)
          : [this.answer(await this.diagnose(input.text), redactText(input.text))];
    }
  }

  private diagnose(text: string): Promise<Diagnosis> {
    return this.ctx.doctor.text(text, { maxBytes: this.ctx.config.maxUploadBytes });
  }

  private async file(input: Extract<TeamsInput, { kind: 'file' }>): Promise<Reply[]> {
    const limit = this.ctx.config.maxUploadBytes;
    const answer = await diagnoseChatFile(this.ctx.doctor, `"${input.name}"`, downloadFile(input.url), limit);
    if (!answer.ok) return [{ text: answer.message }];
    const d = answer.diagnosis;
    this.ctx.logger.info({ bytes: d.input.bytes, findings: d.findings.length }, 'teams file diagnosed');
    return [this.answer(d, answer.paste)];
  }

  /** Text typed with a file: a full answer if it names a problem, the delete-and-rotate warning if it holds a secret. */
  private async typedAlongside(text: string): Promise<Reply[]> {
    if (!text) return [];
    const d = await this.diagnose(text);
    if (d.findings.length > 0) return [this.answer(d, redactText(text))];
    const warning = secretWarning(d, 'chat');
    return warning ? [{ text: `About the message you sent with the file: ${warning}` }] : [];
  }

  /**
   * A full answer, recorded (LEARN) with "Fixed it" / "Not it" under each finding; its redacted paste is kept for
   * question buttons and feedback.
   */
  private answer(d: Diagnosis, redactedPaste: string): Reply {
    const feedbackId = recordAnswer(this.ctx, 'teams', d, redactedPaste);
    const kept = feedbackId ?? (d.questions.length > 0 ? this.ctx.pastes.put(redactedPaste) || undefined : undefined);
    const answerId = d.questions.length > 0 ? kept : undefined;
    const { summary, card } = toAdaptiveCard(d, { answerId, feedbackId });
    return { text: summary, card };
  }

  /** A click on a feedback button: recorded once per person, and the card it is in is updated, not answered. */
  private async feedback(input: Extract<TeamsInput, { kind: 'feedback' }>): Promise<Reply[]> {
    const { id, rule, verdict } = input.data;
    const state =
      verdict === 'keep'
        ? await keepPaste(this.ctx, 'teams', id)
        : recordFeedback(this.ctx, 'teams', { answerId: id, rule, person: input.person, verdict });
    this.ctx.logger.info({ feedback: verdict, state }, 'teams feedback');
    if (!input.card) return [];
    const paste = this.ctx.pastes.get(id);
    if (paste === undefined) {
      // The answer's text is no longer held (a day has passed): the card says thanks and how to see it again.
      return [{ text: FEEDBACK_WORDS[state], update: input.card, card: thanksCard(state) }];
    }
    const d = await this.diagnose(paste);
    const { summary, card } = toAdaptiveCard(d, {
      answerId: d.questions.length > 0 ? id : undefined,
      feedbackId: id,
      feedback: { [rule]: state },
    });
    return [{ text: summary, card, update: input.card }];
  }

  /** Acknowledge or Mute on a watcher's post: the card is updated in place, and a mute is said in the thread. */
  private async watchAction(input: Extract<TeamsInput, { kind: 'watch' }>): Promise<Reply[]> {
    const watch = new WatchState(this.ctx.store);
    const { key, action } = input.data;
    const f =
      action === 'mute'
        ? watch.mute(key, input.person, Date.now() + MUTE_HOURS * 60 * 60 * 1000)
        : watch.acknowledge(key, input.person);
    if (!f) return [{ text: 'That failure is no longer tracked here.' }];
    const { summary, card } = watchCard(f, await this.diagnose(f.text));
    const replies: Reply[] = input.card ? [{ text: summary, card, update: input.card }] : [];
    if (action === 'mute') {
      replies.push({
        text: `Muted for ${MUTE_HOURS} h by ${input.person}: no posts for this failure until ${new Date(f.mutedUntil ?? 0).toISOString().slice(0, 16).replace('T', ' ')} UTC (repeats are still counted).`,
      });
    }
    return replies;
  }

  /** Unasked answers in support channels: only confirmed or likely findings, once per thread. */
  private async autoReply(a: ActivityLike, text: string): Promise<Reply[]> {
    const thread = a.conversation?.id ?? channelIdOf(a) ?? '';
    // Claimed before the diagnosis is awaited, so a second message arriving meanwhile finds the thread taken.
    if (isFromBot(a) || !this.autoAnswered.claim(thread, true)) return [];
    const d = await this.diagnose(text);
    if (!shouldAutoReply(d)) return [];
    const shown = autoReplyView(d);
    const feedbackId = recordAnswer(this.ctx, 'teams', shown, redactText(text));
    const { summary, card } = toAdaptiveCard(shown, { feedbackId });
    return [{ text: summary, card }];
  }
}
