import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseStream, redactText } from '../../src/core/index.js';
import { decodeJwt } from '../../src/core/jwt.js';
import { redactSecrets, SECRET_HINTS, type SecretSink } from '../../src/core/secrets.js';
import { renderJson, renderMarkdown, renderText } from '../../src/render/index.js';
import { allFixtures, makeJwt, SECRETS, spliceSecrets } from '../helpers.js';

const secretValues = Object.values(SECRETS);
const leaks = (output: string) =>
  secretValues.filter((s) => output.includes(s) || output.includes(s.slice(8, 40)) || output.includes(s.slice(-24)));

describe('secrets never come back out', () => {
  const fixtures = allFixtures();

  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  it.each(fixtures)(
    '%s with a token, client secret, refresh token, password and Slack token spliced in',
    async (_name, text) => {
      const pasted = spliceSecrets(text);
      const d = diagnose(pasted);
      for (const output of [renderJson(d), renderText(d), renderMarkdown(d), redactText(pasted)]) {
        expect(leaks(output)).toEqual([]);
      }
      const streamed = await diagnoseStream([Buffer.from(pasted)]);
      expect(leaks(renderJson(streamed))).toEqual([]);
      const kinds = d.secrets.map((s) => s.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'access-token',
          'client-secret',
          'refresh-token',
          'password',
          'slack-token',
          'authorization-header',
        ]),
      );
      expect(JSON.stringify(d.secrets)).not.toMatch(/value/);
    },
  );

  it('lists the kind and line of each secret, never the value', () => {
    const d = diagnose(`line one\nclient_secret=${SECRETS.clientSecret}`);
    expect(d.secrets).toEqual([{ kind: 'client-secret', line: 2 }]);
  });

  it.each([
    [
      'a form body',
      `grant_type=authorization_code&client_id=1d5c0c2b-7f4e-4a3b-9c8d-2e1f0a9b8c7d&client_secret=${SECRETS.clientSecret}`,
    ],
    [
      'a JSON token response',
      `{"token_type":"Bearer","refresh_token":"${SECRETS.refreshToken}","access_token":"${SECRETS.accessToken}"}`,
    ],
    ['an application link screen', `Client secret: ${SECRETS.clientSecret}`],
    ['a URL-encoded secret', `client_secret=${encodeURIComponent(SECRETS.clientSecret)}`],
    [
      'an authorization code in a redirect',
      `https://jira.example.com/plugins/servlet/oauth2/callback?code=${SECRETS.refreshToken}&state=abc`,
    ],
    ['a bare Entra secret value', `the secret is ${SECRETS.clientSecret} I think`],
    ['basic auth', 'Authorization: Basic dXNlckBleGFtcGxlLmNvbTpTdW1tZXIyMDIzIQ=='],
  ])('redacts %s', (_name, text) => {
    const d = diagnose(text);
    expect(d.secrets.length).toBeGreaterThan(0);
    expect(redactText(text)).toContain('[redacted');
    expect(leaks(redactText(text))).toEqual([]);
    expect(redactText(text)).not.toContain('dXNlckBleGFtcGxlLmNvbTpTdW1tZXIyMDIzIQ');
  });

  it('keeps JavaMail placeholders such as password=<non-null>, which are evidence, not secrets', () => {
    const line =
      'DEBUG IMAPS: protocolConnect login, host=outlook.office365.com, user=jira@contoso.com, password=<non-null>';
    expect(diagnose(line).secrets).toEqual([]);
    expect(redactText(line)).toContain('password=<non-null>');
  });

  it('notes a GUID in the client-secret field as a shape, without its value', () => {
    const d = diagnose('client_secret=8f2b6a1e-3c4d-4e5f-9a0b-1c2d3e4f5a6b');
    expect(d.secrets).toEqual([{ kind: 'client-secret', line: 1 }]);
    expect(JSON.stringify(d)).not.toContain('8f2b6a1e');
  });
});

/** Runs one line through the redactor and records what the sink heard. */
function redactLine(line: string) {
  const kinds: string[] = [];
  const notes: string[] = [];
  const sink: SecretSink = {
    secret: (kind) => kinds.push(kind),
    token: () => {},
    malformedToken: (reason) => notes.push(reason),
  };
  return { out: redactSecrets(line, sink), kinds, notes };
}

