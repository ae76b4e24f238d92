import {
  type AppContext,
  autoReplyView,
  type ChatFileAnswer,
  type Diagnosis,
  describeTenant,
  type FeedbackState,
  keepPaste,
  recordAnswer,
  recordFeedback,
  redactText,
  shouldAutoReply,
} from '../../src/chat/index.js';
import { toBlockKit } from './blocks.js';
import type { SlackFile } from './files.js';
import type { Addressed, SlashRequest } from './input.js';

// What the Slack app says, decided without Bolt: requests in, messages out. The listeners only carry them.

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

export const EXPIRED =
  'That answer is too old for me to re-run (I keep pastes for a day, without secrets). Paste the error again.';

export const SORRY = 'Sorry, something went wrong on my side while answering. Please try again in a minute.';

/** A file's name as it may appear in mrkdwn. */
export const safeName = (name: string | null | undefined) => (name ?? 'the file').replace(/[<>&*_`]/g, '');

export class SlackReplies {
  constructor(private readonly ctx: AppContext) {}

  /** A pasted text's answer, recorded; its redacted paste is kept so question buttons can re-run it. */
  async paste(text: string, options: { share?: boolean } = {}): Promise<{ d: Diagnosis; message: SlackMessageOut }> {
    const d = await this.diagnose(text);
    return { d, message: this.answer(d, redactText(text), options) };
  }

  private diagnose(text: string): Promise<Diagnosis> {
    return this.ctx.doctor.text(text, { maxBytes: this.ctx.config.maxUploadBytes });
  }

  /**
   * An answer that is going out: recorded (LEARN), its redacted text kept under the answer's id for question and
   * feedback buttons, and rendered with "Fixed it" / "Not it" under each finding.
   */
  private answer(
    d: Diagnosis,
    redacted: string,
    options: { share?: boolean; shown?: Diagnosis } = {},
  ): SlackMessageOut {
    const shown = options.shown ?? d;
    const answerId = recordAnswer(this.ctx, 'slack', shown, redacted);
    const pasteId = answerId ?? this.ctx.pastes.put(redacted);
    return toBlockKit(shown, { pasteId, answerId, share: options.share });
  }

  /** A click on "Fixed it", "Not it" or "Keep the paste": what the finding's buttons become. */
  async feedback(
    action: 'fixed' | 'not-it' | 'keep',
    value: { answerId: string; rule: string },
    person: string,
  ): Promise<FeedbackState> {
    if (action === 'keep') return keepPaste(this.ctx, 'slack', value.answerId);
    return recordFeedback(this.ctx, 'slack', { ...value, person, verdict: action });
  }

  /** An ephemeral answer again (Slack does not send its blocks back), with one finding's feedback state. */
  async rerender(
    answerId: string,
    rule: string,
    state: FeedbackState,
    share: boolean,
  ): Promise<SlackMessageOut | null> {
    const paste = this.ctx.pastes.get(answerId);
    if (paste === undefined) return null;
    const d = await this.diagnose(paste);
    return toBlockKit(d, { pasteId: answerId, answerId, share, feedback: { [rule]: state } });
  }

  /** The answer to `/mailhandler …` that follows the acknowledgement, or the acknowledgement itself for usage. */
  async slash(request: SlashRequest): Promise<{ ack?: SlackMessageOut; later?: () => Promise<SlackMessageOut> }> {
    switch (request.kind) {
      case 'diagnose':
        return { later: async () => (await this.paste(request.text, { share: true })).message };
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

  /** Re-runs a kept paste with a question's answer added. */
  async answerQuestion(pasteId: string, answer: string, share: boolean): Promise<SlackMessageOut | null> {
    const paste = this.ctx.pastes.get(pasteId);
    if (paste === undefined) return null;
    return (await this.paste(`${paste}\n${answer}`, { share })).message;
  }

  /** The same answer again, posted for the channel to see, from the kept paste. */
  async share(pasteId: string): Promise<SlackMessageOut | null> {
    const paste = this.ctx.pastes.get(pasteId);
    if (paste === undefined) return null;
    // The same answer, shown to the channel: its feedback counts for the answer already recorded.
    const answerId = this.ctx.learner.on ? pasteId : undefined;
    return toBlockKit(await this.diagnose(paste), { pasteId, answerId });
  }

  /**
   * The messages a user message (text and/or files) gets in its thread. An unasked answer in a support channel
   * (`auto`) shows only what the bot is sure of, and says nothing otherwise.
   */
  async message(
    input: Addressed,
    readFile: (file: SlackFile) => Promise<ChatFileAnswer>,
    isLog: (file: SlackFile) => boolean,
    filesPerMessage: number,
  ): Promise<{ messages: SlackMessageOut[]; log: Record<string, unknown>[] }> {
    const { text, files, auto } = input;
    const out: SlackMessageOut[] = [];
    const log: Record<string, unknown>[] = [];
    const view = (d: Diagnosis) => (auto ? autoReplyView(d) : d);
    // A screenshot next to a pasted error: answer the paste rather than complain about the picture.
    const readable = files.filter((f) => f.name === undefined || isLog(f));
    const logFiles = (readable.length > 0 || !text.trim() ? files : []).slice(0, filesPerMessage);
    if (logFiles.length === 0) {
      if (!text.trim()) return { messages: auto ? [] : [{ text: `${HOW_TO}\n\n${HELP}` }], log };
      // Only what is answered is recorded: chatter in a support channel that gets no reply is not kept.
      const d = await this.diagnose(text);
      if (auto && !shouldAutoReply(d)) return { messages: [], log };
      log.push({ findings: d.findings.length, secrets: d.secrets.length, auto });
      return { messages: [this.answer(d, redactText(text), { shown: view(d) })], log };
    }
    for (const file of logFiles) {
      const answer = await readFile(file);
      if (!answer.ok) {
        if (!auto) out.push({ text: answer.message });
        continue;
      }
      const d = answer.diagnosis;
      if (auto && !shouldAutoReply(d)) continue;
      log.push({ findings: d.findings.length, bytes: d.input.bytes, auto });
      const message = this.answer(d, answer.paste, { shown: view(d) });
      out.push({ ...message, text: `${safeName(answer.name)}: ${message.text}` });
    }
    // The text beside the files is read too, so a secret typed there still gets the delete-and-rotate warning.
    if (!text.trim()) return { messages: out, log };
    const d = await this.diagnose(text);
    const secret = d.secrets.length > 0;
    // In a support channel a secret alone only earns a warning where the bot is already answering.
    const worth = auto ? shouldAutoReply(d) || (out.length > 0 && secret) : secret || d.findings.length > 0;
    if (worth) {
      log.push({ findings: d.findings.length, secrets: d.secrets.length, auto });
      const shown = this.answer(d, redactText(text), { shown: view(d) });
      out.push({ ...shown, text: `Your message: ${shown.text}` });
    }
    return { messages: out, log };
  }
}
