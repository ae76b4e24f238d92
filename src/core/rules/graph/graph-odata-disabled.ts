import { LINKS } from '../../links.js';
import { ODATA_DISABLED } from '../../signatures.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'graph-odata-disabled',
  title: 'An Exchange access policy blocks Graph\'s mail endpoints ("Access to OData is disabled")',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [ODATA_DISABLED],
  links: [LINKS.msLimitMailboxAccess],
  evaluate(ctx) {
    if (!ctx.seen(ODATA_DISABLED)) return null;
    // Only the [RAOP] variant is documented; without it the cause comes from community reports.
    const raop = ctx.evidence(ODATA_DISABLED).some((e) => e.text.includes('[RAOP]'));
    return {
      confidence: raop ? 'confirmed' : 'likely',
      cause:
        'Exchange Online refused Graph mail access for this app or mailbox. With "[RAOP]" in the message, an Exchange application access policy limits which mailboxes the app may read (changes take a while to apply). Without it, community reports tie the message to tenant-wide EWS/REST restrictions (EwsApplicationAccessPolicy with an allow or block list), which also gate the Graph mail endpoints.',
      fix: [
        'Exchange admin, in Exchange Online PowerShell: run `Get-OrganizationConfig | select EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList` and check the CAS settings of the mailbox.',
        'Run `Get-ApplicationAccessPolicy` and `Test-ApplicationAccessPolicy` for the app ID and the mailbox.',
        'Allow the app or the mailbox, wait for the change to apply, then run the connection test again.',
      ],
      evidence: ctx.evidence(ODATA_DISABLED),
      rank: 3,
    };
  },
});
