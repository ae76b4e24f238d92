import {
  type Answer,
  type AppContext,
  type ChatInput,
  type ChatReply,
  Conversation,
  describeTenant,
  FEEDBACK_WORDS,
  type FeedbackState,
  mutedSentence,
} from '../../src/chat/index.js';
import { type Reply, toAdaptiveCard } from './card.js';
import { downloadFile } from './download.js';
import { type ActivityLike, channelIdOf, type TeamsInput, toInput } from './input.js';
import { reminderCard, watchCard } from './watch.js';

// An activity in, Teams replies out: the activity is parsed (input.ts), the conversation decides (src/chat), and
// what it says is drawn as cards here. sdk.ts only carries them.

export type { Reply } from './card.js';

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

/** An answer as a card: question buttons re-run the kept paste, feedback buttons record on the answer's id. */
function answerReply(a: Answer, feedback?: Record<string, FeedbackState>): Reply {
  const { summary, card } = toAdaptiveCard(a.diagnosis, {
    answerId: a.diagnosis.questions.length > 0 ? a.pasteId || undefined : undefined,
    feedbackId: a.answerId,
    feedback,
  });
  return { text: a.label ? `${a.label}: ${summary}` : summary, card };
}

/** The conversation's replies drawn for Teams; `card` is the clicked card a button's reply replaces. */
export function teamsReplies(replies: ChatReply[], input: { card?: string; person?: string; rule?: string }): Reply[] {
  return replies.flatMap((r) => teamsReply(r, input));
}

function teamsReply(r: ChatReply, input: { card?: string; person?: string; rule?: string }): Reply[] {
  switch (r.kind) {
    case 'answer':
      return [answerReply(r.answer)];
    case 'say':
      return [{ text: r.what === 'how-to' ? HELP : r.text }];
    case 'feedback': {
      if (!input.card) return [];
      // The answer's text is no longer held (a day has passed): the card says thanks and how to see it again.
      if (!r.redrawn) return [{ text: FEEDBACK_WORDS[r.state], update: input.card, card: thanksCard(r.state) }];
      return [{ ...answerReply(r.redrawn, { [input.rule ?? '']: r.state }), update: input.card }];
    }
    case 'reminder': {
      const { summary, card } = reminderCard(r.reminder);
      return input.card ? [{ text: summary, card, update: input.card }] : [{ text: summary, card }];
    }
    case 'watch': {
      const { summary, card } = watchCard(r.failure, r.diagnosis);
      const out: Reply[] = input.card ? [{ text: summary, card, update: input.card }] : [];
      if (r.muted) out.push({ text: mutedSentence(r.failure, input.person ?? 'someone') });
      return out;
    }
  }
}

export class TeamsBot {
  readonly conversation: Conversation;

  constructor(private readonly ctx: AppContext) {
    this.conversation = new Conversation(ctx, 'teams');
  }

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
      default: {
        const chat = this.chatInput(a, input);
        const card = 'card' in input ? input.card : undefined;
        const person = 'person' in input ? input.person : undefined;
        const rule = input.kind === 'feedback' ? input.data.rule : undefined;
        return teamsReplies(await this.conversation.handle(chat), { card, person, rule });
      }
    }
  }

  /** The activity as the conversation's neutral input. */
  private chatInput(a: ActivityLike, input: Exclude<TeamsInput, { kind: 'ignore' | 'help' | 'tenant' }>): ChatInput {
    // A redelivered activity carries the same id in the same conversation.
    const id = a.id ? `${a.conversation?.id ?? ''}|${a.id}` : undefined;
    const thread = a.conversation?.id ?? channelIdOf(a) ?? '';
    switch (input.kind) {
      case 'diagnose':
        return { kind: 'message', id, thread, text: input.text, files: [], auto: input.auto };
      case 'file':
        return {
          kind: 'message',
          id,
          thread,
          text: input.text,
          files: [{ name: input.name, open: async () => ({ name: input.name, bytes: downloadFile(input.url) }) }],
          auto: false,
        };
      case 'unsupported-file':
        return {
          kind: 'message',
          id,
          thread,
          text: input.text,
          files: [{ name: input.name, open: async () => input.name }],
          auto: false,
        };
      case 'answer':
        return { kind: 'question', pasteId: input.data.id, answer: input.data.answer };
      case 'feedback':
        return {
          kind: 'feedback',
          verdict: input.data.verdict,
          answerId: input.data.id,
          rule: input.data.rule,
          person: input.person,
          // Teams sends no card back with the click: the card is drawn again from the kept paste.
          redraw: input.card !== undefined,
        };
      case 'watch':
        return { kind: 'watch', action: input.data.action, key: input.data.key, person: input.person };
      case 'reminder':
        return { kind: 'reminder', key: input.data.key, person: input.person };
    }
  }
}
