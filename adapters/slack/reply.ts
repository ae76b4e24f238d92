import {
  type Answer,
  type AppContext,
  type ChatFile,
  type ChatReply,
  Conversation,
  describeTenant,
  mutedSentence,
  SENTENCES,
} from '../../src/chat/index.js';
import { toBlockKit } from './blocks.js';
import type { Addressed, SlashRequest } from './input.js';
import { reminderMessage, watchMessage } from './watch.js';

// The conversation's replies drawn as Slack messages, and the slash command's words. What to say is decided in
// src/chat/conversation.ts; the listeners only carry requests in and messages out.

export interface SlackMessageOut {
  text: string;
  blocks?: unknown[];
}

export const HELP = [
  '*mailhandler-doctor* tells you why the Jira / JSM mail handler fails against Microsoft 365.',
  '• `/mailhandler diagnose <error or log lines>` — the answer, only for you, with a button to share it.',
  '• `/mailhandler tenant <domain or tenant id>` — which Microsoft cloud a tenant lives in.',
  '• Send me a direct message, or @mention me in a channel, with the error pasted or a `.log`, `.txt` or `.gz` file attached; I answer in the thread.',
].join('\n');

export const HOW_TO = [
  'Paste the error after the command, for example `/mailhandler diagnose GraphServiceException: Error code: InvalidAuthenticationToken … Invalid audience`.',
  'Most useful: the ERROR lines with their stack trace from `<jira-home>/log/atlassian-jira-incoming-mail.log` (JSM Email requests) or `atlassian-jira.log` (Jira System > Incoming mail), the scopes of the Microsoft application link, or an `AADSTS` line from the browser.',
  'For a whole log file, send it to me in a direct message or attach it with an @mention.',
].join('\n');

export const EXPIRED = SENTENCES.expired;

export const SORRY = 'Sorry, something went wrong on my side while answering. Please try again in a minute.';

/** A file's name as it may appear in mrkdwn. */
export const safeName = (name: string | null | undefined) => (name ?? 'the file').replace(/[<>&*_`]/g, '');

/** A reply as Slack shows it: an answer's blocks (with Share when `share`), or a sentence. */
export function slackMessage(reply: ChatReply, options: { share?: boolean; person?: string } = {}): SlackMessageOut[] {
  switch (reply.kind) {
    case 'answer':
      return [answerMessage(reply.answer, options.share)];
    case 'say':
      return [{ text: reply.what === 'how-to' ? `${HOW_TO}\n\n${HELP}` : reply.text }];
    case 'feedback':
      return reply.redrawn ? [answerMessage(reply.redrawn, options.share)] : [];
    case 'reminder':
      return [reminderMessage(reply.reminder)];
    case 'watch': {
      const post = watchMessage(reply.failure, reply.diagnosis);
      return reply.muted ? [post, { text: mutedSentence(reply.failure, `<@${options.person ?? ''}>`) }] : [post];
    }
  }
}

function answerMessage(a: Answer, share?: boolean): SlackMessageOut {
  const message = toBlockKit(a.diagnosis, { pasteId: a.pasteId, answerId: a.answerId, share });
  return a.label ? { ...message, text: `${safeName(a.label)}: ${message.text}` } : message;
}

export class SlackReplies {
  readonly conversation: Conversation;

  constructor(private readonly ctx: AppContext) {
    this.conversation = new Conversation(ctx, 'slack');
  }

  /** The answer to `/mailhandler …` that follows the acknowledgement, or the acknowledgement itself for usage. */
  async slash(request: SlashRequest): Promise<{ ack?: SlackMessageOut; later?: () => Promise<SlackMessageOut> }> {
    switch (request.kind) {
      case 'diagnose':
        return {
          later: async () => {
            const [reply] = await this.conversation.handle({
              kind: 'message',
              thread: '',
              text: request.text,
              files: [],
              auto: false,
            });
            return (reply && slackMessage(reply, { share: true })[0]) ?? { text: HOW_TO };
          },
        };
      case 'tenant':
        return { later: async () => ({ text: describeTenant(await this.ctx.doctor.tenant(request.query)) }) };
      case 'tenant-usage':
        return { ack: { text: 'Give me a domain or tenant id: `/mailhandler tenant contoso.com`.' } };
      case 'diagnose-usage':
        return { ack: { text: HOW_TO } };
      case 'help':
        return { ack: { text: `${request.unknown ? "I don't know that command. " : ''}${HELP}` } };
    }
  }

  /** The messages a user message (text and/or files) gets in its thread. */
  async message(input: Addressed, id: string, files: ChatFile[]): Promise<SlackMessageOut[]> {
    const thread = `${input.where.channel}:${input.where.thread_ts}`;
    const replies = await this.conversation.handle({
      kind: 'message',
      id,
      thread,
      text: input.text,
      files,
      auto: input.auto,
    });
    return replies.flatMap((r) => slackMessage(r));
  }
}
