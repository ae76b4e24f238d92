import { CLOUDS } from '../core/clouds.js';
import { secretLabel } from '../core/secrets.js';
import type { Diagnosis, Facts, Handler, Protocol } from '../core/types.js';

// Wording shared by every renderer (text, markdown, Block Kit, Adaptive Cards), so all front doors say the same.

const HANDLERS: Record<Handler, string> = {
  jsm: 'JSM Email requests (Project settings > Email requests)',
  jira: 'Jira incoming mail (System > Incoming mail)',
};
const PROTOCOLS: Record<Protocol, string> = { graph: 'Microsoft Graph API', imap: 'IMAP', pop: 'POP' };
export interface FactLine {
  label: string;
  value: string;
}

/** Handler, protocol and cloud, always in this order, with "not seen" rather than a guess; then what the user said. */
export function describeFacts(facts: Facts): FactLine[] {
  const lines = [
    { label: 'Handler', value: facts.handler ? HANDLERS[facts.handler] : 'not seen in the text' },
    { label: 'Protocol', value: facts.protocol ? PROTOCOLS[facts.protocol] : 'not seen in the text' },
    { label: 'Cloud', value: facts.cloud ? CLOUDS[facts.cloud].label : 'not seen in the text' },
  ];
  const said = (facts.statements ?? []).filter((s) => s.id !== 'stopped-working').slice(0, 3);
  if (said.length > 0) {
    lines.push({ label: 'You said', value: said.map((s) => `“${clip(s.text, 120)}” (line ${s.line})`).join('; ') });
  }
  return lines;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** Where the text was pasted, which decides what to do about a secret in it. */
export type PastedIn = 'chat' | 'here';

const AFTER_SECRET: Record<PastedIn, string> = {
  // A chat message is stored by Slack or Microsoft and seen by everyone in the conversation.
  chat: 'Because they were posted in a chat, delete the message and rotate them',
  // The command line, the playground and the API: nothing was posted, but the file or clipboard still holds them.
  here: 'They went only to this doctor, but the text you took them from still holds them: if it was shared (a ticket, a chat, an email), rotate them',
};

/** A warning when the paste held secrets; names kinds and lines, never values. */
export function secretWarning(d: Diagnosis, pastedIn: PastedIn): string | null {
  if (d.secrets.length === 0) return null;
  const kinds = [...new Set(d.secrets.map((s) => secretLabel(s.kind)))];
  const lines = [...new Set(d.secrets.map((s) => s.line))].slice(0, 5);
  return `Your text contained ${d.secrets.length === 1 ? 'a secret' : 'secrets'} (${kinds.join(', ')}; line ${lines.join(', ')}). They were removed before anything was read and are not repeated here. ${AFTER_SECRET[pastedIn]}: create a new client secret in Entra, and revoke any token or password that was shown.`;
}

/** One line that says what was found, for notifications and plain-text fallbacks. */
export function headline(d: Diagnosis): string {
  const top = d.findings[0];
  if (!top) return d.input.binary ? 'That file is not a text log.' : 'No known mail-handler problem found.';
  const more = d.findings.length > 1 ? ` (+${d.findings.length - 1} more)` : '';
  return `${top.title} [${top.confidence}]${more}`;
}

/** Questions a live check answers better than a guess: which connection timed out, what Entra said, how IMAP signs in. */
const PROBE_SETTLES = new Set(['connection-test-aadsts', 'token-refresh-aadsts', 'imap-auth-setup', 'timeout-host']);

/**
 * Where `mailhandler-doctor probe` would settle an open question, a sentence saying so. Chat never runs it: the
 * probe needs the client secret, which does not belong in a chat message.
 */
export function probeHint(d: Diagnosis): string | null {
  if (!d.questions.some((q) => PROBE_SETTLES.has(q.id))) return null;
  const protocol = d.facts.protocol ?? 'graph';
  return `A live check settles this: on a machine that reaches Microsoft, run \`mailhandler-doctor probe --protocol ${protocol} --tenant <tenant> --client-id <app id> --mailbox <address> --grant client-credentials\` (it asks for the client secret there; never paste a secret here).`;
}
