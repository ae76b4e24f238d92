import { decodeText, redactText } from '../core/index.js';
import type { Diagnosis } from '../core/types.js';
import type { Doctor } from '../doctor.js';
import { Busy } from '../limit.js';

/** A problem with a shared file that the user can act on; its message is said to them as it is. */
export class ChatFileError extends Error {}

/** Small files are kept whole (redacted) so that a question button can re-run the diagnosis on all of them. */
const KEEP_FILE_BYTES = 512 * 1024;

export type ChatFileAnswer =
  | { ok: true; name: string; diagnosis: Diagnosis /** Redacted text to keep for question buttons. */; paste: string }
  | { ok: false; message: string };

/** The evidence lines of an answer, already redacted by the core: what is kept of a file too big to keep whole. */
const evidencePaste = (d: Diagnosis) => d.findings.flatMap((f) => f.evidence.map((e) => e.text)).join('\n');

/**
 * A log file shared in Slack or Teams. It is read up to MAX_UPLOAD_MB and the answer says when the rest was not
 * read: the start of a log still often holds the error, and part of an answer beats a refusal. What goes wrong is
 * said in a sentence, never a stack trace.
 */
export async function diagnoseChatFile(
  doctor: Doctor,
  name: string,
  download: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<ChatFileAnswer> {
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  async function* tee() {
    for await (const chunk of download) {
      keptBytes += chunk.length;
      if (keptBytes <= KEEP_FILE_BYTES) kept.push(chunk);
      yield chunk;
    }
  }
  let d: Diagnosis;
  try {
    d = await doctor.file(tee(), { maxBytes });
  } catch (err) {
    if (err instanceof Busy) return { ok: false, message: `${err.message} (${name} was not read.)` };
    const why = err instanceof ChatFileError ? err.message : 'The download broke off.';
    return { ok: false, message: `I could not read ${name}: ${why} Try again, or paste the ERROR lines instead.` };
  }
  if (d.input.binary) return { ok: false, message: `${name} is not a text log. ${d.notes[0] ?? ''}`.trim() };
  const head = kept[0];
  const whole = keptBytes <= KEEP_FILE_BYTES && !(head?.[0] === 0x1f && head?.[1] === 0x8b);
  return {
    ok: true,
    name,
    diagnosis: d,
    paste: whole ? redactText(decodeText(Buffer.concat(kept))) : evidencePaste(d),
  };
}
