import { LINKS } from '../../links.js';
import { ODATA_DISABLED } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { AAP_RETIRED } from './signals.js';

export default defineRule({
  id: 'graph-odata-disabled',
  priority: 370,
  title: 'An Exchange access policy blocks Graph\'s mail endpoints ("Access to OData is disabled")',
  checked: '2026-12',
  retired: [AAP_RETIRED],
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [ODATA_DISABLED],
  links: [LINKS.msLimitMailboxAccess, LINKS.msRbacApplications],
  evaluate(ctx) {
    if (!ctx.seen(ODATA_DISABLED)) return null;
    // Only the [RAOP] variant is documented; without it the cause comes from community reports.
    const raop = ctx.evidence(ODATA_DISABLED).some((e) => e.text.includes('[RAOP]'));
    return {
      confidence: raop ? 'confirmed' : 'likely',
      cause:
        'Exchange Online refused Graph mail access for this app or mailbox. With "[RAOP]" in the message, an existing (legacy) Exchange application access policy limits which mailboxes the app may read, and this mailbox is not among them (changes take a while to apply). Without it, community reports tie the message to tenant-wide EWS/REST restrictions (EwsApplicationAccessPolicy with an allow or block list), which also gate the Graph mail endpoints.',
      fix: raop
        ? [
            'Exchange admin, in Exchange Online PowerShell: `Test-ApplicationAccessPolicy -Identity <mailbox> -AppId <app id>` says whether the existing policy lets the app open this mailbox; `Get-ApplicationAccessPolicy` shows the policy and its mail-enabled security group.',
            'Add the mailbox to that group (or take it out of a deny policy); changes can take more than an hour to reach Graph.',
            'Application Access Policies are legacy: Microsoft says not to create new ones. For a new or changed set-up, grant the app the mailbox through RBAC for Applications (`New-ManagementRoleAssignment -App <service principal object id> -Role "Application Mail.ReadWrite" -CustomResourceScope <scope>`, checked with `Test-ServicePrincipalAuthorization`), then remove the old policy.',
          ]
        : [
            'Exchange admin, in Exchange Online PowerShell: run `Get-OrganizationConfig | select EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList` and check the CAS settings of the mailbox.',
            'Check for a legacy access policy with `Get-ApplicationAccessPolicy` and `Test-ApplicationAccessPolicy` for the app ID and the mailbox, and for RBAC for Applications with `Test-ServicePrincipalAuthorization`.',
            'Allow the app or the mailbox, wait for the change to apply, then run the connection test again.',
          ],
      evidence: ctx.evidence(ODATA_DISABLED),
      rank: 3,
    };
  },
});
