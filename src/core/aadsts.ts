// AADSTS codes as data. Microsoft says the wording changes over time, so everything keys on the number.
// AADSTS_TABLE: the codes a failure mode claims outright (curated). AADSTS_REFERENCE (aadsts-reference.ts): every
// code in Microsoft's reference, each placed in a failure mode or a family.
import { AADSTS_REFERENCE } from './aadsts-reference.js';

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
    rule: 'entra-resource-principal-not-found',
    meaning: 'the resource (Exchange Online or Graph) has no service principal in the tenant that was asked',
  },
  '500014': {
    rule: 'entra-resource-principal-not-found',
    meaning: "the resource's service principal is disabled (a lapsed subscription, or an admin turned it off)",
  },
  '7000112': { rule: 'entra-app-disabled', meaning: 'the application is disabled' },
  '700024': {
    rule: 'entra-client-assertion-out-of-time',
    meaning: 'the client assertion (a certificate-signed token) is not within its valid time range',
  },
  '1002012': {
    rule: 'graph-auth-mode-mismatch',
    meaning: 'a client-credentials (app-only) request asked for named scopes instead of `<resource>/.default`',
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

export const GENERIC_AADSTS_RULE = 'entra-unknown-aadsts-code';
/** The rule that answers codes whose family is not a setting: a malformed request, Microsoft's side, a prompt. */
export const NON_SETTING_AADSTS_RULE = 'entra-code-not-a-setting';
export const NON_SETTING_FAMILIES = ['request-malformed', 'service-side', 'interrupted', 'not-mail'] as const;

/** The number in `AADSTS50011`, or the input if it is already a number. */
export const aadstsNumber = (code: string) => code.replace(/^AADSTS/i, '');

/** The failure mode or family a code belongs to: ours where a rule claims it, else Microsoft's reference's. */
export function familyOf(code: string): string | null {
  const n = aadstsNumber(code);
  return AADSTS_TABLE[n]?.rule ?? AADSTS_REFERENCE[n]?.family ?? null;
}

/** A rule claims this code itself (the answer is then certain); otherwise it only belongs to the rule's family. */
export const claimedByRule = (code: string): boolean => AADSTS_TABLE[aadstsNumber(code)] !== undefined;

/** Microsoft's meaning, in our words, or undefined for a code neither table lists. */
export const meaningOf = (code: string): string | undefined =>
  AADSTS_TABLE[aadstsNumber(code)]?.meaning ?? AADSTS_REFERENCE[aadstsNumber(code)]?.meaning;

const BY_FAMILY = new Map<string, string[]>();
for (const n of new Set([...Object.keys(AADSTS_TABLE), ...Object.keys(AADSTS_REFERENCE)])) {
  const family = familyOf(n);
  if (family) BY_FAMILY.set(family, [...(BY_FAMILY.get(family) ?? []), `AADSTS${n}`]);
}

/** "AADSTS50011 (the redirect … does not match)". */
export const describeMeaning = (code: string): string => {
  const meaning = meaningOf(code);
  return meaning ? `${code} (${meaning})` : code;
};

/** Codes of this failure mode or family, as `AADSTSnnn` strings (what facts.errorCodes holds). */
export const codesFor = (family: string): string[] => BY_FAMILY.get(family) ?? [];

/** For a code no table lists: the failure mode its range sits in, if the range says. */
export function nearestRule(code: string): string | null {
  const n = aadstsNumber(code);
  // 9003xx/9004xx are Microsoft's national-cloud ("cross cloud") family; 53xxx are Conditional Access.
  if (/^900[34]\d{2}$/.test(n)) return 'entra-cross-cloud-authority';
  if (/^530\d{2,3}$/.test(n)) return 'entra-conditional-access-or-mfa-block';
  return null;
}
