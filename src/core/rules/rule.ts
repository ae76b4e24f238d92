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
  title: string;
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
