import { CLOUDS, isSovereign } from '../../clouds.js';
import { decidingHint } from '../../facts.js';
import { LINKS } from '../../links.js';
import {
  BARE_GRAPH_SCOPES,
  GRAPH_MAIL_CALL,
  INVALID_AUDIENCE,
  PLAIN_GCC_SURE,
  SOVEREIGN_MENTION,
  signature,
} from '../../signatures.js';
import { CLOUD_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { US_GOV_IMAP_STEPS } from '../screens.js';
import { cloudSource, graphInUse, worldwideGraphSure } from '../util.js';

const PLAIN_GCC_MENTION = signature(
  'plain-gcc-mention',
  /\bGCC\b(?![\s-]{0,3}High)|Government Community Cloud(?![\s-]{0,3}High)/i,
  ['gcc', 'government community'],
);

const WORKAROUND_INTRO =
  'The workaround Atlassian supports for GCC High and DoD is IMAP (or POP) with OAuth 2.0 against the government cloud, in the steps below.';
const NO_FIX_STEP =
  'There is no setting that fixes the Graph protocol here: vote for and watch JSDSERVER-14090 so Atlassian sees the demand.';

export default defineRule({
  id: 'sovereign-graph-endpoint-hardcoded',
  priority: 620,
  title: "JSM's Graph protocol only talks to worldwide Graph, and this tenant lives in a government cloud",
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol (GCC High, DoD)',
  signatures: [
    INVALID_AUDIENCE,
    GRAPH_MAIL_CALL,
    SOVEREIGN_MENTION,
    PLAIN_GCC_MENTION,
    PLAIN_GCC_SURE,
    BARE_GRAPH_SCOPES,
  ],
  links: [LINKS.seedKb, LINKS.jsdserver14090, LINKS.msGraphDeployments, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const { facts } = ctx;
    const cloud = facts.cloud;
    const audienceError = ctx.seen(INVALID_AUDIENCE);
    const graphChannel = audienceError || graphInUse(ctx);
    const token = facts.token;
    if (cloud && isSovereign(cloud) && graphChannel) {
      // A worldwide Graph token in the same paste contradicts the user's words; say so rather than be sure.
      const worldwideToken = token?.resource === 'graph' && !isSovereign(token.cloud ?? null);
      const contradiction = worldwideToken
        ? ` The pasted token, though, is addressed to the worldwide Graph (aud ${token.aud}), which a GCC High or DoD tenant does not issue: check which tenant the application link signs in to.`
        : '';
      // The 21Vianet part of the limit is our inference, so it is never stated as certain.
      const sure = audienceError && !worldwideToken && cloud !== 'china';
      return {
        confidence: sure ? 'confirmed' : worldwideToken ? 'possible' : 'likely',
        cause: `JSM's Graph mail handler always calls graph.microsoft.com, but ${cloudSource(ctx)} ${CLOUDS[cloud].name}, whose Graph lives at ${CLOUDS[cloud].graphHost}. Microsoft does not accept a token from one cloud in another, so Graph answers "Invalid audience" however the application link is set up.${contradiction}`,
        fix: cloud === 'china' ? [NO_FIX_STEP] : [NO_FIX_STEP, WORKAROUND_INTRO, ...US_GOV_IMAP_STEPS],
        evidence: ctx.evidence(INVALID_AUDIENCE, SOVEREIGN_MENTION),
        fixAvailable: false,
        links: cloud === 'china' ? [] : [LINKS.atlassianDetailedSteps],
        rank: 2,
      };
    }
    if (!audienceError || worldwideGraphSure(ctx)) return null;
    const scopes = groupScopes(facts);
    if (token && (token.resource === 'outlook' || (token.resource === 'graph' && !isSovereign(token.cloud ?? null)))) {
      return null;
    }
    const onlyBareGraph = scopes.known && scopes.graphPrefixed.length === 0 && scopes.outlook.length === 0;
    if (scopes.known && !onlyBareGraph) return null;
    const evidence = ctx.evidence(INVALID_AUDIENCE, BARE_GRAPH_SCOPES, PLAIN_GCC_MENTION);
    const fix = [
      'Find out which cloud the tenant is in: in the Entra admin center, a tenant in GCC High or DoD signs in at login.microsoftonline.us and is managed at portal.azure.us.',
      'If it is GCC High or DoD: the Graph protocol cannot work (JSDSERVER-14090); use IMAP/POP with OAuth 2.0 and the outlook.office365.us scopes instead.',
      'If it is worldwide or plain GCC: this is not the cause; check which application link the channel really uses and its scopes.',
    ];
    if (cloud === 'gcc') {
      if (!onlyBareGraph) return null;
      return {
        confidence: 'possible',
        cause:
          'The scopes are right, so the KB points at the government-cloud limit. Plain GCC, though, uses the worldwide endpoints and works with JSM\'s Graph protocol; this only applies if the tenant is really GCC High or DoD, which many people also call "GCC".',
        fix,
        evidence,
        fixAvailable: false,
        rank: 1,
        questions: [CLOUD_QUESTION],
      };
    }
    return {
      confidence: onlyBareGraph ? 'likely' : 'possible',
      cause: onlyBareGraph
        ? "The application link already uses the correct short scopes, yet Graph rejects the token's audience. That is the pattern of a tenant in GCC High or DoD: the token is issued for that cloud's Graph, while JSM always calls the worldwide graph.microsoft.com."
        : "If the tenant is in GCC High or DoD, JSM's Graph protocol fails this way whatever the settings: it always calls the worldwide graph.microsoft.com, and a government-cloud token is not valid there.",
      fix,
      evidence,
      fixAvailable: false,
      rank: onlyBareGraph ? 2 : 1,
      questions: [CLOUD_QUESTION],
    };
  },
  notes(ctx) {
    const hint = decidingHint(ctx.facts);
    if (hint?.source === 'metadata') {
      const cloud = CLOUDS[hint.cloud];
      const source = `Microsoft's public metadata for ${hint.tenant}`;
      return [
        cloud.graphProtocolWorks
          ? `The cloud came from ${source}: ${cloud.name}, which uses graph.microsoft.com, so JSM's Graph protocol can work and the government-cloud limit is not the cause. Check which application link the channel really uses and its scopes.`
          : `The cloud came from ${source}: ${cloud.name} (Graph host ${cloud.graphHost}), so JSM's Graph protocol cannot work for this mailbox.`,
      ];
    }
    const mentionsPlainGcc = ctx.facts.cloudHints.some((h) => h.cloud === 'gcc' && h.source === 'words');
    if (!mentionsPlainGcc || ctx.facts.cloud !== 'gcc') return [];
    return [
      "A note on GCC: Microsoft 365 GCC (moderate) uses the worldwide endpoints (login.microsoftonline.com, graph.microsoft.com), so JSM's Graph protocol can work there. The graph.microsoft.us limit in Atlassian's KB applies to GCC High and DoD.",
    ];
  },
});
