import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseStream, redactText } from '../../src/core/index.js';
import { renderJson, renderMarkdown, renderText } from '../../src/render/index.js';
import { allFixtures, SECRETS, spliceSecrets } from '../helpers.js';

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
