import { LINKS } from '../../links.js';
import { CONNECTION_TEST_FAILED, SOVEREIGN_MENTION, TENANT_ID_MENTION } from '../../signatures.js';
import { CONNECTION_TEST_QUESTION } from '../questions.js';
import { defineRule, type RuleContext } from '../rule.js';
import {
  APP_LINKS_SCREEN,
  ENTRA_APP_SCREEN,
  ENTRA_AUTH_SCREEN,
  ENTRA_OVERVIEW_SCREEN,
  REAUTHORIZE_ANY,
} from '../screens.js';
import { codeLinks, describeCodes, isUsGov, joinEvidence, seenCodes } from '../util.js';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const commonEndpoints = (endpoints: string[]) => endpoints.filter((e) => /\/common\/oauth2\//.test(e));

export const entraSingleTenantAppOnCommonEndpoint = defineRule({
  id: 'entra-single-tenant-app-on-common-endpoint',
  title: 'A single-tenant app registration is used through the /common endpoints',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link)',
  signatures: [CONNECTION_TEST_FAILED, TENANT_ID_MENTION],
  links: [LINKS.atlassianConnectionTestKb, LINKS.atlassianDetailedSteps, LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-single-tenant-app-on-common-endpoint');
    const fix = [
      `Either: in ${ENTRA_APP_SCREEN} > Authentication (Supported account types), make the app multi-tenant ("Accounts in any organizational directory … and personal Microsoft accounts", as Atlassian's guide assumes).`,
      `Or keep it single-tenant and, in ${APP_LINKS_SCREEN}, change the Authorization endpoint to \`https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/authorize\` and the Token endpoint to \`https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token\`, with the Directory (tenant) ID from ${ENTRA_OVERVIEW_SCREEN}.`,
      'Save the application link.',
      REAUTHORIZE_ANY,
    ];
    if (codes.length > 0) {
      return {
        confidence: 'confirmed',
        cause: `Entra refuses the /common endpoint for this app (${describeCodes(codes)}): the app registration is single-tenant, while Jira's Microsoft provider uses the multi-tenant /common endpoints by default.`,
        fix,
        evidence: ctx.codeEvidence(...codes),
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

export const entraRedirectUriMismatch = defineRule({
  id: 'entra-redirect-uri-mismatch',
  title: "The redirect URI registered in Entra does not match Jira's Redirect URL",
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step in the browser)',
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-uri-mismatch');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `During Authorize, Entra did not find Jira's redirect address among the app's registered redirect URIs (${describeCodes(codes)}). They must match character for character: http vs https, host name vs alias, port and path all count. A reverse proxy or a wrong Jira base URL makes Jira show a different URL from the one registered.`,
      fix: [
        `Copy the Redirect URL shown at the bottom of the Microsoft application link in ${APP_LINKS_SCREEN}.`,
        `In ${ENTRA_AUTH_SCREEN}, add it under the Web platform, exactly as copied, and save.`,
        "Check that Jira's Base URL is the public URL users reach.",
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});

export const entraRedirectRegisteredWrongPlatform = defineRule({
  id: 'entra-redirect-registered-wrong-platform',
  title: "Jira's redirect URI is registered as a single-page app or mobile/desktop, not as Web",
  basis: 'reported',
  appliesTo: 'All handlers and protocols (Authorize and refresh)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-registered-wrong-platform');
    if (codes.length === 0) return null;
    return {
      confidence: 'likely',
      cause: `Entra treats the app as the wrong kind of client (${describeCodes(codes)}). Jira is a confidential web client that redeems the code on the server with a secret, so its redirect URI must sit under the Web platform; under Single-page application or Mobile and desktop, redemption fails or the refresh token dies after 24 hours. (Microsoft documents the codes; the link to the platform setting comes from community reports.)`,
      fix: [
        `In ${ENTRA_AUTH_SCREEN}, remove Jira's redirect URI from the Single-page application and Mobile and desktop platforms.`,
        'Add it under Add a platform > Web, exactly as Jira shows it, and save.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

const sovereignHint = (ctx: RuleContext) => isUsGov(ctx.facts.cloud) || ctx.facts.cloud === 'china';

export const entraAppOrTenantNotFound = defineRule({
  id: 'entra-app-or-tenant-not-found',
  title: 'Entra cannot find the app or the tenant the application link names',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-app-or-tenant-not-found');
    if (codes.length === 0) return null;
    const onlyTenant = codes.every((c) => c === 'AADSTS90002');
    const crossCloud = onlyTenant && sovereignHint(ctx);
    return {
      confidence: crossCloud ? 'possible' : onlyTenant ? 'likely' : 'confirmed',
      cause: `Entra could not find what the application link points at (${describeCodes(codes)}). Usual reasons: the Client ID is the Object ID or a Secret ID instead of the Application (client) ID; the tenant-specific endpoints name the wrong tenant; or the tenant lives in another cloud (Microsoft notes that AADSTS90002 often means the wrong cloud).`,
      fix: [
        `Open ${ENTRA_OVERVIEW_SCREEN} and copy the Application (client) ID and the Directory (tenant) ID.`,
        `In ${APP_LINKS_SCREEN}, put the Application (client) ID into Client ID, and the tenant ID into the authorization and token endpoints if they are tenant-specific. Save.`,
        'If the tenant is in GCC High, DoD or 21Vianet, the endpoints must use that cloud\'s login host (see "entra-cross-cloud-authority").',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

export const entraCrossCloudAuthority = defineRule({
  id: 'entra-cross-cloud-authority',
  title: 'A government-cloud tenant is used through the worldwide login host',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (GCC High, DoD, 21Vianet tenants)',
  signatures: [SOVEREIGN_MENTION],
  links: [LINKS.msErrorCodes, LINKS.msGraphDeployments, LINKS.msNationalCloudsSdk, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-cross-cloud-authority');
    const tenant90002 = ctx.hasCode('AADSTS90002') && sovereignHint(ctx);
    const worldwideLogin = ctx.facts.endpoints.filter((e) => e.startsWith('https://login.microsoftonline.com/'));
    const lint = isUsGov(ctx.facts.cloud) && worldwideLogin.length > 0;
    if (codes.length === 0 && !tenant90002 && !lint) return null;
    const shown = tenant90002 ? [...codes, 'AADSTS90002'] : codes;
    const fix = [
      `In ${APP_LINKS_SCREEN}, create (or edit) the Microsoft application link with the Custom provider.`,
      'Set the authorization endpoint to `https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/authorize` and the token endpoint to `https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/token` (GCC High and DoD).',
      'Register the app in the Azure Government portal (portal.azure.us), not in the worldwide portal.',
      'Use the IMAP/POP scopes with the outlook.office365.us prefix; the JSM Graph protocol cannot work in these clouds (JSDSERVER-14090).',
      REAUTHORIZE_ANY,
    ];
    if (codes.length > 0 || tenant90002) {
      return {
        confidence: codes.length > 0 ? 'confirmed' : 'likely',
        cause: `Entra says the request crossed clouds (${describeCodes(shown)}): the tenant lives in a national cloud (GCC High, DoD or 21Vianet), but the application link signs in through the worldwide login.microsoftonline.com, or the app was registered in the wrong cloud's portal.`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...shown), ctx.evidence(SOVEREIGN_MENTION)),
        links: codeLinks(shown),
        rank: 3,
      };
    }
    return {
      confidence: 'likely',
      cause: `The paste places the tenant in a US government cloud, but the application link's endpoints use the worldwide login host (${worldwideLogin.map((e) => `\`${e}\``).join(', ')}). GCC High and DoD tenants sign in at login.microsoftonline.us; through the worldwide host Entra answers with cross-cloud errors (AADSTS900382, AADSTS90038 or AADSTS90002).`,
      fix,
      evidence: ctx.evidence(SOVEREIGN_MENTION),
      rank: 2,
    };
  },
});

export const entraAuthCodeReused = defineRule({
  id: 'entra-auth-code-reused',
  title: 'The authorization code was redeemed twice',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-auth-code-reused');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra says the authorization code had already been used (${describeCodes(codes)}). Each code works once; this usually means Jira's callback page was refreshed, opened again with the back button, or submitted twice.`,
      fix: [
        'Start the Authorize flow again from Jira (a new code is issued), and do not refresh or go back on the callback page.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 1,
    };
  },
});
