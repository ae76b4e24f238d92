import { AADSTS_TABLE, aadstsNumber, codesFor } from '../aadsts.js';
import { isSovereign } from '../clouds.js';
import { aadstsLookup } from '../links.js';
import { GRAPH_MAIL_CALL } from '../signatures.js';
import type { Evidence, Link } from '../types.js';
import type { RuleContext } from './rule.js';

/** The codes of this failure mode that the paste holds, in the order they first appeared. */
export const seenCodes = (ctx: RuleContext, rule: string): string[] => codesFor(rule).filter((c) => ctx.hasCode(c));

/** Microsoft's per-code page for each code seen. */
export const codeLinks = (codes: string[]): Link[] => codes.map((c) => aadstsLookup(aadstsNumber(c)));

/** "AADSTS7000222 (the app's client secret has expired)". */
export const describeCode = (code: string): string => {
  const meaning = AADSTS_TABLE[aadstsNumber(code)]?.meaning;
  return meaning ? `${code} (${meaning})` : code;
};

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
