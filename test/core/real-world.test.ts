import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, parseCase } from '../../scripts/corpus.js';
import { diagnose } from '../../src/core/index.js';
import { statementsOf } from '../../src/core/statements.js';
import { renderText } from '../../src/render/index.js';

// The classes of text the doctor used to miss, each shown with text people really posted (the tuning part of the
// corpus, test/corpus/tune/, with its source in each file), plus the statement reader on the words people use.

const tuneCase = (name: string) =>
  parseCase(join(CORPUS, 'tune', name), 'tune', readFileSync(join(CORPUS, 'tune', name), 'utf8'));
const ids = (text: string) => diagnose(text).findings.map((f) => f.id);
const top = (name: string) => ids(tuneCase(name).text)[0];

describe('the same failure in another client’s words', () => {
  it.each([
    ['node--node-imap-login-failed-office365.txt', 'exchange-basic-auth-disabled'],
    ['imapsync--office365-login-failed-password.txt', 'exchange-basic-auth-disabled'],
    ['mailkit--imap-pop-oauth-ok-then-not-connected.txt', 'imap-shared-mailbox-or-wrong-user'],
    ['jira--kb-a3-bad-user-authenticated-not-connected.txt', 'imap-shared-mailbox-or-wrong-user'],
    ['getmail--keyerror-refresh-token-exchange-online.txt', 'oauth-offline-access-missing'],
    ['python--o365-refresh-token-parameter-after-one-hour.txt', 'oauth-offline-access-missing'],
    ['java--graph-android-access-token-expired.txt', 'graph-malformed-or-expired-token'],
    ['msgraph-dotnet--mailbox-not-hosted-in-exo.txt', 'graph-mailbox-not-rest-enabled'],
    ['mailkit--imap-token-requested-for-graph-default-scope.txt', 'imap-scope-missing-outlook-resource'],
    ['dotnet--graph-sdk-mail-429-throttling-headers.txt', 'graph-throttled'],
    ['msgraph-php--me-request-app-only-token.txt', 'graph-app-only-token-calls-me'],
    ['imapsync--bye-session-invalidated-accesstokenexpired.txt', 'imap-access-token-expired'],
    ['python--exchangelib-gcch-cross-cloud.txt', 'entra-cross-cloud-authority'],
  ])('%s → %s', (name, want) => {
    expect(top(name)).toBe(want);
  });
});

