// AADSTS codes as data. Microsoft says the wording changes over time, so everything keys on the number.
// Meanings are our one-line paraphrases of https://learn.microsoft.com/entra/identity-platform/reference-error-codes.

export interface AadstsEntry {
  /** The failure mode (rule id) that owns this code. */
  rule: string;
  meaning: string;
  /** The code's link to this mode is only reported by the community, not stated by Microsoft. */
  reported?: boolean;
}

/** Every code a failure mode claims. */
export const AADSTS_TABLE: Record<string, AadstsEntry> = {
  '7000215': { rule: 'entra-secret-id-instead-of-value', meaning: 'an invalid client secret was sent' },
  '7000222': { rule: 'entra-client-secret-expired', meaning: "the app's client secret has expired" },
  '7000218': {
    rule: 'entra-client-secret-missing',
    meaning: 'the token request carried no client secret (or client assertion)',
  },
  '50194': {
    rule: 'entra-single-tenant-app-on-common-endpoint',
    meaning: 'a single-tenant app was used through the /common endpoint',
  },
  '50011': {
    rule: 'entra-redirect-uri-mismatch',
    meaning: "the redirect (reply) URL does not match the app's registered ones",
  },
  '900971': { rule: 'entra-redirect-uri-mismatch', meaning: 'no reply address was provided' },
  '9002327': {
    rule: 'entra-redirect-registered-wrong-platform',
    meaning: 'a code issued for a single-page app was redeemed outside the browser',
    reported: true,
  },
  '9002326': {
    rule: 'entra-redirect-registered-wrong-platform',
    meaning: 'a browser (cross-origin) code redemption for an app not registered as a single-page app',
    reported: true,
  },
  '700025': {
    rule: 'entra-redirect-registered-wrong-platform',
    meaning: 'the client is public, so it must not send a secret',
  },
  '700084': {
    rule: 'entra-redirect-registered-wrong-platform',
    meaning: 'the refresh token was issued to a single-page app and its fixed lifetime ran out',
  },
  '700016': {
    rule: 'entra-app-or-tenant-not-found',
    meaning: 'the application (client) ID was not found in the directory',
  },
  '90002': { rule: 'entra-app-or-tenant-not-found', meaning: 'the tenant name or ID was not found' },
  '500011': {
    rule: 'entra-app-or-tenant-not-found',
    meaning: 'the resource service principal was not found in the tenant',
  },
  '65001': { rule: 'entra-consent-missing', meaning: 'the user or an administrator has not consented to the app' },
  '90094': { rule: 'entra-consent-missing', meaning: 'administrator consent is required' },
  '90095': { rule: 'entra-consent-missing', meaning: 'the admin consent workflow asks for an administrator approval' },
  '65004': { rule: 'entra-consent-missing', meaning: 'the user declined consent' },
  '650057': {
    rule: 'entra-consent-missing',
    meaning: "the requested resource is not in the app registration's API permissions",
  },
  '70011': { rule: 'entra-invalid-scope', meaning: 'the requested scope is not valid' },
  '28002': { rule: 'entra-invalid-scope', meaning: 'the scope given when redeeming the code is not valid' },
  '28003': { rule: 'entra-invalid-scope', meaning: 'the scope given when redeeming the code is empty' },
  '28000': {
    rule: 'entra-scopes-span-two-resources',
    meaning: 'the scope string names more than one resource',
    reported: true,
  },
  '700022': { rule: 'entra-scopes-span-two-resources', meaning: 'the scope string names more than one resource' },
  '700082': { rule: 'entra-refresh-token-inactive', meaning: 'the refresh token expired after a long time unused' },
  '70008': { rule: 'entra-refresh-token-inactive', meaning: 'the refresh token expired after a long time unused' },
  '50173': { rule: 'entra-refresh-token-revoked', meaning: 'the grant was revoked and a fresh sign-in is needed' },
  '53003': { rule: 'entra-conditional-access-or-mfa-block', meaning: 'blocked by a Conditional Access policy' },
  '530035': { rule: 'entra-conditional-access-or-mfa-block', meaning: 'blocked by security defaults' },
  '53000': {
    rule: 'entra-conditional-access-or-mfa-block',
    meaning: 'Conditional Access requires a compliant device',
  },
  '53001': {
    rule: 'entra-conditional-access-or-mfa-block',
    meaning: 'Conditional Access requires a domain-joined device',
  },
  '50076': { rule: 'entra-conditional-access-or-mfa-block', meaning: 'multifactor authentication is required' },
  '50079': {
    rule: 'entra-conditional-access-or-mfa-block',
    meaning: 'the user must register for multifactor authentication',
  },
  '50072': {
    rule: 'entra-conditional-access-or-mfa-block',
    meaning: 'the user must enrol a second authentication factor',
  },
  '70043': {
    rule: 'entra-sign-in-frequency-expiry',
    meaning: 'the refresh token ran out under a Conditional Access sign-in frequency',
  },
  '50020': { rule: 'entra-user-not-in-tenant-or-not-assigned', meaning: 'the signed-in account is not in this tenant' },
  '50034': { rule: 'entra-user-not-in-tenant-or-not-assigned', meaning: 'the user account was not found' },
  '16000': {
    rule: 'entra-user-not-in-tenant-or-not-assigned',
    meaning: 'the account does not exist in the tenant that was asked',
  },
  '50105': {
    rule: 'entra-user-not-in-tenant-or-not-assigned',
    meaning: 'the signed-in user is not assigned to the app',
  },
  '50057': { rule: 'entra-user-not-in-tenant-or-not-assigned', meaning: 'the user account is disabled' },
  '50053': {
    rule: 'entra-user-not-in-tenant-or-not-assigned',
    meaning: 'the account is locked, or the sign-in came from a blocked IP address',
  },
  '50055': { rule: 'entra-user-not-in-tenant-or-not-assigned', meaning: "the user's password has expired" },
  '54005': { rule: 'entra-auth-code-reused', meaning: 'the authorization code was already redeemed' },
  '900382': {
    rule: 'entra-cross-cloud-authority',
    meaning: 'a confidential client is not supported in a cross-cloud request',
  },
  '90038': { rule: 'entra-cross-cloud-authority', meaning: 'the tenant belongs to another national cloud' },
};

