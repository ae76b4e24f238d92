import { LINKS } from '../../links.js';
import { NO_REFRESH_TOKEN, OUTLOOK_SCOPE } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { APP_LINKS_SCREEN, ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const RIGHT_SCOPES =
  'For the JSM Graph protocol: `Mail.ReadWrite offline_access`. For IMAP/POP: `https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access` (with `https://outlook.office365.us/` for GCC High and DoD).';

export const entraConsentMissing = defineRule({
  id: 'entra-consent-missing',
  title: 'The app registration lacks the permissions Jira asks for, or nobody consented to them',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-consent-missing');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra would not grant the permissions Jira requested (${describeCodes(codes)}). The delegated permissions behind the scopes (Mail.ReadWrite and offline_access for Graph; IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP) are missing from the app's API permissions, or were never consented; many tenants do not let users consent themselves.`,
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated permissions the scopes need: Microsoft Graph Mail.ReadWrite and offline_access for the Graph protocol; Office 365 Exchange Online IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP.`,
        'Click Grant admin consent for the tenant (or have the mailbox user consent when signing in).',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

export const entraInvalidScope = defineRule({
  id: 'entra-invalid-scope',
  title: 'The scopes in the application link are not valid (typo, commas, empty)',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  links: [LINKS.msErrorCodes, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-invalid-scope');
    const fix = [
      `In ${APP_LINKS_SCREEN}, edit the Microsoft application link and write the scopes separated by single spaces, no commas. ${RIGHT_SCOPES}`,
      'Save.',
      REAUTHORIZE_ANY,
    ];
    if (codes.length > 0) {
      return {
        confidence: 'confirmed',
        cause: `Entra rejected the scope string (${describeCodes(codes)}). Usual reasons: a typo or unknown scope name, commas instead of spaces between scopes, or an empty scope field in the application link.${ctx.commasBetweenScopes ? ' The pasted scopes are separated by commas, which Entra reads as one long invalid scope.' : ''}`,
        fix,
        evidence: ctx.codeEvidence(...codes),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (!ctx.commasBetweenScopes) return null;
    return {
      confidence: 'likely',
      cause:
        'The pasted scopes are separated by commas. OAuth scopes are separated by spaces; with commas Entra sees one unknown scope and answers AADSTS70011 (invalid scope), as community reports show.',
      fix,
      evidence: [],
      rank: 2,
    };
  },
});

export const entraScopesSpanTwoResources = defineRule({
  id: 'entra-scopes-span-two-resources',
  title: 'One application link asks for Graph and Exchange (IMAP/POP) scopes at once',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [OUTLOOK_SCOPE],
  links: [LINKS.msErrorCodes, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-scopes-span-two-resources');
    const scopes = groupScopes(ctx.facts);
    const graphSide = [...scopes.bareGraph, ...scopes.graphPrefixed.filter((s) => !s.endsWith('offline_access'))];
    const mixed = graphSide.length > 0 && scopes.outlook.length > 0;
    const fix = [
      `In ${APP_LINKS_SCREEN}, keep one Microsoft application link per resource: one for the JSM Graph protocol with \`Mail.ReadWrite offline_access\`, and another for IMAP/POP with \`https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access\`.`,
      'Point each mail channel or handler at the link that matches its protocol.',
      REAUTHORIZE_ANY,
    ];
    const reportedOnly = codes.length > 0 && codes.every((c) => c === 'AADSTS28000');
    if (codes.length > 0) {
      return {
        confidence: reportedOnly ? 'likely' : 'confirmed',
        cause: `Entra refused the scope string because it names more than one resource (${describeCodes(codes)}). One token can be for Microsoft Graph (Mail.ReadWrite) or for Exchange Online (https://outlook.office.com/…), never both.${mixed ? ' The pasted scopes mix the two.' : ''}`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(OUTLOOK_SCOPE)),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (!mixed) return null;
    return {
      confidence: 'likely',
      cause: `The scopes mix Microsoft Graph permissions (${graphSide.map((s) => `\`${s}\``).join(', ')}) with Exchange Online ones (${scopes.outlook.map((s) => `\`${s}\``).join(', ')}). One token request can target only one resource, so Entra refuses this (AADSTS700022 / AADSTS28000).`,
      fix,
      evidence: ctx.evidence(OUTLOOK_SCOPE),
      rank: 2,
    };
  },
});

export const oauthOfflineAccessMissing = defineRule({
  id: 'oauth-offline-access-missing',
  title: 'The scopes lack offline_access, so Jira gets no refresh token',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [NO_REFRESH_TOKEN],
  links: [LINKS.msImapOauth, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const scopes = groupScopes(ctx.facts);
    const mailScopes =
      scopes.bareGraph.length + scopes.graphPrefixed.length + scopes.outlook.length + scopes.bareImapOrPop.length;
    if (mailScopes === 0 || scopes.offlineAccess) return null;
    const symptom = ctx.seen(NO_REFRESH_TOKEN);
    return {
      confidence: symptom ? 'confirmed' : ctx.facts.scopes.length > 1 ? 'likely' : 'possible',
      cause: `The scopes (${ctx.facts.scopes.map((s) => `\`${s}\``).join(' ')}) do not include \`offline_access\`. Microsoft returns a refresh token only when offline_access is requested, so Jira can use the first access token for about an hour and then cannot renew it: the test passes, and the handler fails later ("OAuth token not defined for connection" in JSM).`,
      fix: [
        `In ${APP_LINKS_SCREEN}, add \`offline_access\` (bare, no address in front) to the scopes, separated by a space. ${RIGHT_SCOPES}`,
        `In ${ENTRA_PERMISSIONS_SCREEN}, make sure offline_access is listed and consented.`,
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.evidence(NO_REFRESH_TOKEN)),
      rank: 1,
    };
  },
});
