import sovereignGraphEndpointHardcoded from './cloud/sovereign-graph-endpoint-hardcoded.js';
import sovereignImapPopWorkaround from './cloud/sovereign-imap-pop-workaround.js';
import entraAppDisabled from './entra/entra-app-disabled.js';
import entraAppOrTenantNotFound from './entra/entra-app-or-tenant-not-found.js';
import entraAppPolicyBlocksSecret from './entra/entra-app-policy-blocks-secret.js';
import entraAuthCodeReused from './entra/entra-auth-code-reused.js';
import entraClientAssertionOutOfTime from './entra/entra-client-assertion-out-of-time.js';
import entraClientSecretExpired from './entra/entra-client-secret-expired.js';
import entraClientSecretMissing from './entra/entra-client-secret-missing.js';
import entraCodeNotASetting from './entra/entra-code-not-a-setting.js';
import entraConditionalAccessOrMfaBlock from './entra/entra-conditional-access-or-mfa-block.js';
import entraConsentMissing from './entra/entra-consent-missing.js';
import entraCrossCloudAuthority from './entra/entra-cross-cloud-authority.js';
import entraInvalidScope from './entra/entra-invalid-scope.js';
import entraRedirectRegisteredWrongPlatform from './entra/entra-redirect-registered-wrong-platform.js';
import entraRedirectUriMismatch from './entra/entra-redirect-uri-mismatch.js';
import entraRefreshTokenInactive from './entra/entra-refresh-token-inactive.js';
import entraRefreshTokenRevoked from './entra/entra-refresh-token-revoked.js';
import entraResourcePrincipalNotFound from './entra/entra-resource-principal-not-found.js';
import entraScopesSpanTwoResources from './entra/entra-scopes-span-two-resources.js';
import entraSecretIdInsteadOfValue from './entra/entra-secret-id-instead-of-value.js';
import entraSignInFrequencyExpiry from './entra/entra-sign-in-frequency-expiry.js';
import entraSingleTenantAppOnCommonEndpoint from './entra/entra-single-tenant-app-on-common-endpoint.js';
import entraUnknownAadstsCode from './entra/entra-unknown-aadsts-code.js';
import entraUserNotInTenantOrNotAssigned from './entra/entra-user-not-in-tenant-or-not-assigned.js';
import oauthOfflineAccessMissing from './entra/oauth-offline-access-missing.js';
import ewsAppOnlyTokenWithoutImpersonation from './ews/ews-app-only-token-without-impersonation.js';
import ewsBlocked from './ews/ews-blocked.js';
import graphAccessDenied from './graph/graph-access-denied.js';
import graphAppOnlyMailboxOutOfScope from './graph/graph-app-only-mailbox-out-of-scope.js';
import graphAppOnlyPermissionMissing from './graph/graph-app-only-permission-missing.js';
import graphAppOnlyTokenCallsMe from './graph/graph-app-only-token-calls-me.js';
import graphAuthModeMismatch from './graph/graph-auth-mode-mismatch.js';
import graphAuthorizedWrongMailbox from './graph/graph-authorized-wrong-mailbox.js';
import graphMailboxAddressWrong from './graph/graph-mailbox-address-wrong.js';
import graphMailboxNotRestEnabled from './graph/graph-mailbox-not-rest-enabled.js';
import graphMalformedOrExpiredToken from './graph/graph-malformed-or-expired-token.js';
import graphOdataDisabled from './graph/graph-odata-disabled.js';
import graphScopeDomainPrefix from './graph/graph-scope-domain-prefix.js';
import graphThrottled from './graph/graph-throttled.js';
import graphTokenForWrongResource from './graph/graph-token-for-wrong-resource.js';
import graphUnreadFilterBehaviour from './graph/graph-unread-filter-behaviour.js';
import exchangeBasicAuthDisabled from './imap/exchange-basic-auth-disabled.js';
import imapAccessTokenExpired from './imap/imap-access-token-expired.js';
import imapAppOnlyServicePrincipalMissing from './imap/imap-app-only-service-principal-missing.js';
import imapPopDisabledOnMailbox from './imap/imap-pop-disabled-on-mailbox.js';
import imapScopeMissingOutlookResource from './imap/imap-scope-missing-outlook-resource.js';
import imapSharedMailboxOrWrongUser from './imap/imap-shared-mailbox-or-wrong-user.js';
import imapThrottled from './imap/imap-throttled.js';
import popXoauth2SentOnOneLine from './imap/pop-xoauth2-sent-on-one-line.js';
import networkImapPopBehindHttpProxy from './network/network-imap-pop-behind-http-proxy.js';
import networkOutboundHttpsProxyMissing from './network/network-outbound-https-proxy-missing.js';
import tlsPkixPathBuildingFailed from './network/tls-pkix-path-building-failed.js';
import type { Rule } from './rule.js';
import smtpAuthDisabled from './smtp/smtp-auth-disabled.js';
import smtpBasicAuthBlocked from './smtp/smtp-basic-auth-blocked.js';
import smtpClientNotAuthenticated from './smtp/smtp-client-not-authenticated.js';
import smtpOauthTokenRefused from './smtp/smtp-oauth-token-refused.js';
import smtpSendAsDenied from './smtp/smtp-send-as-denied.js';
import smtpTlsOrPort from './smtp/smtp-tls-or-port.js';
import handlerTypeConfusion from './triage/handler-type-confusion.js';
import jsmCloudEmailReconnect from './triage/jsm-cloud-email-reconnect.js';
import jsmOauthTokenNotDefined from './triage/jsm-oauth-token-not-defined.js';
import outOfScope from './triage/out-of-scope.js';