/** One-line meanings of codes no failure mode claims, for the generic answer. */
export const AADSTS_MEANINGS: Record<string, string> = {
  '16003': 'the user has not been added to the tenant explicitly',
  '50001': 'the requested resource is disabled or does not exist',
  '50012': 'authentication failed, for example an invalid client assertion or certificate',
  '50014': 'the user account does not exist in the directory (guest pending)',
  '50056': 'the password is invalid or missing for this user',
  '50058': 'no signed-in session was found (the user is not signed in)',
  '50059': 'no tenant-identifying information was found in the request',
  '50064': 'validating the username or password failed',
  '50074': 'strong authentication was required and the MFA challenge was not passed',
  '50078': 'the multifactor authentication presented has expired under policy',
  '50089': 'the flow token expired; the sign-in must start again',
  '50097': 'device authentication is required',
  '50126': 'the username or password is wrong',
  '50128': 'invalid domain name: no tenant information in the request',
  '50131': 'a Conditional Access check failed (device state, suspicious activity or policy)',
  '50132': 'the session is no longer valid after a password change or expiry',
  '50133': 'the session is no longer valid after a password change or expiry',
  '50140': 'the "Keep me signed in" prompt interrupted the sign-in (expected)',
  '50144': "the user's on-premises Active Directory password has expired",
  '50158': 'an external security challenge was not satisfied',
  '50196': 'a client loop was detected: the app repeated the same request too often',
  '500021': 'tenant restrictions deny access to this tenant',
  '500208': 'the domain is not a valid sign-in domain for this account type',
  '501481': 'the PKCE code verifier does not match the code challenge',
  '50147': 'the PKCE code challenge is the wrong size',
  '501491': 'the PKCE code challenge is the wrong size',
  '51004': 'the user account does not exist in the directory',
  '53002': 'the app used is not an approved app for Conditional Access',
  '53004': 'the user must finish multifactor registration first',
  '53010': 'MFA methods can only be set up from specific locations or devices',
  '530032': 'a tenant security policy blocks this request',
  '65002': 'consent between Microsoft first-party apps must be pre-authorized',
  '65005': "the app's required resource access list is misconfigured",
  '650052': 'the app needs a service the organization has not subscribed to or enabled',
  '650054': 'the app asked for a resource that was removed or is no longer available',
  '650056': 'the app is misconfigured: permissions not listed or not consented',
  '70000': 'the grant (refresh token) is not valid',
  '70001': 'the application is disabled',
  '70002': 'the client secret does not match the expected value',
  '70004': 'the redirect URI does not match any configured one',
  '700005': 'the authorization code was redeemed against a different tenant than it was issued for',
  '700011': 'the client application was not found in the tenant',
  '7000112': 'the application is disabled',
  '700020': 'the access grant requires user interaction',
  '700023': 'the scope is not valid when requesting an access token (no resource)',
  '700027': 'the client assertion failed signature validation',
  '90008': 'the app needs at least the sign-in and read user profile permission',
  '90014': 'a required field is missing from the request',
  '90019': 'the tenant could not be determined from the request',
  '90033': 'a directory service is temporarily unavailable',
  '90043': 'national-cloud authorization code redirection is disabled',
  '90051': 'the national cloud identifier is invalid',
  '90055': 'too many requests for this tenant (throttled)',
  '90072': 'the external account does not exist in the tenant, so it cannot satisfy MFA there',
  '90099': 'the app has not been authorized in the tenant for delegated administrators',
  '900144': 'a required parameter is missing from the request body',
  '900432': 'a confidential client is not supported in a cross-cloud request',
  '9001023': 'this grant type is not supported over /common or /consumers',
  '9002313': 'the request is malformed or invalid',
  '9002341': 'the user must allow single sign-on for the app',
  '90124': 'the resource is not supported over /common or /consumers',
  '90130': 'the application is not supported over /common or /consumers',
  '1000104': "the resource's cloud is not allowed for the identity's tenant",
};

