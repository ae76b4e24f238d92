import {
  entraAppOrTenantNotFound,
  entraAuthCodeReused,
  entraCrossCloudAuthority,
  entraRedirectRegisteredWrongPlatform,
  entraRedirectUriMismatch,
  entraSingleTenantAppOnCommonEndpoint,
} from './entra/endpoints.js';
import {
  entraConsentMissing,
  entraInvalidScope,
  entraScopesSpanTwoResources,
  oauthOfflineAccessMissing,
} from './entra/scopes.js';
import { entraClientSecretExpired, entraClientSecretMissing, entraSecretIdInsteadOfValue } from './entra/secrets.js';
import {
  entraConditionalAccessOrMfaBlock,
  entraRefreshTokenInactive,
  entraRefreshTokenRevoked,
  entraSignInFrequencyExpiry,
  entraUnknownAadstsCode,
  entraUserNotInTenantOrNotAssigned,
} from './entra/sessions.js';
import {
  graphAccessDenied,
  graphAuthorizedWrongMailbox,
  graphMailboxNotRestEnabled,
  graphMalformedOrExpiredToken,
  graphOdataDisabled,
  graphThrottled,
  graphUnreadFilterBehaviour,
} from './graph/mailbox.js';
import {
  exchangeBasicAuthDisabled,
  imapPopDisabledOnMailbox,
  imapScopeMissingOutlookResource,
  imapSharedMailboxOrWrongUser,
  imapThrottled,
  sovereignImapPopWorkaround,
} from './imap/imap.js';
import {
  networkImapPopBehindHttpProxy,
  networkOutboundHttpsProxyMissing,
  tlsPkixPathBuildingFailed,
} from './network/network.js';
import type { Rule } from './rule.js';
import graphScopeDomainPrefix from './seed/graph-scope-domain-prefix.js';
import graphTokenForWrongResource from './seed/graph-token-for-wrong-resource.js';
import sovereignGraphEndpointHardcoded from './seed/sovereign-graph-endpoint-hardcoded.js';
import { handlerTypeConfusion, jsmOauthTokenNotDefined, outOfScope } from './triage/triage.js';

/** The catalogue: every rule, in the order used to break ties between findings of equal confidence and rank. */
export const RULES: Rule[] = [
  graphScopeDomainPrefix,
  sovereignGraphEndpointHardcoded,
  entraSecretIdInsteadOfValue,
  entraClientSecretExpired,
  entraClientSecretMissing,
  entraSingleTenantAppOnCommonEndpoint,
  entraRedirectUriMismatch,
  entraRedirectRegisteredWrongPlatform,
  entraAppOrTenantNotFound,
  entraConsentMissing,
  entraInvalidScope,
  entraScopesSpanTwoResources,
  oauthOfflineAccessMissing,
  entraRefreshTokenInactive,
  entraRefreshTokenRevoked,
  entraConditionalAccessOrMfaBlock,
  entraSignInFrequencyExpiry,
  entraUserNotInTenantOrNotAssigned,
  entraAuthCodeReused,
  entraCrossCloudAuthority,
  graphTokenForWrongResource,
  graphAccessDenied,
  graphOdataDisabled,
  graphMailboxNotRestEnabled,
  graphAuthorizedWrongMailbox,
  graphThrottled,
  graphMalformedOrExpiredToken,
  graphUnreadFilterBehaviour,
  imapScopeMissingOutlookResource,
  imapPopDisabledOnMailbox,
  imapSharedMailboxOrWrongUser,
  imapThrottled,
  sovereignImapPopWorkaround,
  networkImapPopBehindHttpProxy,
  networkOutboundHttpsProxyMissing,
  tlsPkixPathBuildingFailed,
  jsmOauthTokenNotDefined,
  handlerTypeConfusion,
  exchangeBasicAuthDisabled,
  entraUnknownAadstsCode,
  outOfScope,
];

/** Old ids keep working after a rule is split or merged. */
export const ALIASES: Record<string, string> = {};

export function findRule(id: string): Rule | undefined {
  const target = ALIASES[id] ?? id;
  return RULES.find((r) => r.id === target);
}
