import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_ENTERPRISE_APP_SCREEN } from '../screens.js';
import { codeLinks, joinEvidence, seenCodes } from '../util.js';

const APP_DISABLED_TEXT = signature(
  'app-disabled-text',
  /Application '[^'\n]{1,200}'(?:\([^)\n]{0,200}\))? is disabled|UnauthorizedClientApplicationDisabled|disabledByMicrosoftStatus/i,
  ['is disabled', 'unauthorizedclientapplicationdisabled', 'disabledbymicrosoft'],
);

export default defineRule({
  id: 'entra-app-disabled',
  priority: 430,
  title: 'The app registration behind the link is disabled in Entra (AADSTS7000112)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (every token request)',
  signatures: [APP_DISABLED_TEXT],
  links: [LINKS.msDisableAppSignIn, LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-app-disabled');
    if (codes.length === 0 && !ctx.seen(APP_DISABLED_TEXT)) return null;
    const byMicrosoft = ctx.evidence(APP_DISABLED_TEXT).some((e) => /disabledByMicrosoft/i.test(e.text));
    return {
      confidence: 'confirmed',
      cause: `Entra refuses every token for this app because the application is disabled: its enterprise application (service principal) is not enabled for sign-in${byMicrosoft ? ', and here Microsoft itself disabled it (disabledByMicrosoftStatus)' : ''}. An administrator may have turned it off, a clean-up of unused apps may have, or Microsoft may have disabled it as suspicious (community reports tie this to apps with mail-like names and broad mail permissions).`,
      fix: [
        `In ${ENTRA_ENTERPRISE_APP_SCREEN} > Properties, set "Enabled for users to sign-in?" to Yes and save (or \`az ad sp update --id <object id> --set accountEnabled=true\`).`,
        'If the app registration says Microsoft disabled it, it cannot be switched back on: create a new app registration, give it the same permissions and a new secret, and put its client ID and secret into the Jira application link.',
        'Re-authorize the channel (delegated) or run its connection test (client credentials).',
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(APP_DISABLED_TEXT)),
      links: codeLinks(codes),
      rank: 4,
    };
  },
});