/** Where a code no failure mode claims sits nearest, by meaning first, then by range. */
const NEAREST: Record<string, string> = {
  '501481': 'entra-redirect-registered-wrong-platform',
  '50147': 'entra-redirect-registered-wrong-platform',
  '501491': 'entra-redirect-registered-wrong-platform',
  '70004': 'entra-redirect-uri-mismatch',
  '70000': 'entra-refresh-token-revoked',
  '50089': 'entra-refresh-token-revoked',
  '50132': 'entra-refresh-token-revoked',
  '50133': 'entra-refresh-token-revoked',
  '700020': 'entra-conditional-access-or-mfa-block',
  '70001': 'entra-app-or-tenant-not-found',
  '700011': 'entra-app-or-tenant-not-found',
  '7000112': 'entra-app-or-tenant-not-found',
  '50001': 'entra-app-or-tenant-not-found',
  '50059': 'entra-app-or-tenant-not-found',
  '50128': 'entra-app-or-tenant-not-found',
  '90019': 'entra-app-or-tenant-not-found',
  '700005': 'entra-single-tenant-app-on-common-endpoint',
  '9001023': 'entra-single-tenant-app-on-common-endpoint',
  '90124': 'entra-single-tenant-app-on-common-endpoint',
  '90130': 'entra-single-tenant-app-on-common-endpoint',
  '70002': 'entra-secret-id-instead-of-value',
  '700027': 'entra-secret-id-instead-of-value',
  '50012': 'entra-secret-id-instead-of-value',
  '900144': 'entra-client-secret-missing',
  '65002': 'entra-consent-missing',
  '65005': 'entra-consent-missing',
  '650052': 'entra-consent-missing',
  '650054': 'entra-consent-missing',
  '650056': 'entra-consent-missing',
  '90008': 'entra-consent-missing',
  '90099': 'entra-consent-missing',
  '700023': 'entra-invalid-scope',
  '50074': 'entra-conditional-access-or-mfa-block',
  '50078': 'entra-conditional-access-or-mfa-block',
  '50097': 'entra-conditional-access-or-mfa-block',
  '50131': 'entra-conditional-access-or-mfa-block',
  '50158': 'entra-conditional-access-or-mfa-block',
  '53002': 'entra-conditional-access-or-mfa-block',
  '53004': 'entra-conditional-access-or-mfa-block',
  '53010': 'entra-conditional-access-or-mfa-block',
  '530032': 'entra-conditional-access-or-mfa-block',
  '16003': 'entra-user-not-in-tenant-or-not-assigned',
  '50014': 'entra-user-not-in-tenant-or-not-assigned',
  '50056': 'entra-user-not-in-tenant-or-not-assigned',
  '50064': 'entra-user-not-in-tenant-or-not-assigned',
  '50126': 'entra-user-not-in-tenant-or-not-assigned',
  '50144': 'entra-user-not-in-tenant-or-not-assigned',
  '51004': 'entra-user-not-in-tenant-or-not-assigned',
  '500208': 'entra-user-not-in-tenant-or-not-assigned',
  '90072': 'entra-user-not-in-tenant-or-not-assigned',
  '90043': 'entra-cross-cloud-authority',
  '90051': 'entra-cross-cloud-authority',
  '900432': 'entra-cross-cloud-authority',
  '1000104': 'entra-cross-cloud-authority',
};

export const GENERIC_AADSTS_RULE = 'entra-unknown-aadsts-code';

/** The number in `AADSTS50011`, or the input if it is already a number. */
export const aadstsNumber = (code: string) => code.replace(/^AADSTS/i, '');

/** Codes this failure mode claims, as `AADSTSnnn` strings (what facts.errorCodes holds). */
export function codesFor(rule: string): string[] {
  return Object.entries(AADSTS_TABLE)
    .filter(([, e]) => e.rule === rule)
    .map(([n]) => `AADSTS${n}`);
}

/** The failure mode a code sits nearest to, for codes the table does not claim. */
export function nearestRule(code: string): string | null {
  const n = aadstsNumber(code);
  const known = NEAREST[n];
  if (known) return known;
  // 9003xx/9004xx are Microsoft's national-cloud ("cross cloud") family.
  if (/^900[34]\d{2}$/.test(n)) return 'entra-cross-cloud-authority';
  return null;
}
