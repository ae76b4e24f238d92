import { LINKS } from '../../links.js';
import { ODATA_DISABLED } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_PERMISSIONS_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { clientCredentialsStep } from '../versions.js';
import { appOnly, GRAPH_ACCESS_DENIED, MAIL_ROLE, NO_PERMISSIONS_IN_TOKEN } from './signals.js';

export default defineRule({
  id: 'graph-app-only-permission-missing',
  priority: 300,
  title: 'App-only Graph (client credentials): the app has no consented Mail application permission',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Jira 9.17+ Graph with client credentials, and any client reading mail with an app-only Graph token',
  signatures: [NO_PERMISSIONS_IN_TOKEN, GRAPH_ACCESS_DENIED, ODATA_DISABLED],
  links: [LINKS.atlassianClientCredentialsKb, LINKS.msGraphAppOnly, LINKS.msRbacApplications],
  retired: [
    {
      advice: 'Mail.ReadWrite.Shared as an application permission (it is delegated only)',
      never: /Application permissions?[^.(]{0,80}Mail\.ReadWrite\.Shared/i,
    },
  ],
  evaluate(ctx) {
    const token = ctx.facts.token;
    const noPermissions = ctx.seen(NO_PERMISSIONS_IN_TOKEN);
    // A Graph token issued to the app itself whose roles hold no mail permission: nothing to read mail with.
    const rolesWithoutMail =
      token?.appOnly === true && token.resource === 'graph' && !MAIL_ROLE.test(token.roles ?? '');
    const denied = ctx.seen(GRAPH_ACCESS_DENIED) && appOnly(ctx) && !ctx.seen(ODATA_DISABLED);
    if (!noPermissions && !rolesWithoutMail && !denied) return null;
    const certain = rolesWithoutMail || (noPermissions && appOnly(ctx));
    const step = clientCredentialsStep(ctx);
    return {
      confidence: certain ? 'confirmed' : noPermissions ? 'likely' : 'likely',
      cause: `${rolesWithoutMail ? `The access token was issued to the application itself and its roles (${token?.roles || 'none'}) hold no Mail permission.` : noPermissions ? 'Graph says the token carries no permissions at all: neither delegated scopes nor application roles.' : 'The app signs in as itself (client credentials) and Graph refused the mailbox (403).'} In app-only mode (Jira 9.17 and later with the "Client credentials" grant, or any daemon or script) nobody signs in, so Graph goes only by the application permissions an administrator consented to: Mail.ReadWrite (User.Read.All too, for Jira) under Application permissions, with admin consent. Delegated permissions, however many, do not count here.`,
      fix: [
        ...(step ? [step] : []),
        `In ${ENTRA_PERMISSIONS_SCREEN}, Add a permission > Microsoft Graph > Application permissions: Mail.ReadWrite and User.Read.All (Mail.ReadWrite.Shared is delegated only and is never offered here).`,
        'Click "Grant admin consent for <your tenant>" and check the Status column turns green; a new token carries the roles (the old one does not).',
        'That permission reaches every mailbox in the tenant. To limit the app to the support mailbox, grant it through Exchange RBAC for Applications instead (`New-ManagementRoleAssignment -App <service principal object id> -Role "Application Mail.ReadWrite" -CustomResourceScope <scope>`) and remove the tenant-wide Entra permission: the two add up.',
        'Run the connection test of the channel again.',
      ],
      evidence: joinEvidence(ctx.evidence(NO_PERMISSIONS_IN_TOKEN, GRAPH_ACCESS_DENIED), ctx.saidEvidence('app-only')),
      rank: 3,
    };
  },
});
