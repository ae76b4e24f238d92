import type { Rule } from './rule.js';
import graphScopeDomainPrefix from './seed/graph-scope-domain-prefix.js';
import graphTokenForWrongResource from './seed/graph-token-for-wrong-resource.js';
import sovereignGraphEndpointHardcoded from './seed/sovereign-graph-endpoint-hardcoded.js';

/** The catalogue: every rule, in the order used to break ties between findings of equal confidence and rank. */
export const RULES: Rule[] = [graphScopeDomainPrefix, sovereignGraphEndpointHardcoded, graphTokenForWrongResource];

/** Old ids keep working after a rule is split or merged. */
export const ALIASES: Record<string, string> = {};

export function findRule(id: string): Rule | undefined {
  const target = ALIASES[id] ?? id;
  return RULES.find((r) => r.id === target);
}
