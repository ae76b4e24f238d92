// Every code in Microsoft's Entra error-code reference (learn.microsoft.com/entra/identity-platform/reference-error-codes),
// with its meaning in our words and the failure mode or family it belongs to. A few codes Microsoft documents
// elsewhere (their own error pages: 9002325, 650053, 900941, 500112, 500113, 53005, 1002012) are included too.
// Families that are not failure modes of a setting: `request-malformed` (the client's request itself is wrong),
// `service-side` (Microsoft's side or a passing fault), `interrupted` (an expected prompt or a flow that must restart),
// `not-mail` (codes a mail client's OAuth sign-in cannot meet: SAML, WS-Fed, device registration and the like).

export type AadstsFamily = string;

export interface AadstsReference {
  name: string;
  meaning: string;
  family: AadstsFamily;
}

export const AADSTS_REFERENCE: Record<string, AadstsReference> = {
  '1002012': {
    name: '',
    meaning: 'a client-credentials request must ask for `<resource>/.default`, not named scopes',
    family: 'graph-auth-mode-mismatch',
  },
  '16000': {
    name: 'InteractionRequired',
    meaning:
      'an account from an outside identity provider is not present in the target tenant and must be invited first',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '16001': {
    name: 'UserAccountSelectionInvalid',
    meaning: 'the account tile the user picked was rejected by session selection; picking again usually recovers',
    family: 'service-side',
  },
  '16002': {
    name: 'AppSessionSelectionInvalid',
    meaning: 'the session id (sid) the app asked for could not be satisfied',
    family: 'request-malformed',
  },
  '16003': {
    name: 'SsoUserAccountNotFoundInResourceTenant',
    meaning: 'the user was never explicitly added to the resource tenant',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '17003': {
    name: 'CredentialKeyProvisioningFailed',
    meaning: 'the directory could not provision a key credential for the user',
    family: 'not-mail',
  },
  '20001': {
    name: 'WsFedSignInResponseError',
    meaning: 'the federated (WS-Fed) identity provider returned a faulty sign-in response',
    family: 'not-mail',
  },
  '20012': {
    name: 'WsFedMessageInvalid',
    meaning: 'the federated identity provider sent an invalid WS-Fed message',
    family: 'not-mail',
  },
  '20033': {
    name: 'FedMetadataInvalidTenantName',
    meaning: 'federation metadata from the identity provider names an invalid tenant',
    family: 'not-mail',
  },
  '28002': {
    name: '',
    meaning: 'the scope value given in the token request is not valid',
    family: 'entra-invalid-scope',
  },
  '28003': {
    name: '',
    meaning: 'the token request redeeming an authorization code had an empty scope',
    family: 'entra-invalid-scope',
  },
  '40008': {
    name: 'OAuth2IdPUnretryableServerError',
    meaning: 'the external OAuth2 identity provider failed with a non-retryable server error',
    family: 'not-mail',
  },
  '40009': {
    name: 'OAuth2IdPRefreshTokenRedemptionUserError',
    meaning: 'the external identity provider refused to redeem its refresh token',
    family: 'not-mail',
  },
  '40010': {
    name: 'OAuth2IdPRetryableServerError',
    meaning: 'the external OAuth2 identity provider hit a transient server error',
    family: 'not-mail',
  },
  '40015': {
    name: 'OAuth2IdPAuthCodeRedemptionUserError',
    meaning: 'the external identity provider refused to redeem its authorization code',
    family: 'not-mail',
  },
  '50000': {
    name: 'TokenIssuanceError',
    meaning: 'internal failure in the sign-in service while issuing a token',
    family: 'service-side',
  },
  '50001': {
    name: 'InvalidResource',
    meaning: 'the requested resource does not exist or has been disabled; check the resource URL',
    family: 'entra-app-or-tenant-not-found',
  },
  '50002': {
    name: 'NotAllowedTenant',
    meaning: 'sign-in refused because a tenant-restriction proxy policy blocks access',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50003': {
    name: 'MissingSigningKey',
    meaning: 'the app has no signing key or certificate configured for its tokens',
    family: 'not-mail',
  },
  '50005': {
    name: 'DevicePolicyError',
    meaning: 'the device platform is not supported by the Conditional Access policy in force',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50006': {
    name: 'InvalidSignature',
    meaning: 'a signed request or token failed signature verification',
    family: 'not-mail',
  },
  '50007': {
    name: 'PartnerEncryptionCertificateMissing',
    meaning: 'no partner encryption certificate is configured for this app',
    family: 'not-mail',
  },
  '50008': {
    name: 'InvalidSamlToken',
    meaning: 'the SAML assertion from the federation provider is missing or misconfigured',
    family: 'not-mail',
  },
  '50010': {
    name: 'AudienceUriValidationFailed',
    meaning: 'audience check failed because the app has no token audiences configured',
    family: 'not-mail',
  },
  '50011': {
    name: 'InvalidReplyTo',
    meaning: 'the redirect (reply) URI is missing or does not match any registered for the app',
    family: 'entra-redirect-uri-mismatch',
  },
  '50012': {
    name: 'AuthenticationFailed',
    meaning: 'certificate or client assertion was rejected: bad signature, untrusted chain or unauthorized subject',
    family: 'entra-secret-id-instead-of-value',
  },
  '50013': {
    name: 'InvalidAssertion',
    meaning: 'the presented assertion is malformed, expired or from a mismatched issuer',
    family: 'entra-secret-id-instead-of-value',
  },
  '50014': {
    name: 'GuestUserInPendingState',
    meaning: 'the guest account has not finished redemption or does not exist in this tenant',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50015': {
    name: 'ViralUserLegalAgeConsentRequiredState',
    meaning: 'the user needs legal-age-group (parental) consent before signing in',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50017': {
    name: 'CertificateValidationFailed',
    meaning: 'certificate-based sign-in failed: issuer not trusted or revocation list unavailable',
    family: 'not-mail',
  },
  '50020': {
    name: 'UserUnauthorized',
    meaning: "the account from this identity provider is not a member or guest of the app's tenant",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50027': {
    name: 'InvalidJwtToken',
    meaning: 'a JWT in the request is invalid: missing claims, wrong issuer or audience, expired or bad format',
    family: 'request-malformed',
  },
  '50029': {
    name: 'Invalid URI',
    meaning: 'a domain name in the request contains characters that are not allowed',
    family: 'request-malformed',
  },
  '50032': {
    name: 'WeakRsaKey',
    meaning: 'an RSA key that is too weak was used for authentication',
    family: 'entra-secret-id-instead-of-value',
  },
  '50033': {
    name: 'RetryableError',
    meaning: 'transient internal error unrelated to the database; retry',
    family: 'service-side',
  },
  '50034': {
    name: 'UserAccountNotFound',
    meaning: 'no such user in the directory: mistyped username or wrong tenant',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50042': {
    name: 'UnableToGeneratePairwiseIdentifierWithMissingSalt',
    meaning: 'a pairwise identifier could not be built because its salt is missing',
    family: 'service-side',
  },
  '50043': {
    name: 'UnableToGeneratePairwiseIdentifierWithMultipleSalts',
    meaning: 'a pairwise identifier could not be built because several salts exist',
    family: 'service-side',
  },
  '50048': {
    name: 'SubjectMismatchesIssuer',
    meaning: "the client assertion's subject claim does not equal its issuer claim",
    family: 'entra-secret-id-instead-of-value',
  },
  '50049': {
    name: 'NoSuchInstanceForDiscovery',
    meaning: 'instance discovery got an unknown or invalid authority instance',
    family: 'entra-cross-cloud-authority',
  },
  '50050': {
    name: 'MalformedDiscoveryRequest',
    meaning: 'the discovery request is malformed',
    family: 'request-malformed',
  },
  '50053': {
    name: 'IdsLocked',
    meaning: 'account locked after repeated bad sign-ins, or the sign-in came from a malicious IP',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50055': {
    name: 'InvalidPasswordExpiredPassword',
    meaning: "the user's password has expired and must be reset",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50056': {
    name: '',
    meaning: 'the password is empty or not stored in the directory for this user',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50057': {
    name: 'UserDisabled',
    meaning: 'the user account is disabled',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50058': {
    name: 'UserInformationNotProvided',
    meaning: 'no usable signed-in session for silent SSO (e.g. prompt=none); interactive sign-in needed',
    family: 'interrupted',
  },
  '50059': {
    name: 'MissingTenantRealmAndNoUserInformationProvided',
    meaning: 'the tenant could not be worked out from the request; use a tenant-specific authority',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '50061': { name: 'SignoutInvalidRequest', meaning: 'the sign-out request was invalid', family: 'not-mail' },
  '50064': {
    name: 'CredentialAuthenticationError',
    meaning: 'username or password validation failed',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50068': {
    name: 'SignoutInitiatorNotParticipant',
    meaning: 'sign-out failed because the initiating app is not part of the session',
    family: 'not-mail',
  },
  '50070': {
    name: 'SignoutUnknownSessionIdentifier',
    meaning: 'sign-out failed because the name identifier matches no current session',
    family: 'not-mail',
  },
  '50071': { name: 'SignoutMessageExpired', meaning: 'the logout request is too old', family: 'not-mail' },
  '50072': {
    name: 'UserStrongAuthEnrollmentRequiredInterrupt',
    meaning: 'the user must register a second factor (interactive) before continuing',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50074': {
    name: 'UserStrongAuthClientAuthNRequiredInterrupt',
    meaning: 'multifactor authentication is required and the user did not complete it',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50076': {
    name: 'UserStrongAuthClientAuthNRequired',
    meaning: 'policy (CA, per-user MFA or new location) demands MFA; retry with an interactive request',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50078': {
    name: 'UserStrongAuthExpired',
    meaning: 'the earlier MFA is no longer valid under admin policy and must be redone',
    family: 'entra-sign-in-frequency-expiry',
  },
  '50079': {
    name: 'UserStrongAuthEnrollmentRequired',
    meaning: 'policy demands MFA and the user has not registered security info yet',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50085': {
    name: '',
    meaning: 'the refresh token requires a fresh sign-in through the social identity provider',
    family: 'entra-refresh-token-revoked',
  },
  '50086': {
    name: 'SasNonRetryableError',
    meaning: 'the strong-authentication service failed with a non-retryable error',
    family: 'service-side',
  },
  '50087': {
    name: 'SasRetryableError',
    meaning: 'temporary failure in the strong-authentication service; retry',
    family: 'service-side',
  },
  '50088': {
    name: '',
    meaning: 'the limit on telephone MFA calls was reached; wait a few minutes',
    family: 'service-side',
  },
  '50089': {
    name: '',
    meaning: 'the sign-in flow token timed out; the user has to start sign-in again',
    family: 'interrupted',
  },
  '50097': {
    name: 'DeviceAuthenticationRequired',
    meaning: 'policy requires the device to authenticate',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50098': { name: '', meaning: 'the JWT body is missing a required field', family: 'request-malformed' },
  '50099': {
    name: 'PKeyAuthInvalidJwtUnauthorized',
    meaning: 'the device authentication (PKeyAuth) JWT carries an invalid signature',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50100': { name: '', meaning: 'token claims could not be transformed', family: 'not-mail' },
  '50101': { name: '', meaning: 'an unknown claims transformer is configured for the principal', family: 'not-mail' },
  '50102': {
    name: '',
    meaning: 'a custom claims transformer configured for the principal could not be loaded',
    family: 'not-mail',
  },
  '50103': {
    name: '',
    meaning: 'claims transformation failed with an error while building the token',
    family: 'not-mail',
  },
  '50105': {
    name: 'EntitlementGrantsNotFound',
    meaning: 'the user is not assigned to the application (assignment required)',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50107': {
    name: 'InvalidRealmUri',
    meaning: 'the requested federation realm object does not exist',
    family: 'not-mail',
  },
  '50108': { name: '', meaning: 'the claims transformation configuration could not be loaded', family: 'not-mail' },
  '50109': { name: '', meaning: 'the configuration refers to an unknown claim transformation', family: 'not-mail' },
  '50111': { name: '', meaning: 'an unknown claim transformation was requested', family: 'not-mail' },
  '50117': {
    name: '',
    meaning: 'the policy passed in the claims request parameter could not be parsed',
    family: 'request-malformed',
  },
  '50120': {
    name: 'ThresholdJwtInvalidJwtFormat',
    meaning: 'a JWT credential has a faulty header or an unknown credential type',
    family: 'entra-secret-id-instead-of-value',
  },
  '50123': {
    name: '',
    meaning: 'an unknown claims transformation method is configured for the principal',
    family: 'not-mail',
  },
  '50124': {
    name: 'ClaimsTransformationInvalidInputParameter',
    meaning: 'a claims transformation has an invalid regular expression or input',
    family: 'not-mail',
  },
  '50125': {
    name: 'PasswordResetRegistrationRequiredInterrupt',
    meaning: 'sign-in paused so the user can reset or register for password reset',
    family: 'interrupted',
  },
  '50126': {
    name: 'InvalidUserNameOrPassword',
    meaning: 'wrong username or password',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50127': {
    name: 'BrokerAppNotInstalled',
    meaning: 'a broker app must be installed on the device to access this content',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50128': {
    name: 'Invalid domain name',
    meaning: 'no tenant could be identified from the request or the supplied credentials',
    family: 'entra-app-or-tenant-not-found',
  },
  '50129': {
    name: 'DeviceIsNotWorkplaceJoined',
    meaning: 'device registration needs the device to be workplace joined',
    family: 'not-mail',
  },
  '50130': {
    name: '',
    meaning: 'claim values could not be read as known authentication methods',
    family: 'request-malformed',
  },
  '50131': {
    name: 'ConditionalAccessFailed',
    meaning: 'a Conditional Access check failed (device state, suspicious activity or policy)',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50132': {
    name: 'SsoArtifactInvalidOrExpired',
    meaning: 'the session was invalidated by a password change or expiry; sign in again',
    family: 'entra-refresh-token-revoked',
  },
  '50133': {
    name: 'SsoArtifactRevoked',
    meaning: 'the session was revoked because the password expired or changed recently',
    family: 'entra-refresh-token-revoked',
  },
  '50134': {
    name: 'DeviceFlowAuthorizeWrongDatacenter',
    meaning: 'device-code approval came from a different datacenter than the original request',
    family: 'entra-cross-cloud-authority',
  },
  '50135': {
    name: 'PasswordChangeCompromisedPassword',
    meaning: 'account risk requires the user to change the password',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50136': {
    name: 'RedirectMsaSessionToApp',
    meaning: 'a single personal Microsoft account session was detected and redirected to the app',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50137': {
    name: '',
    meaning: 'a security policy rule requires the password to be changed',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50138': { name: '', meaning: 'the encryption key environment is invalid', family: 'service-side' },
  '50139': {
    name: 'SessionMissingMsaOAuth2RefreshToken',
    meaning: 'the session lacks its external (personal account) refresh token; sign in again',
    family: 'entra-refresh-token-revoked',
  },
  '50140': {
    name: 'KmsiInterrupt',
    meaning: "expected 'stay signed in?' prompt interrupted the sign-in",
    family: 'interrupted',
  },
  '50141': {
    name: '',
    meaning: 'the protected key belongs to a different user than the one authenticated',
    family: 'not-mail',
  },
  '50142': {
    name: '',
    meaning: 'a Conditional Access policy forces a password change',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50143': {
    name: 'Session mismatch',
    meaning: "the user's tenant does not match the domain hint used for a different resource",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50144': {
    name: 'InvalidPasswordExpiredOnPremPassword',
    meaning: "the user's on-premises Active Directory password has expired",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50146': {
    name: 'MissingCustomSigningKey',
    meaning: 'the app needs its own signing key but none is configured or it is expired',
    family: 'not-mail',
  },
  '50147': {
    name: 'MissingCodeChallenge',
    meaning: 'the PKCE code_challenge has an invalid length',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '50148': {
    name: '',
    meaning: 'the PKCE code_verifier does not correspond to the code_challenge sent earlier',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '50149': {
    name: '',
    meaning: 'the code_challenge_method parameter is invalid',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '50150': {
    name: '',
    meaning: 'the presented credentials carry no valid user consent approval',
    family: 'entra-consent-missing',
  },
  '50155': {
    name: 'DeviceAuthenticationFailed',
    meaning: 'the device failed to authenticate for this user',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50156': { name: '', meaning: 'device tokens cannot be used for a v2 resource', family: 'not-mail' },
  '50157': {
    name: '',
    meaning: 'the user must be redirected for routing to the right service instance',
    family: 'service-side',
  },
  '50158': {
    name: 'ExternalSecurityChallenge',
    meaning: 'an extra challenge (terms of use, third-party MFA) has to be passed before sign-in ends',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50159': {
    name: '',
    meaning: 'the external (MFA) provider did not send enough claims',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50160': {
    name: '',
    meaning: 'a different target tenant is preferred for this sign-in',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50161': {
    name: 'InvalidExternalSecurityChallengeConfiguration',
    meaning: 'the authorization URL of the external claims provider failed validation',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50162': {
    name: '',
    meaning: 'claims transformation took too long; the configured rules are too complex',
    family: 'not-mail',
  },
  '50163': {
    name: '',
    meaning: 'a regex claims transformation produced a claim over the size limit',
    family: 'not-mail',
  },
  '50164': {
    name: '',
    meaning: 'the access token presented was issued for a different purpose than this use',
    family: 'request-malformed',
  },
  '50165': {
    name: '',
    meaning: 'the app asks for a token encryption algorithm not supported for this token type',
    family: 'not-mail',
  },
  '50166': {
    name: 'ExternalClaimsProviderThrottled',
    meaning: 'the call to the external OIDC or claims provider endpoint failed',
    family: 'service-side',
  },
  '50167': { name: '', meaning: 'the pop_jwk key in the request is invalid', family: 'request-malformed' },
  '50168': {
    name: 'ChromeBrowserSsoInterruptRequired',
    meaning: 'the browser could do Windows account SSO but sent no valid SSO token; interrupted to fetch one',
    family: 'interrupted',
  },
  '50169': {
    name: 'InvalidRequestBadRealm',
    meaning: 'the realm is not configured for this service namespace',
    family: 'not-mail',
  },
  '50170': {
    name: 'MissingExternalClaimsProviderMapping',
    meaning: 'the mapping for external controls is missing',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50171': {
    name: '',
    meaning: 'this audience may only be requested over mutual-TLS token calls',
    family: 'request-malformed',
  },
  '50172': {
    name: '',
    meaning: 'the external claims provider has not been approved',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50173': {
    name: 'FreshTokenNeeded',
    meaning: 'the grant was revoked (e.g. password change or reset, admin revoke); sign in again',
    family: 'entra-refresh-token-revoked',
  },
  '50176': {
    name: '',
    meaning: 'the definition of an external control is missing',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50177': {
    name: 'ExternalChallengeNotSupportedForPassthroughUsers',
    meaning: 'external challenges are not supported for pass-through users',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50178': {
    name: 'SessionControlNotSupportedForPassthroughUsers',
    meaning: 'session controls are not supported for pass-through users',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50180': {
    name: 'WindowsIntegratedAuthMissing',
    meaning: 'integrated Windows authentication is required; Seamless SSO must be enabled',
    family: 'not-mail',
  },
  '50187': {
    name: 'DeviceInformationNotProvided',
    meaning: 'device authentication could not be performed',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '50192': {
    name: 'RawCredentialExpectedNotFound',
    meaning: 'the sign-in carried no credential, e.g. the client certificate was not sent or was stripped',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50194': {
    name: '',
    meaning: 'a single-tenant app was used on /common; use a tenant authority or make it multitenant',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '50196': {
    name: 'LoopDetected',
    meaning: 'the client repeats the same request too fast; fix token caching and error handling',
    family: 'request-malformed',
  },
  '50197': {
    name: 'ConflictingIdentities',
    meaning: 'the user could not be resolved; try signing in again',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '50199': {
    name: 'CmsiInterrupt',
    meaning: "user confirmation prompt for a custom-scheme redirect in a native app's webview",
    family: 'entra-redirect-registered-wrong-platform',
  },
  '51000': { name: 'RequiredFeatureNotEnabled', meaning: 'the needed feature is turned off', family: 'service-side' },
  '51001': {
    name: 'DomainHintMustbePresent',
    meaning: 'a domain hint is required alongside an on-premises SID or UPN',
    family: 'request-malformed',
  },
  '51004': {
    name: 'UserAccountNotInDirectory',
    meaning: 'the user does not exist in this directory; likely the wrong tenant',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '51005': {
    name: 'TemporaryRedirect',
    meaning: 'redirect like HTTP 307; resend the request to the URI in the location header',
    family: 'service-side',
  },
  '51006': {
    name: 'ForceReauthDueToInsufficientAuth',
    meaning: 'the session lacks the integrated Windows auth claim; the user must sign in again',
    family: 'interrupted',
  },
  '52004': {
    name: 'DelegationDoesNotExistForLinkedIn',
    meaning: 'the user has not consented to LinkedIn resource access',
    family: 'not-mail',
  },
  '53000': {
    name: 'DeviceNotCompliant',
    meaning: 'a Conditional Access policy requires a compliant (managed) device',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53001': {
    name: 'DeviceNotDomainJoined',
    meaning: 'a Conditional Access policy requires a domain-joined device',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53002': {
    name: 'ApplicationUsedIsNotAnApprovedApp',
    meaning: 'only approved client apps are allowed by Conditional Access and this one is not approved',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53003': {
    name: 'BlockedByConditionalAccess',
    meaning: 'a Conditional Access policy blocked token issuance',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53004': {
    name: 'ProofUpBlockedDueToRisk',
    meaning: 'the user must finish MFA registration before access is granted',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53005': {
    name: '',
    meaning: 'Conditional Access requires the app to enforce Intune app protection policies',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53010': {
    name: 'ProofUpBlockedDueToSecurityInfoAcr',
    meaning: 'registering MFA methods is allowed only from specific locations or devices',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '53011': {
    name: '',
    meaning: 'the user is blocked because of risk detected in the home tenant',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '54000': {
    name: 'MinorUserBlockedLegalAgeGroupRule',
    meaning: 'the user is a minor blocked by the legal age group rule',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '54005': {
    name: '',
    meaning: 'the authorization code was already redeemed; get a new code or use the refresh token',
    family: 'entra-auth-code-reused',
  },
  '65001': {
    name: 'DelegationDoesNotExist',
    meaning: 'neither the user nor an admin has consented to the app; send an interactive request',
    family: 'entra-consent-missing',
  },
  '65002': {
    name: '',
    meaning: 'a Microsoft first-party app and API need preauthorization; do not reuse a Microsoft app id',
    family: 'entra-consent-missing',
  },
  '65004': {
    name: 'UserDeclinedConsent',
    meaning: 'the user refused the consent prompt',
    family: 'entra-consent-missing',
  },
  '65005': {
    name: 'MisconfiguredApplication',
    meaning: 'the app requests a resource missing from its required permissions, or the resource was not found',
    family: 'entra-consent-missing',
  },
  '67003': {
    name: 'ActorNotValidServiceIdentity',
    meaning: 'the actor is not a valid service identity',
    family: 'not-mail',
  },
  '70000': {
    name: 'InvalidGrant',
    meaning: 'the refresh token is invalid, e.g. a token binding header is empty or does not match',
    family: 'entra-refresh-token-revoked',
  },
  '70001': {
    name: 'UnauthorizedClient',
    meaning: 'the application is disabled',
    family: 'entra-app-or-tenant-not-found',
  },
  '70002': {
    name: 'InvalidClient',
    meaning: "the client_secret sent does not match the app's stored secret",
    family: 'entra-secret-id-instead-of-value',
  },
  '70003': {
    name: 'UnsupportedGrantType',
    meaning: 'the grant type in the request is not supported',
    family: 'request-malformed',
  },
  '70004': {
    name: 'InvalidRedirectUri',
    meaning: 'the redirect URI sent matches none registered for the app',
    family: 'entra-redirect-uri-mismatch',
  },
  '70005': {
    name: 'UnsupportedResponseType',
    meaning: 'the response type is unsupported or not enabled for the app (e.g. token, id_token without openid)',
    family: 'request-malformed',
  },
  '70007': {
    name: 'UnsupportedResponseMode',
    meaning: 'the response_mode value is not supported',
    family: 'request-malformed',
  },
  '70008': {
    name: 'ExpiredOrRevokedGrant',
    meaning: 'the refresh token expired after being unused for too long',
    family: 'entra-refresh-token-inactive',
  },
  '70011': { name: 'InvalidScope', meaning: 'the requested scope is invalid', family: 'entra-invalid-scope' },
  '70012': {
    name: 'MsaServerError',
    meaning: 'server error while authenticating a personal Microsoft account; retry',
    family: 'service-side',
  },
  '70016': {
    name: 'AuthorizationPending',
    meaning: 'device code flow: the user has not finished approving yet; keep polling',
    family: 'interrupted',
  },
  '70018': {
    name: 'BadVerificationCode',
    meaning: 'device code flow: the user entered the wrong code',
    family: 'entra-auth-code-reused',
  },
  '70019': {
    name: 'CodeExpired',
    meaning: 'device code flow: the verification code expired before use',
    family: 'entra-auth-code-reused',
  },
  '70043': {
    name: 'BadTokenDueToSignInFrequency',
    meaning: 'the refresh token is no longer accepted because of a Conditional Access sign-in frequency limit',
    family: 'entra-sign-in-frequency-expiry',
  },
  '75001': { name: 'BindingSerializationError', meaning: 'binding of a SAML message failed', family: 'not-mail' },
  '75003': {
    name: 'UnsupportedBindingError',
    meaning: 'the app asked for a SAML binding other than HTTP POST, which is unsupported',
    family: 'not-mail',
  },
  '75005': {
    name: 'Saml2MessageInvalid',
    meaning: 'the SAML request sent by the app is not supported',
    family: 'not-mail',
  },
  '75008': {
    name: 'RequestDeniedError',
    meaning: 'the SAML request had an unexpected destination',
    family: 'not-mail',
  },
  '75011': {
    name: 'NoMatchedAuthnContextInOutputClaims',
    meaning: "the user's auth method differs from the one the SAML request asked for",
    family: 'not-mail',
  },
  '75016': {
    name: 'Saml2AuthenticationRequestInvalidNameIDPolicy',
    meaning: 'the SAML2 authentication request has an invalid NameIDPolicy',
    family: 'not-mail',
  },
  '76021': {
    name: 'ApplicationRequiresSignedRequests',
    meaning: 'the app requires signed requests but this one was unsigned',
    family: 'not-mail',
  },
  '76026': {
    name: 'RequestIssueTimeExpired',
    meaning: 'the IssueTime of the SAML2 authentication request is too old',
    family: 'not-mail',
  },
  '80001': {
    name: 'OnPremiseStoreIsNotAvailable',
    meaning: 'pass-through auth agent cannot reach on-premises Active Directory',
    family: 'service-side',
  },
  '80002': {
    name: 'OnPremisePasswordValidatorRequestTimedout',
    meaning: 'pass-through password validation timed out',
    family: 'service-side',
  },
  '80005': {
    name: 'OnPremisePasswordValidatorUnpredictableWebException',
    meaning: "unexpected error handling the pass-through auth agent's reply; retry",
    family: 'service-side',
  },
  '80007': {
    name: 'OnPremisePasswordValidatorErrorOccurredOnPrem',
    meaning: 'the pass-through auth agent could not validate the password',
    family: 'service-side',
  },
  '80010': {
    name: 'OnPremisePasswordValidationEncryptionException',
    meaning: 'the pass-through auth agent could not decrypt the password',
    family: 'service-side',
  },
  '80012': {
    name: 'OnPremisePasswordValidationAccountLogonInvalidHours',
    meaning: 'the user tried to sign in outside logon hours allowed in Active Directory',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '80013': {
    name: 'OnPremisePasswordValidationTimeSkew',
    meaning: 'clock skew between the pass-through agent host and Active Directory',
    family: 'service-side',
  },
  '80014': {
    name: 'OnPremisePasswordValidationAuthenticationAgentTimeout',
    meaning: 'the pass-through auth agent answered after the maximum allowed time',
    family: 'service-side',
  },
  '81004': {
    name: 'DesktopSsoIdentityInTicketIsNotAuthenticated',
    meaning: 'a Kerberos attempt for Seamless SSO failed',
    family: 'not-mail',
  },
  '81005': {
    name: 'DesktopSsoAuthenticationPackageNotSupported',
    meaning: 'seamless SSO: the authentication package is not supported',
    family: 'not-mail',
  },
  '81006': {
    name: 'DesktopSsoNoAuthorizationHeader',
    meaning: 'seamless SSO: no authorization header was present',
    family: 'not-mail',
  },
  '81007': {
    name: 'DesktopSsoTenantIsNotOptIn',
    meaning: 'the tenant has not enabled Seamless SSO',
    family: 'not-mail',
  },
  '81009': {
    name: 'DesktopSsoAuthorizationHeaderValueWithBadFormat',
    meaning: "seamless SSO could not validate the user's Kerberos ticket",
    family: 'not-mail',
  },
  '81010': {
    name: 'DesktopSsoAuthTokenInvalid',
    meaning: 'seamless SSO failed because the Kerberos ticket is expired or invalid',
    family: 'not-mail',
  },
  '81011': {
    name: 'DesktopSsoLookupUserBySidFailed',
    meaning: 'seamless SSO could not find a user matching the Kerberos ticket',
    family: 'not-mail',
  },
  '81012': {
    name: 'DesktopSsoMismatchBetweenTokenUpnAndChosenUpn',
    meaning: 'seamless SSO: the signing-in user differs from the user logged on to the device',
    family: 'not-mail',
  },
  '90002': {
    name: 'InvalidTenantName',
    meaning: 'the tenant was not found; wrong tenant id, unregistered domain or wrong cloud',
    family: 'entra-app-or-tenant-not-found',
  },
  '90004': {
    name: 'InvalidRequestFormat',
    meaning: 'the request is not properly formatted',
    family: 'request-malformed',
  },
  '90005': {
    name: 'InvalidRequestWithMultipleRequirements',
    meaning: 'identifier and login hint cannot be combined in one request',
    family: 'request-malformed',
  },
  '90006': {
    name: 'ExternalServerRetryableError',
    meaning: 'the service is temporarily unavailable',
    family: 'service-side',
  },
  '90007': {
    name: 'InvalidSessionId',
    meaning: 'the session id passed could not be parsed',
    family: 'request-malformed',
  },
  '90008': {
    name: 'TokenForItselfRequiresGraphPermission',
    meaning: 'consent missing; the app needs at least the sign-in and read user profile permission',
    family: 'entra-consent-missing',
  },
  '90009': {
    name: 'TokenForItselfMissingIdenticalAppIdentifier',
    meaning: 'an app requesting a token for itself must name the resource by its GUID app id',
    family: 'entra-invalid-scope',
  },
  '90010': {
    name: 'NotSupported',
    meaning: 'the requested algorithm could not be created',
    family: 'request-malformed',
  },
  '90012': { name: 'RequestTimeout', meaning: 'the request timed out', family: 'service-side' },
  '90013': {
    name: 'InvalidUserInput',
    meaning: 'the input provided by the user is not valid',
    family: 'request-malformed',
  },
  '90014': {
    name: 'MissingRequiredField',
    meaning: 'an expected field is absent from the credential or request',
    family: 'request-malformed',
  },
  '90015': {
    name: 'QueryStringTooLong',
    meaning: 'the query string exceeds the allowed length',
    family: 'request-malformed',
  },
  '90016': {
    name: 'MissingRequiredClaim',
    meaning: 'the access token lacks a required claim',
    family: 'request-malformed',
  },
  '90019': {
    name: 'MissingTenantRealm',
    meaning: 'the tenant could not be determined from the request; use a tenant-specific endpoint',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '90020': { name: '', meaning: "the SAML 1.1 assertion lacks the user's ImmutableID", family: 'not-mail' },
  '90022': {
    name: 'AuthenticatedInvalidPrincipalNameFormat',
    meaning: 'the principal name does not follow the name[/host][@realm] format',
    family: 'request-malformed',
  },
  '90023': { name: 'InvalidRequest', meaning: 'the authentication request is not valid', family: 'request-malformed' },
  '90024': {
    name: 'RequestBudgetExceededError',
    meaning: 'transient error (request budget exceeded); retry',
    family: 'service-side',
  },
  '90027': {
    name: '',
    meaning: 'tokens for personal accounts cannot be issued from this (v1) API version; use v2.0',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '90033': {
    name: 'MsodsServiceUnavailable',
    meaning: 'the directory service (MSODS) is unavailable',
    family: 'service-side',
  },
  '90036': {
    name: 'MsodsServiceUnretryableFailure',
    meaning: 'the directory service (MSODS) returned a non-retryable error',
    family: 'service-side',
  },
  '90038': {
    name: 'NationalCloudTenantRedirection',
    meaning: 'the tenant lives in a national cloud that this cloud does not federate with',
    family: 'entra-cross-cloud-authority',
  },
  '90043': {
    name: 'NationalCloudAuthCodeRedirection',
    meaning: 'cross-cloud authorization code redirection is disabled',
    family: 'entra-cross-cloud-authority',
  },
  '90051': {
    name: 'InvalidNationalCloudId',
    meaning: 'the national cloud identifier is invalid',
    family: 'entra-cross-cloud-authority',
  },
  '90055': {
    name: 'TenantThrottlingError',
    meaning: 'the tenant is sending too many requests and is being throttled',
    family: 'service-side',
  },
  '90056': {
    name: 'BadResourceRequest',
    meaning: 'wrong endpoint use; the code must be POSTed to the /token endpoint',
    family: 'request-malformed',
  },
  '90072': {
    name: 'PassThroughUserMfaError',
    meaning: "the external account is not in the tenant so it cannot satisfy that tenant's MFA",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '90081': {
    name: 'OrgIdWsFederationMessageInvalid',
    meaning: 'the WS-Federation message is invalid',
    family: 'not-mail',
  },
  '90082': {
    name: 'OrgIdWsFederationNotSupported',
    meaning: 'the chosen WS-Federation authentication policy is not supported',
    family: 'not-mail',
  },
  '90084': {
    name: 'OrgIdWsFederationGuestNotAllowed',
    meaning: 'guest accounts are not allowed for this WS-Federation site',
    family: 'not-mail',
  },
  '90085': {
    name: 'OrgIdWsFederationSltRedemptionFailed',
    meaning: 'no token can be issued because the company object is not yet provisioned',
    family: 'not-mail',
  },
  '90086': {
    name: 'OrgIdWsTrustDaTokenExpired',
    meaning: "the user's WS-Trust DA token has expired",
    family: 'not-mail',
  },
  '90087': {
    name: 'OrgIdWsFederationMessageCreationFromUriFailed',
    meaning: 'building a WS-Federation message from the URI failed',
    family: 'not-mail',
  },
  '90090': {
    name: 'GraphRetryableError',
    meaning: 'the directory graph service is temporarily unavailable',
    family: 'service-side',
  },
  '90091': {
    name: 'GraphServiceUnreachable',
    meaning: 'the directory graph service cannot be reached',
    family: 'service-side',
  },
  '90092': {
    name: 'GraphNonRetryableError',
    meaning: 'the directory graph service returned a non-retryable error',
    family: 'service-side',
  },
  '90093': {
    name: 'GraphUserUnauthorized',
    meaning: 'the directory graph refused the request (forbidden), e.g. consent not allowed for this user',
    family: 'entra-consent-missing',
  },
  '90094': {
    name: 'AdminConsentRequired',
    meaning: 'an administrator must grant consent',
    family: 'entra-consent-missing',
  },
  '90095': {
    name: 'AdminConsentRequiredRequestAccess',
    meaning: 'admin consent workflow: the user is told to ask an admin to approve the app',
    family: 'entra-consent-missing',
  },
  '90099': {
    name: '',
    meaning: 'the app is not authorized in the customer tenant for partner delegated admins',
    family: 'not-mail',
  },
  '90100': {
    name: 'InvalidRequestParameter',
    meaning: 'a request parameter is empty or invalid',
    family: 'request-malformed',
  },
  '90101': {
    name: 'InvalidEmailAddress',
    meaning: 'the value supplied is not a valid email address',
    family: 'request-malformed',
  },
  '90102': {
    name: 'InvalidUriParameter',
    meaning: 'a URI parameter (typically redirect_uri) is not a valid absolute URI',
    family: 'entra-redirect-uri-mismatch',
  },
  '90107': {
    name: 'InvalidXml',
    meaning: 'the XML in the request is invalid or contains bad characters',
    family: 'not-mail',
  },
  '90112': { name: '', meaning: 'the application identifier must be a GUID', family: 'entra-app-or-tenant-not-found' },
  '90114': {
    name: 'InvalidExpiryDate',
    meaning: 'the bulk token expiry time would yield an already-expired token',
    family: 'not-mail',
  },
  '90117': { name: 'InvalidRequestInput', meaning: 'the request input is invalid', family: 'request-malformed' },
  '90119': {
    name: 'InvalidUserCode',
    meaning: 'device code flow: the user code is empty',
    family: 'request-malformed',
  },
  '90120': {
    name: 'InvalidDeviceFlowRequest',
    meaning: 'device code flow: the request was already approved or declined',
    family: 'entra-auth-code-reused',
  },
  '90121': { name: 'InvalidEmptyRequest', meaning: 'the request is empty', family: 'request-malformed' },
  '90123': {
    name: 'IdentityProviderAccessDenied',
    meaning: 'the identity or claims provider refused to issue the token',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '90124': {
    name: 'V1ResourceV2GlobalEndpointNotSupported',
    meaning: 'this resource cannot be used via /common or /consumers; use /organizations or a tenant',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '90125': {
    name: 'DebugModeEnrollTenantNotFound',
    meaning: 'the user is not known to the system; check the username',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '90126': {
    name: 'DebugModeEnrollTenantNotInferred',
    meaning: "the user's tenant cannot be inferred from the username on this endpoint",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '90130': {
    name: 'NonConvergedAppV2GlobalEndpointNotSupported',
    meaning: 'this application cannot be used via /common or /consumers; use /organizations or a tenant',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '100007': {
    name: '',
    meaning: 'the regional Entra endpoint only serves managed identities or specific first-party apps',
    family: 'entra-cross-cloud-authority',
  },
  '120000': {
    name: 'PasswordChangeIncorrectCurrentPassword',
    meaning: 'password change: the current password given is wrong',
    family: 'not-mail',
  },
  '120002': {
    name: 'PasswordChangeInvalidNewPasswordWeak',
    meaning: 'password change: the new password is too weak',
    family: 'not-mail',
  },
  '120003': {
    name: 'PasswordChangeInvalidNewPasswordContainsMemberName',
    meaning: "password change: the new password contains the user's name",
    family: 'not-mail',
  },
  '120004': {
    name: 'PasswordChangeOnPremComplexity',
    meaning: 'password change: the new password fails on-premises complexity rules',
    family: 'not-mail',
  },
  '120005': {
    name: 'PasswordChangeOnPremSuccessCloudFail',
    meaning: 'password change succeeded on-premises but failed in the cloud',
    family: 'not-mail',
  },
  '120008': {
    name: 'PasswordChangeAsyncJobStateTerminated',
    meaning: 'password change job ended with a non-retryable error',
    family: 'not-mail',
  },
  '120011': {
    name: 'PasswordChangeAsyncUpnInferenceFailed',
    meaning: "password change: the user's UPN could not be inferred",
    family: 'not-mail',
  },
  '120012': {
    name: 'PasswordChangeNeedsToHappenOnPrem',
    meaning: 'the password must be changed on-premises',
    family: 'not-mail',
  },
  '120013': {
    name: 'PasswordChangeOnPremisesConnectivityFailure',
    meaning: 'password change: on-premises connectivity failed',
    family: 'not-mail',
  },
  '120014': {
    name: 'PasswordChangeOnPremUserAccountLockedOutOrDisabled',
    meaning: 'password change: the on-premises account is locked out or disabled',
    family: 'not-mail',
  },
  '120015': {
    name: 'PasswordChangeADAdminActionRequired',
    meaning: 'password change needs action by an Active Directory admin',
    family: 'not-mail',
  },
  '120016': {
    name: 'PasswordChangeUserNotFoundBySspr',
    meaning: 'self-service password reset could not find the user',
    family: 'not-mail',
  },
  '120018': {
    name: 'PasswordChangePasswordDoesnotComplyFuzzyPolicy',
    meaning: 'the new password matches the banned-password (fuzzy) policy',
    family: 'not-mail',
  },
  '120020': { name: 'PasswordChangeFailure', meaning: 'the password change failed', family: 'not-mail' },
  '120021': {
    name: 'PartnerServiceSsprInternalServiceError',
    meaning: 'internal error in the partner self-service password reset service',
    family: 'not-mail',
  },
  '130004': {
    name: 'NgcKeyNotFound',
    meaning: 'the user has no Windows Hello (NGC) key configured',
    family: 'not-mail',
  },
  '130005': {
    name: 'NgcInvalidSignature',
    meaning: 'the Windows Hello (NGC) key signature failed verification',
    family: 'not-mail',
  },
  '130006': {
    name: 'NgcTransportKeyNotFound',
    meaning: 'the NGC transport key is not configured on the device',
    family: 'not-mail',
  },
  '130007': { name: 'NgcDeviceIsDisabled', meaning: 'the device tied to the NGC key is disabled', family: 'not-mail' },
  '130008': {
    name: 'NgcDeviceIsNotFound',
    meaning: 'the device referenced by the NGC key was not found',
    family: 'not-mail',
  },
  '135010': { name: 'KeyNotFound', meaning: 'the key was not found', family: 'not-mail' },
  '135011': { name: '', meaning: 'the device used to authenticate is disabled', family: 'not-mail' },
  '140000': { name: 'InvalidRequestNonce', meaning: 'the request nonce was not provided', family: 'request-malformed' },
  '140001': { name: 'InvalidSessionKey', meaning: 'the session key is not valid', family: 'not-mail' },
  '160021': {
    name: 'AppSessionSelectionInvalidSessionNotExist',
    meaning: 'the app asked for a user session that no longer exists, so a fresh sign-in is needed',
    family: 'entra-refresh-token-revoked',
  },
  '165004': {
    name: '',
    meaning: 'generic runtime error; the details are in the returned message',
    family: 'service-side',
  },
  '165900': { name: 'InvalidApiRequest', meaning: 'the API request is invalid', family: 'request-malformed' },
  '220450': {
    name: 'UnsupportedAndroidWebViewVersion',
    meaning: 'the Android Chrome WebView version in use is not supported',
    family: 'request-malformed',
  },
  '220501': {
    name: 'InvalidCrlDownload',
    meaning: 'the certificate revocation list download was invalid',
    family: 'not-mail',
  },
  '221000': {
    name: 'DeviceOnlyTokensNotSupportedByResource',
    meaning: 'the resource does not accept device-only tokens',
    family: 'not-mail',
  },
  '230109': {
    name: 'CachedCredentialNonGWAuthNRequestsNotSupported',
    meaning: 'the backup auth service was called directly instead of through the Entra gateway',
    family: 'service-side',
  },
  '240001': {
    name: 'BulkAADJTokenUnauthorized',
    meaning: 'the user is not allowed to register devices in Entra ID',
    family: 'not-mail',
  },
  '240002': {
    name: 'RequiredClaimIsMissing',
    meaning: 'an id_token cannot be used as a jwt-bearer grant',
    family: 'request-malformed',
  },
  '240003': {
    name: '',
    meaning: 'the call to the authorize endpoint returned an unexpected result',
    family: 'service-side',
  },
  '240004': { name: '', meaning: 'the authorize endpoint call returned no authorization code', family: 'service-side' },
  '399284': {
    name: 'InboundIdTokenIssuerInvalid',
    meaning: 'an ID token from a federated provider has a missing or mismatched issuer',
    family: 'not-mail',
  },
  '500011': {
    name: 'InvalidResourceServicePrincipalNotFound',
    meaning: 'the target resource has no service principal in this tenant (not provisioned or wrong tenant)',
    family: 'entra-resource-principal-not-found',
  },
  '500014': {
    name: 'InvalidResourceServicePrincipalDisabled',
    meaning: "the resource's service principal is disabled, e.g. lapsed subscription or admin action",
    family: 'entra-resource-principal-not-found',
  },
  '500021': {
    name: '',
    meaning: 'tenant restrictions (Restrict-Access-To-Tenant header) do not allow this tenant',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '500022': {
    name: '',
    meaning: 'tenant restrictions policy denies access to the requested tenant',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '500112': {
    name: '',
    meaning: 'the reply address in the request does not match the one registered for the app',
    family: 'entra-redirect-uri-mismatch',
  },
  '500113': {
    name: '',
    meaning: 'no reply (redirect) address is registered for the application',
    family: 'entra-redirect-uri-mismatch',
  },
  '500133': {
    name: '',
    meaning: 'the assertion (e.g. access token used for on-behalf-of) is outside its validity window',
    family: 'not-mail',
  },
  '500141': {
    name: '',
    meaning: 'invitation redemption finished but was not started by the target application',
    family: 'not-mail',
  },
  '500207': {
    name: '',
    meaning: 'this kind of account cannot be used for the requested resource',
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '500208': {
    name: '',
    meaning: "the account's domain does not fit the account type the tenant accepts (e.g. personal vs work)",
    family: 'entra-user-not-in-tenant-or-not-assigned',
  },
  '500212': {
    name: 'NotAllowedByOutboundPolicyTenant',
    meaning: "the user's home tenant outbound cross-tenant policy blocks access to the resource tenant",
    family: 'entra-conditional-access-or-mfa-block',
  },
  '500213': {
    name: 'NotAllowedByInboundPolicyTenant',
    meaning: "the resource tenant's inbound cross-tenant policy does not admit this user",
    family: 'entra-conditional-access-or-mfa-block',
  },
  '501241': {
    name: '',
    meaning: 'a mandatory input (typically the SAML NameID source) is missing from a claims transformation',
    family: 'not-mail',
  },
  '501461': {
    name: '',
    meaning: 'mapped claims are accepted only for a GUID or verified-domain audience, or with an app signing key',
    family: 'not-mail',
  },
  '501481': {
    name: '',
    meaning: "the code_verifier sent does not match the authorization request's code_challenge",
    family: 'entra-redirect-registered-wrong-platform',
  },
  '501491': {
    name: 'InvalidCodeChallengeMethodInvalidSize',
    meaning: 'the code_challenge parameter has an invalid size',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '501621': {
    name: 'ClaimsTransformationTimeoutRegularExpressionTimeout',
    meaning: 'a regex in the claims transformation timed out; it is too complex',
    family: 'not-mail',
  },
  '501631': {
    name: '',
    meaning: 'a regex claims transformation made too many replacements in the source claim',
    family: 'not-mail',
  },
  '501632': {
    name: '',
    meaning: 'a regex claims transformation has too many substitution parameters',
    family: 'not-mail',
  },
  '530032': {
    name: 'BlockedByConditionalAccessOnSecurityPolicy',
    meaning: 'a tenant-level security policy blocks this request',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '530034': {
    name: 'DelegatedAdminBlockedDueToSuspiciousActivity',
    meaning: 'a delegated (partner) admin was blocked due to risk in their home tenant',
    family: 'not-mail',
  },
  '530035': {
    name: 'BlockedBySecurityDefaults',
    meaning: 'security defaults blocked the request, e.g. legacy auth or an unsafe sign-in',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '650052': {
    name: '',
    meaning: 'the app needs a service the organization has not subscribed to or enabled',
    family: 'entra-app-or-tenant-not-found',
  },
  '650053': {
    name: '',
    meaning: 'the app asked for a scope that does not exist on the resource',
    family: 'entra-invalid-scope',
  },
  '650054': {
    name: '',
    meaning: 'the app asks for permissions on a resource that was removed or is unavailable',
    family: 'entra-app-or-tenant-not-found',
  },
  '650056': {
    name: 'Misconfigured application',
    meaning: 'permissions for the resource are not listed in the app registration or lack admin consent',
    family: 'entra-consent-missing',
  },
  '650057': {
    name: 'Invalid resource',
    meaning: "the requested resource is not among the app registration's configured permissions",
    family: 'entra-consent-missing',
  },
  '650059': {
    name: '',
    meaning: 'signInAudience AzureADMyOrg keeps the app from being used in this tenant',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '700005': {
    name: 'InvalidGrantRedeemAgainstWrongTenant',
    meaning: 'the authorization code is being redeemed at a different tenant endpoint than it was issued for',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '700011': {
    name: 'UnauthorizedClientAppNotFoundInOrgIdTenant',
    meaning: 'no application with this identifier exists in the tenant',
    family: 'entra-app-or-tenant-not-found',
  },
  '700016': {
    name: 'UnauthorizedClient_DoesNotMatchRequest',
    meaning: 'the client app id is not found in this tenant: wrong id, wrong tenant or not installed',
    family: 'entra-app-or-tenant-not-found',
  },
  '700020': {
    name: 'InteractionRequired',
    meaning: 'the grant needs user interaction; retry interactively',
    family: 'entra-conditional-access-or-mfa-block',
  },
  '700022': {
    name: 'InvalidMultipleResourcesScope',
    meaning: 'the scope parameter names more than one resource',
    family: 'entra-scopes-span-two-resources',
  },
  '700023': {
    name: 'InvalidResourcelessScope',
    meaning: 'the scope parameter has no usable resource for an access token request',
    family: 'entra-invalid-scope',
  },
  '700025': {
    name: 'InvalidClientPublicClientWithCredential',
    meaning: 'a public client must not send client_secret or client_assertion',
    family: 'entra-client-secret-missing',
  },
  '700027': {
    name: '',
    meaning: "the client assertion's signature could not be validated",
    family: 'entra-secret-id-instead-of-value',
  },
  '700030': {
    name: 'Invalid certificate',
    meaning: "the certificate's subject name or SAN is not authorized for this app",
    family: 'entra-secret-id-instead-of-value',
  },
  '700054': {
    name: '',
    meaning: 'id_token was requested but ID token implicit grant is not enabled on the app registration',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '700082': {
    name: 'ExpiredOrRevokedGrantInactiveToken',
    meaning: 'the refresh token expired from inactivity; a new interactive sign-in is needed',
    family: 'entra-refresh-token-inactive',
  },
  '700084': {
    name: '',
    meaning: 'refresh token issued to a single-page-app redirect has a fixed short lifetime and has expired',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '700229': {
    name: 'ForbiddenTokenType',
    meaning: 'only app-only tokens may be used as federated identity credentials',
    family: 'entra-secret-id-instead-of-value',
  },
  '750054': {
    name: '',
    meaning: 'for SAML redirect binding the query string lacks SAMLRequest or SAMLResponse',
    family: 'not-mail',
  },
  '900144': { name: '', meaning: 'a required parameter is missing from the request body', family: 'request-malformed' },
  '900236': {
    name: 'InvalidRequestSamlPropertyUnsupported',
    meaning: 'a SAML request property is set that is not supported',
    family: 'not-mail',
  },
  '900382': {
    name: '',
    meaning: 'confidential clients cannot be used in a cross-cloud request',
    family: 'entra-cross-cloud-authority',
  },
  '900384': { name: '', meaning: 'a JWT failed signature validation', family: 'entra-secret-id-instead-of-value' },
  '900432': {
    name: '',
    meaning: 'confidential clients are not supported in cross-cloud requests',
    family: 'entra-cross-cloud-authority',
  },
  '900561': {
    name: 'BadResourceRequestInvalidRequest',
    meaning: 'the endpoint was called with an HTTP verb it does not accept',
    family: 'request-malformed',
  },
  '900612': {
    name: '',
    meaning: "signing keys from the provider's JWKS endpoint could not be parsed",
    family: 'not-mail',
  },
  '900941': {
    name: '',
    meaning: 'administrator consent is required before the app may be used',
    family: 'entra-consent-missing',
  },
  '900971': {
    name: '',
    meaning: 'the request carried no reply (redirect) address',
    family: 'entra-redirect-uri-mismatch',
  },
  '901002': {
    name: '',
    meaning: "the 'resource' parameter is not supported here; request scopes instead",
    family: 'entra-invalid-scope',
  },
  '901011': {
    name: 'NoEmailAddressCollectedFromExternalOidcIDP',
    meaning: 'the external OIDC provider returned no email address (e.g. hidden email)',
    family: 'not-mail',
  },
  '901012': {
    name: 'EmailAddressCollectedFromExternalOidcIDPNotVerified',
    meaning: 'the email from the external OIDC provider is not verified',
    family: 'not-mail',
  },
  '901014': {
    name: 'NoExternalIdentifierCollectedFromExternalOidcIDP',
    meaning: "the external OIDC provider's ID token has no external identifier",
    family: 'not-mail',
  },
  '1000000': {
    name: 'UserNotBoundError',
    meaning: 'the bind API needs the user to also sign in with the external identity provider',
    family: 'not-mail',
  },
  '1000002': {
    name: 'BindCompleteInterruptError',
    meaning: 'binding succeeded but the user has to be informed',
    family: 'not-mail',
  },
  '1000031': {
    name: '',
    meaning: 'the application cannot be accessed right now; contact the administrator',
    family: 'entra-app-or-tenant-not-found',
  },
  '1000104': {
    name: 'XCB2BResourceCloudNotAllowedOnIdentityTenant',
    meaning: "the resource's cloud is not permitted for the user's home tenant",
    family: 'entra-cross-cloud-authority',
  },
  '5000224': {
    name: 'NotAllowedTenantBlockedTenantFraud',
    meaning: 'the tenant has been blocked (fraud) so the resource is unavailable',
    family: 'entra-app-or-tenant-not-found',
  },
  '5000819': {
    name: 'InvalidSamlTokenEmailMissingOrInvalid',
    meaning: 'the SAML assertion lacks a usable email claim or its domain does not match',
    family: 'not-mail',
  },
  '5001256': {
    name: '',
    meaning: 'sign-in via an external identity provider failed because its id_token is invalid',
    family: 'not-mail',
  },
  // Not on Microsoft's reference page; Entra returns it for client assertions (certificate credentials).
  '700024': {
    name: '',
    meaning: 'the client assertion is not within its valid time range (clock skew, or a stale assertion)',
    family: 'entra-client-assertion-out-of-time',
  },
  '7000112': {
    name: 'UnauthorizedClientApplicationDisabled',
    meaning: 'the client application is disabled',
    family: 'entra-app-disabled',
  },
  '7000114': {
    name: '',
    meaning: 'the app is not permitted to make app-only on-behalf-of calls',
    family: 'entra-consent-missing',
  },
  '7000215': {
    name: '',
    meaning: 'the client secret sent is wrong (often the secret id pasted instead of the value)',
    family: 'entra-secret-id-instead-of-value',
  },
  '7000218': {
    name: '',
    meaning: 'the token request lacks client_secret or client_assertion',
    family: 'entra-client-secret-missing',
  },
  '7000222': {
    name: 'InvalidClientSecretExpiredKeysProvided',
    meaning: "the app's client secret has expired; create a new one or switch to a certificate",
    family: 'entra-client-secret-expired',
  },
  '7500514': { name: '', meaning: 'no supported SAML response or assertion type was found', family: 'not-mail' },
  '7500529': {
    name: '',
    meaning: 'the SAML request ID is invalid (it must not start with a digit)',
    family: 'not-mail',
  },
  '9001023': {
    name: '',
    meaning: 'this grant type cannot be used on /common or /consumers; use /organizations or a tenant',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '9002313': {
    name: 'InvalidRequest',
    meaning: 'the request is malformed or invalid; inspect the raw HTTP request',
    family: 'request-malformed',
  },
  '9002325': {
    name: '',
    meaning: 'proof key for code exchange (PKCE) is required when an authorization code is redeemed cross-origin',
    family: 'entra-redirect-registered-wrong-platform',
  },
  '9002332': {
    name: '',
    meaning: 'the app is for Entra (work/school) users only and cannot be used on /consumers',
    family: 'entra-single-tenant-app-on-common-endpoint',
  },
  '9002341': {
    name: '',
    meaning: 'the user has to allow single sign-on for the app before tokens are issued',
    family: 'entra-consent-missing',
  },
};
