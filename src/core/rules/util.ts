import { aadstsNumber, claimedByRule, codesFor, describeMeaning } from '../aadsts.js';
import { isSovereign } from '../clouds.js';
import { decidingHint } from '../facts.js';
import { aadstsLookup } from '../links.js';
import { GRAPH_MAIL_CALL, PLAIN_GCC_SURE } from '../signatures.js';
import type { Confidence, Evidence, Link } from '../types.js';
import type { RuleContext } from './rule.js';

/** The codes of this failure mode that the paste holds, in the order they first appeared. */
export const seenCodes = (ctx: RuleContext, rule: string): string[] => codesFor(rule).filter((c) => ctx.hasCode(c));

/** Microsoft's per-code page for each code seen. */
export const codeLinks = (codes: string[]): Link[] => codes.map((c) => aadstsLookup(aadstsNumber(c)));

/** "AADSTS7000222 (the app's client secret has expired)". */
export const describeCode = describeMeaning;

/** A code the rule claims settles it; one that only belongs to its family in Microsoft's reference makes it likely. */
export const codeConfidence = (codes: string[]): Confidence => (codes.some(claimedByRule) ? 'confirmed' : 'likely');

export const describeCodes = (codes: string[]): string => codes.map(describeCode).join(', ');

/** Evidence from codes first, then from signatures, capped at three lines. */
export const joinEvidence = (...lists: Evidence[][]): Evidence[] => {
  const seen = new Map<number, Evidence>();
  for (const list of lists) for (const e of list) if (!seen.has(e.line) && seen.size < 3) seen.set(e.line, e);
  return [...seen.values()].sort((a, b) => a.line - b.line);
};

/** The JSM Graph channel is in play: its classes or its call to Graph (rules add their own error signatures). */
export const graphInUse = (ctx: RuleContext): boolean => ctx.facts.protocol === 'graph' || ctx.seen(GRAPH_MAIL_CALL);

/** The paste places the tenant in a national cloud (US government or China). */
export const sovereignHint = (ctx: RuleContext) => isSovereign(ctx.facts.cloud);

/**
 * The tenant surely uses the worldwide Graph: the paste or Microsoft's metadata says worldwide, or the user is sure it
 * is plain GCC. The bare word "GCC" is not enough: people use it for every US government cloud.
 */
export const worldwideGraphSure = (ctx: RuleContext): boolean =>
  ctx.facts.cloud === 'worldwide' ||
  ctx.seen(PLAIN_GCC_SURE) ||
  (ctx.facts.cloud === 'gcc' && decidingHint(ctx.facts)?.source === 'metadata');

/** How a cause names where the cloud came from: "you say the tenant is in", "Microsoft's public metadata …". */
export function cloudSource(ctx: RuleContext): string {
  const hint = decidingHint(ctx.facts);
  if (hint?.source === 'words') return 'you say the tenant is in';
  if (hint?.source === 'metadata') return `Microsoft's public metadata for ${hint.tenant} shows the tenant is in`;
  return 'the paste shows the tenant is in';
}
