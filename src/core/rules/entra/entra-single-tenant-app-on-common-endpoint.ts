import { LINKS } from '../../links.js';
import { CONNECTION_TEST_FAILED, signature } from '../../signatures.js';
import { signInFailed } from '../imap/signals.js';
import { CONNECTION_TEST_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_APP_SCREEN, ENTRA_OVERVIEW_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const TENANT_ID_MENTION = signature(
  'tenant-id-mention',
  /(?:tenant|directory)[\w ()'-]{0,30}[:=]?\s{0,3}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  ['tenant', 'directory'],
);

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const commonEndpoints = (endpoints: string[]) => endpoints.filter((e) => /\/common\/oauth2\//.test(e));

/** AADSTS50194's own words, as clients print them without the code. */
const NOT_MULTI_TENANT_WORDS = signature(
  'not-multi-tenant-words',
  /\bis not configured as a multi-tenant application\b|\bUsage of the \/common endpoint is not supported\b/i,
  ['multi-tenant application', 'usage of the /common endpoint'],
);

export default defineRule({
  id: 'entra-single-tenant-app-on-common-endpoint',
  priority: 580,
  title: 'A single-tenant app registration is used through the /common endpoints',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link)',
  signatures: [CONNECTION_TEST_FAILED, TENANT_ID_MENTION, NOT_MULTI_TENANT_WORDS],
  links: [LINKS.atlassianConnectionTestKb, LINKS.atlassianDetailedSteps, LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-single-tenant-app-on-common-endpoint');
    const fix = [
      `Either: in ${ENTRA_APP_SCREEN} > Authentication (Supported account types), make the app multi-tenant ("Accounts in any organizational directory … and personal Microsoft accounts", as Atlassian's guide assumes).`,
      `Or keep it single-tenant and, in ${APP_LINKS_SCREEN}, change the Authorization endpoint to \`https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/authorize\` and the Token endpoint to \`https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token\`, with the Directory (tenant) ID from ${ENTRA_OVERVIEW_SCREEN}.`,
      'Save the application link.',
      REAUTHORIZE_ANY,
    ];
    const words = ctx.seen(NOT_MULTI_TENANT_WORDS);
    if (codes.length > 0 || words) {
      return {
        confidence: codes.length > 0 ? codeConfidence(codes) : 'confirmed',
        cause: `Entra refuses the /common endpoint for this app (${codes.length > 0 ? describeCodes(codes) : 'it "is not configured as a multi-tenant application"'}): the app registration is single-tenant, while Jira's Microsoft provider uses the multi-tenant /common endpoints by default.`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(NOT_MULTI_TENANT_WORDS)),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    const common = commonEndpoints(ctx.facts.endpoints);
    const tenantGiven =
      ctx.seen(TENANT_ID_MENTION) || ctx.facts.endpoints.some((e) => GUID.test(e) && !e.includes('/common/'));
    if (common.length > 0 && tenantGiven) {
      return {
        confidence: 'likely',
        cause: `The application link uses the /common endpoints (${common.map((e) => `\`${e}\``).join(', ')}) while the paste names a specific tenant. A single-tenant app registration cannot be used through /common (Entra answers AADSTS50194); it needs the tenant-specific endpoints.`,
        fix,
        evidence: ctx.evidence(TENANT_ID_MENTION),
        rank: 2,
      };
    }
    // "It was a single-tenant app": with a sign-in failing and no tenant-specific endpoint shown, the /common case.
    const failing = signInFailed(ctx) || ctx.said('stopped-working') || ctx.facts.exceptions.length > 0;
    const singleTenant = ctx.said('single-tenant') && failing && !ctx.facts.endpoints.some((e) => GUID.test(e));
    if (singleTenant && ctx.facts.errorCodes.length === 0) {
      return {
        confidence: 'possible',
        cause:
          "You mention a single-tenant app registration. Jira's Microsoft provider, like many mail clients, signs in through the multi-tenant /common endpoints by default, and Entra refuses a single-tenant app there (AADSTS50194). Either the app becomes multi-tenant or the endpoints name the tenant.",
        fix,
        evidence: ctx.saidEvidence('single-tenant'),
        rank: 1,
      };
    }
    if (ctx.seen(CONNECTION_TEST_FAILED) && ctx.facts.errorCodes.length === 0) {
      return {
        confidence: 'possible',
        cause:
          'The application link\'s "Test connection" failed. That message covers several causes; Atlassian lists first a single-tenant app registration used through the default /common endpoints (AADSTS50194), then a wrong Client ID or secret (AADSTS7000215). The AADSTS line written to atlassian-jira.log at the same time decides which.',
        fix,
        evidence: ctx.evidence(CONNECTION_TEST_FAILED),
        rank: 2,
        questions: [CONNECTION_TEST_QUESTION],
      };
    }
    return null;
  },
});
