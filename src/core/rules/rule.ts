import type { Signature } from '../signatures.js';
import type { Confidence, Evidence, Facts, Link, Question, SecretFound, StatementId } from '../types.js';

/** What a rule sees: the facts, and where each signature and error code was found. */
export interface RuleContext {
  facts: Facts;
  secrets: SecretFound[];
  seen(signature: Signature): boolean;
  evidence(...signatures: Signature[]): Evidence[];
  hasCode(...codes: string[]): boolean;
  /** The user said this, in their own words (see statements.ts). */
  said(...ids: StatementId[]): boolean;
  /** The lines where they said it, as evidence. */
  saidEvidence(...ids: StatementId[]): Evidence[];
  codeEvidence(...codes: string[]): Evidence[];
  /** Scopes were written with commas between them (a lint fact that survives redaction). */
  commasBetweenScopes: boolean;
  /** Shapes of redacted secrets, e.g. `client-secret:guid` when a GUID sits in the client-secret field. */
  secretShapes: ReadonlySet<string>;
  /** The ids of the findings, once every rule has given its verdict (for notes). */
  found?: readonly string[];
}

export interface Verdict {
  confidence: Confidence;
  cause: string;
  fix: string[];
  evidence: Evidence[];
  fixAvailable?: boolean;
  /** Extra links for this verdict, after the rule's own. */
  links?: Link[];
  /** Orders findings of equal confidence: higher first. */
  rank?: number;
  questions?: Question[];
}

export interface Rule {
  id: string;
  /**
   * Breaks ties between findings of equal confidence, basis and rank: the higher first. Each rule has its own, ten
   * apart so a new rule slots in between without renumbering; a test holds them distinct.
   */
  priority: number;
  title: string;
  /**
   * When the facts this rule states were last checked against its sources (`YYYY-MM`). The sources are its links
   * (which answers show) plus `sources` (pages only the catalogue cites).
   */
  checked: string;
  /** Vendor pages the rule rests on that answers do not link to. */
  sources?: Link[];
  /**
   * Advice a vendor has retired, said so here so nobody puts it back: the rule's answers give the replacement
   * instead (e.g. "creating an Application Access Policy" → RBAC for Applications). `never` matches the advice given
   * as an instruction; a test holds every answer to it.
   */
  retired?: { advice: string; never: RegExp }[];
  /** Documented (Microsoft or Atlassian say so), reported (community reports) or inferred (our reasoning). Inferred rules never say "confirmed". */
  basis: 'documented' | 'reported' | 'inferred';
  appliesTo: string;
  signatures?: Signature[];
  links: Link[];
  evaluate(ctx: RuleContext): Verdict | null;
  /** Remarks that are not findings, e.g. a kind correction when the user mentions plain GCC. */
  notes?(ctx: RuleContext): string[];
}

export const defineRule = (rule: Rule): Rule => rule;

/** Hosts whose pages count as a vendor source: Microsoft's and Atlassian's own documentation and blogs. */
const VENDOR_HOST =
  /^https:\/\/(?:learn\.microsoft\.com|techcommunity\.microsoft\.com|devblogs\.microsoft\.com|(?:[a-z]{2}\.)?confluence\.atlassian\.com|support\.atlassian\.com|jira\.atlassian\.com|developer\.atlassian\.com|community\.developer\.atlassian\.com)\//;

/** Every vendor page a rule rests on: what its answers link to, then what only the catalogue cites. */
export function sourcesOf(rule: Rule): Link[] {
  const all = [...rule.links, ...(rule.sources ?? [])];
  return all.filter((l, i) => VENDOR_HOST.test(l.url) && all.findIndex((o) => o.url === l.url) === i);
}