describe('plain words are read as facts', () => {
  it.each([
    ['Microsoft turned off basic auth and our handler stopped', 'basic-auth-off'],
    ['since the deprecation of Basic authentication in Exchange Online', 'basic-auth-off'],
    ['we use a username and password', 'uses-password'],
    ['after the mailbox password was reset', 'password-changed'],
    ['the secret expired last week', 'secret-expired'],
    ['I pasted the secret ID', 'secret-id-used'],
    ['IMAP is disabled on that mailbox', 'imap-disabled'],
    ['admin consent was never granted', 'consent-missing'],
    ['port 993 is blocked, we only have a proxy', 'port-blocked'],
    ['port 993 is blocked, we only have a proxy', 'proxy-only'],
    ['Adding Security Defaults broke the Exchange mail login', 'mfa-policy'],
    ['it failed exactly 90 days after setting up the oauth2', 'after-90-days'],
    ['our admins will not allow legacy IMAP sign-ins any more', 'basic-auth-off'],
    ['since "modern" authentication is now required for everything', 'basic-auth-off'],
    ['Microsoft dropped support for password logins over IMAP', 'basic-auth-off'],
    ['IT rolled out a new MFA policy last week', 'mfa-policy'],
    ['the client secret no longer works', 'secret-expired'],
    ['I configured it to use OAuth2 with the tenant', 'uses-oauth'],
    ['we are already using OAuth 2.0 for this mailbox', 'uses-oauth'],
    ['it was working fine until Monday', 'stopped-working'],
    ['after the second step I got a strange error', 'stopped-working'],
    ['when I sign in it asks me for my organisation’s permission', 'consent-missing'],
    ['Microsoft revoked basic authentication for IMAP last year', 'basic-auth-off'],
    ['Exchange Online no longer allows basic authentication', 'basic-auth-off'],
    ['Microsoft has discontinued standard IMAP password sign-in', 'basic-auth-off'],
    ['Microsoft disabled the traditional password way of connecting', 'basic-auth-off'],
    ['our tenant started enforcing phone checks at every login', 'mfa-policy'],
    ['the credentials are 100% correct', 'uses-password'],
    ['in our tenant users cannot consent to apps themselves', 'consent-missing'],
    ['the ability for regular users to consent to applications is disabled', 'consent-missing'],
    ['conn = imaplib.IMAP4_SSL(host); conn.login(user, password)', 'uses-password'],
  ])('"%s" says %s', (sentence, id) => {
    expect(statementsOf(sentence).map((s) => s.id)).toContain(id);
  });

  it.each([
    ['the secret has not expired', 'secret-expired'],
    ['IMAP is not disabled, I checked', 'imap-disabled'],
    ['admin consent was granted for the tenant', 'consent-missing'],
    ['the password was not changed', 'password-changed'],
    ['there is no error when using OAuth', 'uses-oauth'],
    ['we have not configured it to use OAuth2 yet', 'uses-oauth'],
    ['our mail server still allows legacy IMAP', 'basic-auth-off'],
    ['the MFA prompt appears on the phone', 'mfa-policy'],
    ['the password is not the problem, we use certificates', 'uses-password'],
  ])('"%s" does not say %s', (sentence, id) => {
    expect(statementsOf(sentence).map((s) => s.id)).not.toContain(id);
  });

  it('answers from what the user said, and shows it back in the answer', () => {
    const text =
      'Our Jira incoming mail handler on outlook.office365.com stopped fetching. Microsoft turned off basic auth, and we still use a username and password.';
    const d = diagnose(text);
    expect(d.findings[0]?.id).toBe('exchange-basic-auth-disabled');
    expect(d.facts.statements.map((s) => s.id)).toEqual(expect.arrayContaining(['basic-auth-off', 'uses-password']));
    expect(renderText(d)).toMatch(/You said: “Our Jira incoming mail handler/);
  });

  it("reads Entra's Conditional Access page as a policy block", () => {
    const d = diagnose(
      'After signing in I only get: You cannot access this right now. Your sign-in was successful but does not meet the criteria to access this resource.',
    );
    expect(d.findings[0]?.id).toBe('entra-conditional-access-or-mfa-block');
    expect(d.findings[0]?.confidence).toBe('likely');
  });

  it('answers a stated government cloud on its own with what can work there, and leaves a correct .us setup alone', () => {
    const told = diagnose('Our incoming mail channel keeps failing. We are in GCC High, if that matters.');
    expect(told.findings[0]?.id).toBe('sovereign-imap-pop-workaround');
    expect(told.findings[0]?.cause).toMatch(/does not say which protocol/);
    const setUp = diagnose(
      'We are in GCC High.\nauthority = https://login.microsoftonline.us/contoso.onmicrosoft.com\nscopes = https://outlook.office365.us/IMAP.AccessAsUser.All offline_access',
    );
    expect(setUp.findings.map((f) => f.id)).not.toContain('sovereign-imap-pop-workaround');
  });

  it('never contradicts the cloud the user names: commercial means no government-cloud finding', () => {
    const d = diagnose(
      'Error code: InvalidAuthenticationToken Error message: Access token validation failure. Invalid audience.\nWe are a normal commercial tenant, not government.',
    );
    expect(d.facts.cloud).toBe('worldwide');
    expect(d.findings.map((f) => f.id)).not.toContain('sovereign-graph-endpoint-hardcoded');
    expect(d.findings.every((f) => !/government cloud/.test(f.cause) || /not/.test(f.cause))).toBe(true);
  });

  it('reads a sentence about consent, a proxy or an expired secret into the matching cause', () => {
    expect(
      ids('The sign-in for Office accounts asks the administrator of your Office instance to allow this App.'),
    ).toContain('entra-consent-missing');
    expect(top('email-oauth2-proxy--server-needs-proxy-for-internet.txt')).toMatch(/^network-/);
    expect(ids('Our IMAP fetch from outlook.office365.com stopped: the client secret expired last week.')[0]).toBe(
      'entra-client-secret-expired',
    );
  });
});

describe('out of scope stays out', () => {
  it.each([
    ['jira--docker-smtp-test-mail-read-timed-out.txt', /outgoing mail/],
    ['jira--docker-smtp-port-25-connect-timed-out-zh.txt', /outgoing mail/],
    ['javamail--docspell-gmail-app-password-authenticationfailed.txt', /another provider/],
    ['jenkins--gmail-535-5-7-8-bad-credentials-near-miss.txt', /another provider/],
    ['jira--upm-license-plugin-container-fails-on-upgrade.txt', /start-up, plug-in/],
  ])('%s gives no finding and says what it is instead', (name, note) => {
    const d = diagnose(tuneCase(name).text);
    expect(d.findings).toEqual([]);
    expect(d.notes.join(' ')).toMatch(note);
  });
});