const hinted = (line: string) => SECRET_HINTS.some((h) => line.toLowerCase().includes(h.toLowerCase()));

describe('a secret value is redacted whole, never in part', () => {
  it.each([
    ['a quoted Java property with spaces', 'mail.imap.password: "correct horse battery staple"', 'password'],
    ['a quoted client secret with a space', 'client_secret = "abc xyzSECRETTAIL"', 'client-secret'],
    ['a JSON password with spaces', '{"password": "p a s s TAIL", "user": "jira@contoso.com"}', 'password'],
    ['a JSON password with an escaped quote', String.raw`{"password": "pa\"ssTAIL"}`, 'password'],
    ['a single-quoted password', "password='one two TAIL'", 'password'],
    [
      'an ampersand decoded from %26 inside the value',
      `client_secret=${encodeURIComponent('abc&TAIL')}`,
      'client-secret',
    ],
    ['a semicolon inside the value', 'password=pa;ssw0rdTail', 'password'],
    ['a comma inside the value', 'pwd=pa,ssTAIL', 'password'],
    ['a value that starts with a bracket', 'password=[abcTAIL', 'password'],
    [
      'a value that starts with < but is not a placeholder',
      'password=<abc-with-TAIL-and-more-than-twenty-chars>',
      'password',
    ],
    ['an unterminated quote', 'password="abcTAIL', 'password'],
  ])('%s', (_name, text, kind) => {
    const out = redactText(text);
    expect(out).not.toMatch(/TAIL|horse|staple|ssw0rd|p a s s/i);
    expect(out).toContain(`[redacted ${kind === 'client-secret' ? 'client secret' : 'password'}]`);
    expect(diagnose(text).secrets.map((s) => s.kind)).toEqual([kind]);
  });

  it('stops an unquoted value at & only when another form field follows', () => {
    const out = redactText('client_secret=abc123TAIL&grant_type=refresh_token&scope=offline_access');
    expect(out).toBe('client_secret=[redacted client secret]&grant_type=refresh_token&scope=offline_access');
  });

  it('keeps the quotes around a redacted JSON value, so the line still reads as JSON', () => {
    expect(redactText('{"password":"p a s s","user":"x"}')).toBe('{"password":"[redacted password]","user":"x"}');
  });

  it('drops what is left when a secret is longer than a pattern reads', () => {
    const out = redactText(`Authorization: Bearer ${'a1'.repeat(6000)}TAIL rest`);
    expect(out).toBe('Authorization: Bearer [redacted bearer credential] rest');
  });

  it.each([
    ['the JavaMail non-null placeholder', 'password=<non-null>'],
    ['the JavaMail null placeholder', 'password=<null>,'],
    ['asterisks', 'client_secret=********'],
    ['the word null', 'password: null'],
    ['the word empty', 'password=empty'],
    ['an empty JSON string', '{"password": "", "user": "x"}'],
  ])('leaves a placeholder alone: %s', (_name, text) => {
    expect(redactLine(text)).toEqual({ out: text, kinds: [], notes: [] });
  });
});

describe('a paste redacted once reads the same the second time', () => {
  it('keeps an earlier marker as it is, and still counts it as the secret it replaced', () => {
    expect(redactLine('password=[redacted password]')).toEqual({
      out: 'password=[redacted password]',
      kinds: ['password'],
      notes: [],
    });
  });

  it("keeps a token's audience and issuer in its marker, and reads them back", () => {
    const token = makeJwt({
      aud: 'https://outlook.office.com',
      iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    });
    const paste = `Error message: Access token validation failure. Invalid audience.\nAuthorization: Bearer ${token}`;
    const once = redactText(paste);
    expect(once).toContain('[redacted access token aud=https://outlook.office.com iss=https://sts.windows.net/');
    expect(once).not.toContain(token.split('.')[1] as string);
    const first = diagnose(paste);
    const again = diagnose(once);
    expect(again.findings.map((f) => [f.id, f.confidence])).toEqual(first.findings.map((f) => [f.id, f.confidence]));
    expect(again.facts.token).toMatchObject({ aud: 'https://outlook.office.com', resource: 'outlook' });
    expect(again.secrets.map((s) => s.kind)).toEqual(first.secrets.map((s) => s.kind));
  });

  it('answers a question on the stored (redacted) paste as it would on the original', () => {
    const token = makeJwt({ aud: 'https://graph.microsoft.com' });
    const paste = `Error code: InvalidAuthenticationToken Error message: Access token validation failure. Invalid audience.\nBearer ${token}`;
    const question = diagnose(paste).questions[0];
    expect(question?.id).toBe('app-link-scopes');
    for (const option of question?.options ?? []) {
      const original = diagnose(`${paste}\n${option.answer}`);
      const stored = diagnose(`${redactText(paste)}\n${option.answer}`);
      expect(stored.findings.map((f) => f.id)).toEqual(original.findings.map((f) => f.id));
      expect(stored.secrets.length).toBeGreaterThan(0);
    }
  });

  it('keeps the GUID shape of a client-secret field, which tells a Secret ID from a value', () => {
    const once = redactText('client_secret=8f2b6a1e-3c4d-4e5f-9a0b-1c2d3e4f5a6b');
    expect(once).toBe('client_secret=[redacted client secret shaped like a GUID]');
    expect(diagnose(once).findings.map((f) => f.id)).toEqual(
      diagnose('client_secret=8f2b6a1e-3c4d-4e5f-9a0b-1c2d3e4f5a6b').findings.map((f) => f.id),
    );
  });
});

