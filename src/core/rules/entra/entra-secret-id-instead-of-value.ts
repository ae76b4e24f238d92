import { LINKS } from '../../links.js';
import { CONNECTION_TEST_FAILED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_OVERVIEW_SCREEN, ENTRA_SECRETS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const INVALID_CLIENT_SECRET_TEXT = signature(
  'invalid-client-secret-text',
  /Invalid client secret (?:is )?provided|client secret value, not the client secret ID/i,
  ['invalid client secret', 'client secret value'],
);

const NEW_SECRET_FIX = [
  `In ${ENTRA_SECRETS_SCREEN}, click New client secret and create one.`,
  'Copy its Value straight away (Entra shows it only once). Not the Secret ID next to it: that is a GUID and is not a secret.',
  `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the Value into Client secret, and check that Client ID is the Application (client) ID from ${ENTRA_OVERVIEW_SCREEN}. Save.`,
  REAUTHORIZE_ANY,
];

export default defineRule({
  id: 'entra-secret-id-instead-of-value',
  priority: 610,
  title: 'The application link holds the Secret ID (or an old secret) instead of the secret Value',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token redemption and refresh)',
  signatures: [INVALID_CLIENT_SECRET_TEXT, CONNECTION_TEST_FAILED],
  links: [LINKS.msErrorCodes, LINKS.atlassianConnectionTestKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-secret-id-instead-of-value');
    const guidSecret = ctx.secretShapes.has('client-secret:guid');
    if (codes.length > 0 || ctx.seen(INVALID_CLIENT_SECRET_TEXT)) {
      return {
        confidence: ctx.seen(INVALID_CLIENT_SECRET_TEXT) ? 'confirmed' : codeConfidence(codes),
        cause: `Entra refused the client secret Jira sent${codes.length ? ` (${describeCodes(codes)})` : ''}. Most often the Client secret field of the application link holds the Secret ID, a secret that was replaced, or the client ID, instead of the secret's Value.${guidSecret ? ' The pasted secret is a GUID, which is the shape of a Secret ID, not of a secret Value.' : ''}`,
        fix: NEW_SECRET_FIX,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INVALID_CLIENT_SECRET_TEXT)),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (guidSecret || ctx.said('secret-id-used')) {
      return {
        confidence: 'likely',
        cause: guidSecret
          ? "The client secret in your paste is a GUID (8-4-4-4-12 hex digits). Entra's Secret IDs and client IDs look like that; a secret Value is a longer random string. So the application link most likely holds the Secret ID, and Entra will refuse it (AADSTS7000215). This is a rule of thumb from the shapes, not a check against Entra. The value was removed from the paste and is not shown."
          : 'You say the Secret ID went into the client secret field. Entra shows two things per secret: the Secret ID (a GUID that names it) and the Value (the secret itself, shown only once). Only the Value works; with the ID Entra refuses every token request (AADSTS7000215).',
        fix: NEW_SECRET_FIX,
        evidence: ctx.saidEvidence('secret-id-used'),
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
