import { codesFor } from '../../aadsts.js';
import { isUsGov } from '../../clouds.js';
import { LINKS } from '../../links.js';
import { INVALID_AUDIENCE } from '../../signatures.js';
import { authFailed, isImapOrPop } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { US_GOV_IMAP_STEPS } from '../screens.js';
import { graphInUse } from '../util.js';

const CROSS_CLOUD_CODES = codesFor('entra-cross-cloud-authority');

export default defineRule({
  id: 'sovereign-imap-pop-workaround',
  priority: 110,
  title: 'GCC High / DoD: use IMAP/POP with OAuth instead of the Graph protocol',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP in GCC High and DoD (JSM Email requests)',
  signatures: [INVALID_AUDIENCE],
  links: [LINKS.atlassianScopeKb, LINKS.atlassianDetailedSteps, LINKS.msGraphDeployments],
  evaluate(ctx) {
    if (!isUsGov(ctx.facts.cloud)) return null;
    // A failing Graph channel gets these steps inside sovereign-graph-endpoint-hardcoded; one finding is enough.
    const graphFailing = ctx.facts.protocol === 'graph' || ctx.seen(INVALID_AUDIENCE);
    if (graphFailing) return null;
    const crossCloud = ctx.hasCode(...CROSS_CLOUD_CODES, 'AADSTS90002');
    const quietImap =
      isImapOrPop(ctx) && ctx.facts.errorCodes.length === 0 && ctx.facts.exceptions.length === 0 && !authFailed(ctx);
    // The right government-cloud IMAP/POP scopes already in place: the workaround is what they are doing.
    const alreadyThere = groupScopes(ctx.facts).outlook.some((s) => s.startsWith('https://outlook.office365.us/'));
    // Only the cloud is known ("we are a GCC High tenant and the handler fails"): that alone decides what can work.
    const { protocol, errorCodes, scopes, endpoints, hosts } = ctx.facts;
    const cloudOnly =
      !protocol &&
      !isImapOrPop(ctx) &&
      !graphInUse(ctx) &&
      [errorCodes, scopes, endpoints, hosts].every((list) => list.length === 0);
    if ((!crossCloud && !quietImap && !cloudOnly) || (alreadyThere && !crossCloud)) return null;
    return {
      confidence: crossCloud ? 'likely' : 'possible',
      cause: `${cloudOnly ? 'The paste does not say which protocol the mail channel uses, but the cloud settles what can work. ' : ''}For a GCC High or DoD tenant, JSM's Graph protocol cannot work (it only calls the worldwide graph.microsoft.com), but Atlassian supports IMAP/POP with OAuth 2.0 there, using the government cloud's login and Outlook hosts.`,
      fix: US_GOV_IMAP_STEPS,
      evidence: [],
      rank: 0,
      fixAvailable: true,
    };
  },
});