describe('secrets in other places are found', () => {
  it.each([
    ['a password in an IMAP URL', 'imaps://john:Hunter2SecretPw@outlook.office365.com', 'password', 'imaps://john:'],
    [
      'a password holding @ in a URL',
      'imaps://john:Hunter2@SecretPw@outlook.office365.com:993/INBOX',
      'password',
      '@outlook.office365.com:993/INBOX',
    ],
    [
      'a proxy password in a URL',
      'https.proxy=http://proxyuser:Hunter2SecretPw@proxy.corp:3128',
      'password',
      'proxyuser',
    ],
    ['an XML password', '<password>Hunter2SecretPw</password>', 'password', '</password>'],
    ['an XML client secret', '<clientSecret>Hunter2SecretPw</clientSecret>', 'client-secret', '<clientSecret>'],
    ['an XML CDATA password', '<password><![CDATA[Hunter2SecretPw]]></password>', 'password', '</password>'],
    [
      'a JSON authorization code',
      '{"code": "0.AXkAHunter2SecretPwHunter2SecretPw", "state": "abc"}',
      'authorization-code',
      '"state": "abc"',
    ],
    [
      'a code at the start of a form body',
      'code=Hunter2SecretPwAbc&grant_type=authorization_code',
      'authorization-code',
      'grant_type',
    ],
    [
      'a Microsoft personal-account refresh token',
      'refresh: M.C507_BAY.0.U.-CgHunter2SecretPw*Abc!Def$Ghi',
      'refresh-token',
      'refresh: ',
    ],
    ['an older personal-account refresh token', 'M.R3_BAY.CbcHunter2SecretPw*!0Tvu8MfjpRx', 'refresh-token', ''],
  ])('%s', (_name, text, kind, kept) => {
    const { out, kinds } = redactLine(text);
    expect(out).not.toMatch(/Hunter2|SecretPw/);
    expect(out).toContain(kept);
    expect(kinds).toEqual([kind]);
    expect(hinted(text)).toBe(true);
  });

  const xoauth2 = Buffer.from(`user=jira@contoso.com\x01auth=Bearer ${SECRETS.accessToken}\x01\x01`).toString('base64');
  const plain = Buffer.from('\0jira@contoso.com\0Summer2023!Secret').toString('base64');

  it('redacts the IMAP XOAUTH2 argument but keeps the command words the rules look for', () => {
    const text = `DEBUG IMAPS: A1 AUTHENTICATE XOAUTH2 ${xoauth2}\nDEBUG IMAPS: A1 NO AUTHENTICATE failed.`;
    const out = redactText(text);
    expect(out).toBe(
      'DEBUG IMAPS: A1 AUTHENTICATE XOAUTH2 [redacted bearer credential]\nDEBUG IMAPS: A1 NO AUTHENTICATE failed.',
    );
    const d = diagnose(text);
    expect(d.secrets).toEqual([{ kind: 'authorization-header', line: 1 }]);
    expect(JSON.stringify(d)).not.toContain(xoauth2.slice(10, 40));
  });

  it('redacts the IMAP PLAIN argument as a password', () => {
    const { out, kinds } = redactLine(`A2 AUTHENTICATE PLAIN ${plain}`);
    expect(out).toBe('A2 AUTHENTICATE PLAIN [redacted password]');
    expect(kinds).toEqual(['password']);
  });

  it('redacts an XOAUTH2 response sent on its own line after the server prompt', () => {
    expect(redactLine(xoauth2).out).toBe('[redacted bearer credential]');
    expect(hinted(xoauth2)).toBe(true);
  });

  it("takes the value promised by `password:` from after the next line's timestamp, not the date", async () => {
    const log = [
      '2024-05-02 10:00:00,000+0000 DEBUG mail.smtp password:',
      '2024-05-02 10:00:01,000+0000 Hunter2SecretPass AADSTS50126 Error validating credentials',
      '2024-05-02T10:00:02.5Z Hunter2SecretPass',
      '',
    ].join('\n');
    for (const d of [diagnose(log), await diagnoseStream([Buffer.from(log)])]) {
      expect(d.secrets.map((s) => s.line)).toContain(2);
      expect(JSON.stringify(d)).not.toContain('Hunter2SecretPass');
    }
  });

  it.each([
    'DEBUG IMAPS: AUTHENTICATE XOAUTH2 command result: A1 OK AUTHENTICATE completed.',
    'DEBUG IMAPS: AUTHENTICATE PLAIN command trace suppressed',
    'DEBUG IMAPS: AUTHENTICATE XOAUTH2 Successfully',
  ])('leaves IMAP trace words alone: %s', (line) => {
    expect(redactLine(line)).toEqual({ out: line, kinds: [], notes: [] });
  });
});