describe('scopes as Entra granted them', () => {
  // Entra never lists offline_access among granted scopes, and a token's scp names scopes without their resource.
  it('does not read a token response or a decoded token as a scope list missing offline_access or the resource', () => {
    const response = diagnose(
      'Token response: {"token_type":"Bearer","scope":"https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/User.Read","expires_in":3599,"ext_expires_in":3599}',
    );
    expect(response.findings.map((f) => f.id)).not.toContain('oauth-offline-access-missing');
    const decoded = diagnose('{ "aud": "https://outlook.office.com", "scp": "IMAP.AccessAsUser.All User.Read" }');
    expect(decoded.findings.map((f) => f.id)).not.toContain('imap-scope-missing-outlook-resource');
    expect(decoded.findings.map((f) => f.id)).not.toContain('oauth-offline-access-missing');
  });

  it('still reads the same scopes as settings when they are settings', () => {
    const settings = diagnose(
      'Scopes: https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/User.Read',
    );
    expect(settings.findings.map((f) => f.id)).toContain('oauth-offline-access-missing');
    const bare = diagnose('Scopes: IMAP.AccessAsUser.All offline_access\nA1 NO AUTHENTICATE failed.');
    expect(bare.findings.map((f) => f.id)).toContain('imap-scope-missing-outlook-resource');
  });
});

describe('error messages retold in words', () => {
  it.each([
    ['Clicking Authorize ends on a page saying the redirect URI does not match', 'entra-redirect-uri-mismatch'],
    ['we keep getting a redirect_uri mismatch from Microsoft', 'entra-redirect-uri-mismatch'],
    ['Graph answers that the mailbox is not enabled for REST API', 'graph-mailbox-not-rest-enabled'],
    ['The sign-in page came back with {"error":"invalid_scope"} and nothing else', 'entra-invalid-scope'],
    [
      '{"error":"invalid_grant","error_codes":[700082],"timestamp":"2025-01-01 10:00:00Z"}',
      'entra-refresh-token-inactive',
    ],
    ['token refresh failed, see https://login.microsoftonline.com/error?code=700082', 'entra-refresh-token-inactive'],
    [
      "invalid_request: The provided value for the input parameter 'redirect_uri' is not valid.",
      'entra-redirect-uri-mismatch',
    ],
    [
      '$inbox = imap_open("{outlook.office365.com:993/imap/ssl}", $user, $password);\nCan not authenticate to IMAP server: AUTHENTICATE failed.',
      'exchange-basic-auth-disabled',
    ],
    [
      'We registered the service principal in Exchange Online and gave it FullAccess, still A1 NO AUTHENTICATE failed.',
      'imap-app-only-service-principal-missing',
    ],
    [
      "Sign-in error: 'Helpdesk' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications.",
      'entra-single-tenant-app-on-common-endpoint',
    ],
    [
      "imap_open(): Couldn't open stream {outlook.office365.com:993/imap/ssl}. Retrying PLAIN authentication after AUTHENTICATE failed.",
      'exchange-basic-auth-disabled',
    ],
  ])('"%s" → %s', (sentence, rule) => {
    expect(diagnose(sentence).findings[0]?.id).toBe(rule);
  });
});

describe('throttling in words', () => {
  it('needs Exchange in sight: another provider that is slow or throttled is not ours', () => {
    const elsewhere = diagnose('mbsync against imap.fastmail.example is throttled, 1 or 2 emails per minute over IMAP');
    expect(elsewhere.findings.map((f) => f.id)).not.toContain('imap-throttled');
    const exchange = diagnose(
      'We make too many IMAP connections and get throttled: A2 BAD User is authenticated but not connected.',
    );
    expect(exchange.findings.map((f) => f.id)).toContain('imap-throttled');
  });
});

describe('a mail server that names itself', () => {
  it('is not Exchange when its banner says Dovecot', () => {
    const d = diagnose(
      '< * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.\n> A1 AUTHENTICATE PLAIN ****\n< A1 NO [AUTHENTICATIONFAILED] Authentication failed.',
    );
    expect(d.findings).toEqual([]);
  });
});