/** The catalogue: every rule (order does not matter; `priority` breaks ties between findings). */
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
  entraAppDisabled,
  entraResourcePrincipalNotFound,
  entraClientAssertionOutOfTime,
  entraAppPolicyBlocksSecret,
  graphTokenForWrongResource,
  graphAccessDenied,
  graphOdataDisabled,
  graphMailboxNotRestEnabled,
  graphAuthorizedWrongMailbox,
  graphThrottled,
  graphMalformedOrExpiredToken,
  graphUnreadFilterBehaviour,
  graphAppOnlyTokenCallsMe,
  graphAppOnlyPermissionMissing,
  graphAppOnlyMailboxOutOfScope,
  graphAuthModeMismatch,
  graphMailboxAddressWrong,
  imapScopeMissingOutlookResource,
  imapPopDisabledOnMailbox,
  imapSharedMailboxOrWrongUser,
  imapThrottled,
  imapAccessTokenExpired,
  imapAppOnlyServicePrincipalMissing,
  popXoauth2SentOnOneLine,
  ewsAppOnlyTokenWithoutImpersonation,
  ewsBlocked,
  smtpAuthDisabled,
  smtpBasicAuthBlocked,
  smtpSendAsDenied,
  smtpTlsOrPort,
  smtpOauthTokenRefused,
  smtpClientNotAuthenticated,
  sovereignImapPopWorkaround,
  networkImapPopBehindHttpProxy,
  networkOutboundHttpsProxyMissing,
  tlsPkixPathBuildingFailed,
  jsmOauthTokenNotDefined,
  jsmCloudEmailReconnect,
  handlerTypeConfusion,
  exchangeBasicAuthDisabled,
  entraCodeNotASetting,
  entraUnknownAadstsCode,
  outOfScope,
];

/** A rule's id, as the catalogue names it. */
export type RuleId = Rule['id'];

/** Old ids keep working after a rule is split or merged. */
export const ALIASES: Record<RuleId, RuleId> = {};

export function findRule(id: RuleId): Rule | undefined {
  const target = ALIASES[id] ?? id;
  return RULES.find((r) => r.id === target);
}