describe('error codes are not taken for secrets', () => {
  it.each([
    'Error code: InvalidAuthenticationToken Error message: CompactToken parsing failed with error code: 80049217',
    'com.microsoft.graph.http.GraphServiceException: Error code: ErrorAccessDenied Error message: Access is denied.',
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}',
    '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}',
    '{"error":{"code":"MailboxNotEnabledForRESTAPI","message":"REST API is not yet supported for this mailbox."}}',
    'error code=InvalidAuthenticationToken',
    'WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"',
    'https://graph.microsoft.com:443/v1.0/me/messages?$filter=from/emailAddress/address eq a@b.com',
  ])('%s', (line) => {
    expect(redactLine(line)).toEqual({ out: line, kinds: [], notes: [] });
  });
});

describe('tokens are found in one pass and decoded only when whole', () => {
  const token = makeJwt({ aud: 'https://graph.microsoft.com' });

  it('decodes a whole token and keeps a full stop after it', () => {
    const { out, kinds } = redactLine(`token: ${token}.`);
    expect(out).toBe('token: [redacted access token aud=https://graph.microsoft.com].');
    expect(kinds).toEqual(['access-token']);
  });

  it('decodes a token pasted without its signature', () => {
    const [header, payload] = token.split('.');
    expect(redactLine(`token: ${header}.${payload}`).kinds).toEqual(['access-token']);
  });

  it.each([
    ['a header alone', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9'],
    ['an encrypted token (five parts)', `${token.split('.')[0]}.AAAAAAAAAAAA.BBBBBBBB.CCCCCCCC.DDDDDDDD`],
    ['a header and a payload that is not base64 JSON', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ-not-json'],
  ])('calls %s a malformed token, redacted with a note', (_name, text) => {
    const { out, kinds, notes } = redactLine(`access token: ${text}`);
    expect(out).toBe('access token: [redacted token]');
    expect(kinds).toEqual(['malformed-token']);
    expect(notes).toHaveLength(1);
  });

  it.each([
    ['no dots', 'eyJhbGciOiJub25lIn0'],
    ['four parts', `${token}.eyJ`],
    ['an empty header', `.${token.split('.')[1]}`],
    ['only dots', '...'],
  ])('decodeJwt answers safely for %s', (_name, text) => {
    expect(decodeJwt(text)).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});

describe('secrets a reviewer still found shown, each with a signature after it on the line', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it.each([
    [
      'a URL whose user is an email address',
      'imaps://svc@contoso.com:S3cr3tPass@outlook.office365.com:993',
      'S3cr3tPass',
      'imaps://svc@contoso.com:[redacted password]@outlook.office365.com:993',
      'password',
    ],
    [
      'a URL-encoded email user and a password holding @',
      'imaps://svc%40contoso.com:S3cr3tP%40ss@outlook.office365.com',
      'S3cr3tP',
      'imaps://svc@contoso.com:[redacted password]@outlook.office365.com',
      'password',
    ],
    [
      'an environment variable ending in CLIENT_SECRET',
      'AZURE_CLIENT_SECRET=Xk28Q-Jt0bP3nGq8vTzLw5m',
      'Xk28Q',
      'AZURE_CLIENT_SECRET=[redacted client secret]',
      'client-secret',
    ],
    [
      'a name glued to SECRET with _',
      'MS_SECRET=Ab3dEf9hIj',
      'Ab3dEf9hIj',
      'MS_SECRET=[redacted client secret]',
      'client-secret',
    ],
    [
      'a name glued to PASSWORD with _',
      'JIRA_MAIL_PASSWORD=Summer2023!Secret',
      'Summer2023',
      'JIRA_MAIL_PASSWORD=[redacted password]',
      'password',
    ],
    ['a bare secret field', 'secret=Ab3dEf9hIj', 'Ab3dEf9hIj', 'secret=[redacted client secret]', 'client-secret'],
    [
      'an Azure "Secret value" label',
      'Secret value: Ab3dEf9hIj',
      'Ab3dEf9hIj',
      'Secret value: [redacted client secret]',
      'client-secret',
    ],
    ['a credentials field', 'credentials=Ab3dEf9hIj', 'Ab3dEf9hIj', 'credentials=[redacted password]', 'password'],
    [
      'a credential field with a colon',
      'Credential: Ab3dEf9hIj',
      'Ab3dEf9hIj',
      'Credential: [redacted password]',
      'password',
    ],
    ['a token field', 'token=Ab3dEf9hIj', 'Ab3dEf9hIj', 'token=[redacted access token]', 'access-token'],
    ['a pass field', 'pass=Ab3dEf9hIj', 'Ab3dEf9hIj', 'pass=[redacted password]', 'password'],
    ['an api key field', 'api key: Ab3dEf9hIj', 'Ab3dEf9hIj', 'api key: [redacted password]', 'password'],
    ['an apikey field', 'ApiKey=Ab3dEf9hIj', 'Ab3dEf9hIj', 'ApiKey=[redacted password]', 'password'],
    [
      'a lower-case bearer header',
      'authorization: bearer EwBwA8l6BAAUkj1oGt9Xw2',
      'EwBwA8l6',
      'authorization: bearer [redacted bearer credential]',
      'authorization-header',
    ],
    [
      'an upper-case BEARER',
      'Authorization: BEARER EwBwA8l6BAAUkj1oGt9Xw2',
      'EwBwA8l6',
      'Authorization: BEARER [redacted bearer credential]',
      'authorization-header',
    ],
    [
      'an NTLM header',
      'Authorization: NTLM TlRMTVNTUAADAAAAGAAYAHAAAAA=',
      'TlRMTVNTUAAD',
      'Authorization: NTLM [redacted bearer credential]',
      'authorization-header',
    ],
    [
      'a Negotiate header',
      'Proxy-Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag',
      'YIIGhgYG',
      'Proxy-Authorization: Negotiate [redacted bearer credential]',
      'authorization-header',
    ],
    [
      'a Digest header',
      'Authorization: Digest username="jira", realm="mail", nonce="dcd98b71", uri="/", response="6629fae49393a053974"',
      '6629fae4',
      'Authorization: Digest [redacted password]',
      'password',
    ],
    [
      'SMTP AUTH PLAIN',
      `C: AUTH PLAIN ${b64('\0svc@contoso.com\0S3cr3tPass')}`,
      b64('\0svc@contoso.com\0S3cr3tPass').slice(4, 24),
      'C: AUTH PLAIN [redacted password]',
      'password',
    ],
    [
      'SMTP AUTH LOGIN',
      `AUTH LOGIN ${b64('svc@contoso.com')}`,
      b64('svc@contoso.com').slice(4),
      'AUTH LOGIN [redacted password]',
      'password',
    ],
    [
      'SMTP AUTH XOAUTH2',
      `AUTH XOAUTH2 ${b64('user=svc@contoso.com\x01auth=Bearer ya29.S3cr3tPass\x01\x01')}`,
      b64('user=svc@contoso.com\x01auth=Bearer ya29.S3cr3tPass\x01\x01').slice(20, 60),
      'AUTH XOAUTH2 [redacted bearer credential]',
      'authorization-header',
    ],
    ['POP3 PASS', 'PASS S3cr3tPass', 'S3cr3tPass', 'PASS [redacted password]', 'password'],
    ['POP3 PASS after C:', 'C: PASS S3cr3tPass', 'S3cr3tPass', 'C: PASS [redacted password]', 'password'],
    [
      'IMAP LOGIN, keeping the user',
      'A1 LOGIN svc@contoso.com S3cr3tPass',
      'S3cr3tPass',
      'A1 LOGIN svc@contoso.com [redacted password]',
      'password',
    ],
    [
      'IMAP LOGIN with quoted arguments',
      'a001 LOGIN "svc" "S3cr3t Pass"',
      'S3cr3t',
      'a001 LOGIN "svc" [redacted password]',
      'password',
    ],
    [
      'an SMTP Password: prompt and its answer on one line',
      `334 UGFzc3dvcmQ6 ${b64('S3cr3tPass')}`,
      b64('S3cr3tPass'),
      '334 UGFzc3dvcmQ6 [redacted password]',
      'password',
    ],
    [
      'a keyed XML entry',
      '<entry key="password">S3cr3tPass</entry>',
      'S3cr3tPass',
      '<entry key="password">[redacted password]</entry>',
      'password',
    ],
    [
      'an app.config add element',
      '<add key="ClientSecret" value="S3cr3tPass"/>',
      'S3cr3tPass',
      '<add key="ClientSecret" value="[redacted client secret]"/>',
      'client-secret',
    ],
    [
      'a JSON name/value pair',
      '{"name":"client_secret","value":"S3cr3tPass"}',
      'S3cr3tPass',
      '{"name":"client_secret","value":"[redacted client secret]"}',
      'client-secret',
    ],
    [
      'a CLI flag with a space',
      'mhd --client-secret S3cr3tPass',
      'S3cr3tPass',
      'mhd --client-secret [redacted client secret]',
      'client-secret',
    ],
    ['a CLI flag with =', 'mhd --password=S3cr3tPass', 'S3cr3tPass', 'mhd --password=[redacted password]', 'password'],
    ['a full-width colon', 'password：S3cr3tPass', 'S3cr3tPass', 'password：[redacted password]', 'password'],
  ])('%s', (_name, text, secret, redactedLine, kind) => {
    const line = `${text} Invalid audience`;
    expect(redactText(line)).toBe(`${redactedLine} Invalid audience`);
    const d = diagnose(line);
    expect(JSON.stringify(d)).not.toContain(secret);
    expect(d.secrets.map((s) => s.kind)).toEqual([kind]);
    expect(hinted(line)).toBe(true);
  });

  it.each([
    'DEBUG IMAPS: protocolConnect login, host=outlook.office365.com, user=jira@contoso.com, password=<non-null>',
    'Error code: InvalidAuthenticationToken Error message: CompactToken parsing failed with error code: 80049217',
    'token_type: Bearer',
    'token_type=Bearer&expires_in=3600',
    '{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599}',
    'WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"',
    'Secret ID: 8f2b6a1e-3c4d-4e5f-9a0b-1c2d3e4f5a6b',
    'Client secret ID: 8f2b6a1e-3c4d-4e5f-9a0b-1c2d3e4f5a6b',
    'Error refreshing token: java.net.UnknownHostException: login.microsoftonline.com',
    'Error refreshing token: AADSTS700082: The refresh token has expired due to inactivity.',
    'Error refreshing token: invalid_grant',
    '250-AUTH LOGIN PLAIN XOAUTH2',
    'DEBUG SMTP: AUTH LOGIN failed',
    'DEBUG IMAPS: LOGIN command result: A1 OK LOGIN completed.',
    '334 VXNlcm5hbWU6',
    'Authorization: NTLM',
    '<add key="TokenEndpoint" value="https://login.microsoftonline.com/common/oauth2/v2.0/token"/>',
    '{"name":"Tenant","value":"contoso.onmicrosoft.com"}',
    'mhd --token-endpoint https://login.microsoftonline.com/common/oauth2/v2.0/token',
    'The bearer token was rejected; check credentials and try again. Users must pass MFA.',
  ])('leaves alone: %s', (text) => {
    const line = `${text} Invalid audience`;
    expect(redactLine(line)).toEqual({ out: line, kinds: [], notes: [] });
  });
});
