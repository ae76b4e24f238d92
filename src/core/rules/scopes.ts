import { GRAPH_SCOPE_PREFIX, OUTLOOK_SCOPE_PREFIX } from '../clouds.js';
import type { Facts } from '../types.js';

// How the scopes in a paste fall into the groups the mail-handler rules care about.

export interface ScopeGroups {
  known: boolean;
  graphPrefixed: string[];
  worldwideGraphPrefixed: string[];
  prefixedOfflineAccess: boolean;
  outlook: string[];
  bareImapOrPop: string[];
  bareGraph: string[];
  offlineAccess: boolean;
  /** `<resource>/.default`: the form an app-only (client credentials) token is asked with, which never needs offline_access. */
  appOnly: string[];
}

export function groupScopes(facts: Facts): ScopeGroups {
  const scopes = facts.scopes;
  const graphPrefixed = scopes.filter((s) => GRAPH_SCOPE_PREFIX.test(s));
  return {
    known: scopes.length > 0,
    graphPrefixed,
    // `.default` is how any Graph client asks for Graph; the KB's cause is the prefixed permission names.
    worldwideGraphPrefixed: graphPrefixed.filter(
      (s) => s.startsWith('https://graph.microsoft.com/') && !s.endsWith('/.default'),
    ),
    prefixedOfflineAccess: scopes.some((s) => /^https:\/\/.+\/offline_access$/.test(s)),
    outlook: scopes.filter((s) => OUTLOOK_SCOPE_PREFIX.test(s)),
    bareImapOrPop: scopes.filter((s) => /^(?:IMAP|POP)\.AccessAsUser\.All$/.test(s)),
    bareGraph: scopes.filter((s) => /^(?:Mail|User|MailboxSettings)\./.test(s)),
    offlineAccess: scopes.some((s) => s.endsWith('offline_access')),
    appOnly: scopes.filter((s) => s.endsWith('/.default')),
  };
}

/** The right scopes for each kind of link, as a fix step says them. */
export const RIGHT_SCOPES =
  'For the JSM Graph protocol: `Mail.ReadWrite offline_access`. For IMAP/POP: `https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access` (with `https://outlook.office365.us/` for GCC High and DoD).';
export const IMAP_SCOPES =
  '`https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access` (for GCC High and DoD: the same with `https://outlook.office365.us/`)';
