import { LINKS } from '../../links.js';
import { CONNECTION_TEST_FAILED, INVALID_CLIENT_SECRET_TEXT, SECRET_EXPIRED_TEXT } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_OVERVIEW_SCREEN, ENTRA_SECRETS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const NEW_SECRET_FIX = [
  `In ${ENTRA_SECRETS_SCREEN}, click New client secret and create one.`,
  'Copy its Value straight away (Entra shows it only once). Not the Secret ID next to it: that is a GUID and is not a secret.',
  `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the Value into Client secret, and check that Client ID is the Application (client) ID from ${ENTRA_OVERVIEW_SCREEN}. Save.`,
  REAUTHORIZE_ANY,
];

export const entraSecretIdInsteadOfValue = defineRule({
  id: 'entra-secret-id-instead-of-value',
  title: 'The application link holds the Secret ID (or an old secret) instead of the secret Value',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token redemption and refresh)',
  signatures: [INVALID_CLIENT_SECRET_TEXT, CONNECTION_TEST_FAILED],
  links: [LINKS.msErrorCodes, LINKS.atlassianConnectionTestKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-secret-id-instead-of-value');
    const guidSecret = ctx.secretShapes.has('client-secret:guid');
    if (codes.length > 0 || ctx.seen(INVALID_CLIENT_SECRET_TEXT)) {
      return {
        confidence: 'confirmed',
        cause: `Entra refused the client secret Jira sent${codes.length ? ` (${describeCodes(codes)})` : ''}. Most often the Client secret field of the application link holds the Secret ID, a secret that was replaced, or the client ID, instead of the secret's Value.${guidSecret ? ' The pasted secret is a GUID, which is the shape of a Secret ID, not of a secret Value.' : ''}`,
        fix: NEW_SECRET_FIX,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INVALID_CLIENT_SECRET_TEXT)),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (guidSecret) {
      return {
        confidence: 'likely',
        cause:
          "The client secret in your paste is a GUID (8-4-4-4-12 hex digits). Entra's Secret IDs and client IDs look like that; a secret Value is a longer random string. So the application link most likely holds the Secret ID, and Entra will refuse it (AADSTS7000215). This is a rule of thumb from the shapes, not a check against Entra. The value was removed from the paste and is not shown.",
        fix: NEW_SECRET_FIX,
        evidence: [],
        rank: 2,
      };
    }
    if (ctx.seen(CONNECTION_TEST_FAILED) && ctx.facts.errorCodes.length === 0) {
      return {
        confidence: 'possible',
        cause:
          'The application link\'s "Test connection" failed. Atlassian names two usual causes, in this order: a single-tenant app used through the default /common endpoints (AADSTS50194), or a wrong Client ID or client secret (AADSTS7000215). This is the second; the AADSTS line in atlassian-jira.log decides.',
        fix: NEW_SECRET_FIX,
        evidence: ctx.evidence(CONNECTION_TEST_FAILED),
        rank: 1,
      };
    }
    return null;
  },
});

export const entraClientSecretExpired = defineRule({
  id: 'entra-client-secret-expired',
  title: "The app registration's client secret has expired",
  basis: 'documented',
  appliesTo: 'All handlers and protocols (every token refresh)',
  signatures: [SECRET_EXPIRED_TEXT],
  links: [LINKS.atlassianSecretExpiredKb, LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-client-secret-expired');
    if (codes.length === 0 && !ctx.seen(SECRET_EXPIRED_TEXT)) return null;
    return {
      confidence: 'confirmed',
      cause:
        'The client secret of the Entra app registration behind the application link has passed its expiry date, so every token refresh Jira makes is refused. The typical story: the handler worked for months and stopped on the day the secret expired. JSM shows this only as "OAuth token not defined for connection".',
      fix: [
        `In ${ENTRA_SECRETS_SCREEN}, create a new client secret (or use a certificate credential where possible) and copy its Value.`,
        `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the new Value into Client secret and save.`,
        REAUTHORIZE_ANY,
        "Put a reminder in the calendar a few weeks before the new secret's expiry date.",
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(SECRET_EXPIRED_TEXT)),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});

export const entraClientSecretMissing = defineRule({
  id: 'entra-client-secret-missing',
  title: 'The token request reached Entra without a client secret',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (code redemption and refresh)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-client-secret-missing');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra says the token request carried no client secret (${describeCodes(codes)}). The Client secret field of the Jira application link is empty or was cleared, or the app registration expects a confidential client while the request came as a public one.`,
      fix: [
        `In ${ENTRA_SECRETS_SCREEN}, create a new client secret and copy its Value.`,
        `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the Value into Client secret and save.`,
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
