import { existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { CSP } from '../../src/playground/index.js';
import { TEST_DATA_DIR } from '../helpers.js';
import { outlookToken, seed } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`Skipping the playground browser test: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}

const LOG = seed('rc1-incoming-mail.log');
const SCOPES = seed('rc1-scopes.txt');
const PREFIX_TITLE = 'The application link writes the Graph address in front of its scopes';
const JSDSERVER = 'https://jira.atlassian.com/browse/JSDSERVER-14090';

// Runs in the page: the WCAG contrast ratio of each element's text against its nearest opaque background.
const CONTRAST_SCRIPT = `(selectors) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = {};
  for (const sel of selectors) {
    const node = document.querySelector(sel);
    if (!node) { out[sel] = null; continue; }
    let bgNode = node;
    let bg = 'rgb(255, 255, 255)';
    while (bgNode) {
      const b = getComputedStyle(bgNode).backgroundColor;
      if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { bg = b; break; }
      bgNode = bgNode.parentElement;
    }
    const [hi, lo] = [lum(getComputedStyle(node).color), lum(bg)].sort((a, b) => b - a);
    out[sel] = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }
  return out;
}`;

/** Every text the page shows with an answer, plus `more`, at 4.5:1 or better against its own background. */
async function expectContrast(p: Page, more: string[]) {
  const selectors = [
    'body',
    'label[for="paste"]',
    '#paste-hint',
    '#diagnose',
    '.finding h3',
    '.badge',
    '.finding a',
    'summary',
    'dt',
    ...more,
  ];
  const ratios = (await p.evaluate(`(${CONTRAST_SCRIPT})(${JSON.stringify(selectors)})`)) as Record<
    string,
    number | null
  >;
  for (const [selector, ratio] of Object.entries(ratios)) {
    expect(ratio, `${selector} is on the page`).not.toBeNull();
    expect(ratio, selector).toBeGreaterThanOrEqual(4.5);
  }
}

describe.skipIf(!hasChromium)('the playground in a real browser (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // Any script error or CSP violation (reported on the console) fails the test that caused it.
    problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
  });

  afterEach(async () => {
    await page.close();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(problems).toEqual([]);
  });

  async function open(p: Page = page) {
    const response = await p.goto(`${app.url}/`);
    expect(response?.status()).toBe(200);
    return response;
  }

  async function diagnosePaste(text: string) {
    await page.getByLabel('Log, stack trace, application link scopes or error message').fill(text);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Done/);
  }

  it('diagnoses the pasted seed log and scopes: root cause, fix steps, facts, and a CSP on the page', async () => {
    const response = await open();
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    // The policy is enforced, not only sent: an inline script injected into the page must not run.
    const ran = await page.evaluate(`(async () => {
      const blocked = new Promise((resolve) =>
        document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true }));
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
      await blocked;
      return window.__inline === true;
    })()`);
    expect(ran).toBe(false);
    problems = problems.filter((p) => !/Content Security Policy/i.test(p));
    await diagnosePaste(`${LOG}\n${SCOPES}`);
    const answer = page.locator('#answer');
    await expect.poll(() => answer.isVisible()).toBe(true);
    expect(await page.locator('#answer-heading').textContent()).toBe('Root cause');
    expect(await page.locator('.finding h3').first().textContent()).toContain(PREFIX_TITLE);
    expect(await page.locator('.finding .badge').first().textContent()).toBe('Confirmed');
    const steps = await page.locator('.finding ol li').allTextContents();
    expect(steps[1]).toContain('Replace the scopes with exactly Mail.ReadWrite offline_access');
    expect(await page.locator('.finding ol li code').first().textContent()).toBe('Mail.ReadWrite offline_access');
    expect(await page.locator('#facts').textContent()).toContain('Microsoft Graph API');
    expect(await page.locator('.evidence li').first().textContent()).toMatch(/^line \d+.*Invalid audience/);
    expect(await page.locator('#secret-warning').isVisible()).toBe(false);
    // The answer heading takes focus, so keyboard and screen-reader users land on the result.
    expect(await page.evaluate('document.activeElement.id')).toBe('answer-heading');
    await page.screenshot({ path: new URL('playground-seed.png', ARTIFACTS).pathname, fullPage: true });
  });

  it('shows the sovereign-cloud cause with its JSDSERVER-14090 link for the second seed case', async () => {
    await open();
    await diagnosePaste(`${seed('rc2-graph-error.log')}\n${seed('rc2-scopes.txt')}`);
    expect(await page.locator('.finding h3').first().textContent()).toContain('government cloud');
    const link = page.locator(`a[href="${JSDSERVER}"]`);
    expect(await link.count()).toBe(1);
    expect(await link.isVisible()).toBe(true);
    expect(await page.locator('.nofix').first().isVisible()).toBe(true);
    await page.screenshot({ path: new URL('playground-sovereign.png', ARTIFACTS).pathname, fullPage: true });
  });

  it('works from the keyboard alone and re-runs when a question button is pressed', async () => {
    await open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('paste');
    await page.locator('#paste').fill(LOG);
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.locator('#answer-heading').textContent())
      .toBe('3 possible causes, most certain first');
    // Focus sits on the answer heading; two Tabs reach the second option of the first question.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(
      'https://graph.microsoft.com/Mail.ReadWrite …',
    );
    // Focus is visible: the focused button draws an outline.
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer-heading').textContent()).toBe('Root cause');
    expect(await page.locator('.finding h3').first().textContent()).toContain(PREFIX_TITLE);
    expect(await page.locator('#paste').inputValue()).toMatch(
      /\nThe application link scopes are: https:\/\/graph\.microsoft\.com\/Mail\.ReadWrite https:\/\/graph\.microsoft\.com\/offline_access$/,
    );
  });

  it('diagnoses an uploaded log file, reads the paste box after it, and re-sends the file for an answer', async () => {
    await open();
    await page.getByLabel('Or choose a log file').setInputFiles({
      name: 'atlassian-jira-incoming-mail.log.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(LOG),
    });
    await expect
      .poll(() => page.locator('#answer-heading').textContent())
      .toBe('3 possible causes, most certain first');
    expect(await page.locator('#file-info').textContent()).toContain('atlassian-jira-incoming-mail.log.gz');
    await page.getByRole('button', { name: 'Mail.ReadWrite offline_access', exact: true }).click();
    await expect.poll(() => page.locator('.finding h3').first().textContent()).toContain('government cloud');
    expect(await page.locator('#answer-heading').textContent()).toBe('Likely root cause');

    await page.getByRole('button', { name: 'Remove the file' }).click();
    await page.locator('#paste').fill(seed('rc2-scopes.txt'));
    await page.getByLabel('Or choose a log file').setInputFiles({
      name: 'rc2-graph-error.log',
      mimeType: 'text/plain',
      buffer: Buffer.from(seed('rc2-graph-error.log')),
    });
    // The first answer may already hold the link: wait for the new answer's own line about what was read.
    await expect.poll(() => page.locator('#input-info').textContent()).toMatch(/^Read \d+ bytes, \d+ lines\.$/);
    expect(await page.locator(`a[href="${JSDSERVER}"]`).count()).toBe(1);
  });

  it("shows the server's answer for a 20 MB binary file, which it recognises from the first bytes", async () => {
    await open();
    await page.locator('#paste').fill(LOG);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect
      .poll(() => page.locator('#answer-heading').textContent())
      .toBe('3 possible causes, most certain first');
    // An archive-like file: the server answers after its first bytes and reads the rest only to drop it.
    const binary = Buffer.alloc(20 * 1024 * 1024, 0);
    await page.locator('#paste').fill('');
    await page.getByLabel('Or choose a log file').setInputFiles({
      name: 'export.zip',
      mimeType: 'application/zip',
      buffer: binary,
    });
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toMatch(/^Done/);
    expect(await page.locator('#answer').textContent()).toMatch(/looks binary/);
    expect(await page.locator('#answer').textContent()).not.toContain(PREFIX_TITLE);
  });

  it('accepts a log file dropped on the file box', async () => {
    await open();
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(seed('rc2-graph-error.log') + seed('rc2-scopes.txt'))}], 'dropped.log'));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => page.locator(`a[href="${JSDSERVER}"]`).count()).toBe(1);
    expect(await page.locator('#file-info').textContent()).toContain('dropped.log');
  });

  it('shows upload progress for a big file', async () => {
    await open();
    // Slow the upload down so progress events arrive before it completes.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await page.evaluate(`(() => {
      window.progressSeen = [];
      new MutationObserver(() => window.progressSeen.push(document.getElementById('progress').value))
        .observe(document.getElementById('progress'), { attributes: true });
    })()`);
    const big = Buffer.from(
      `${'2023-08-16 14:58:26,225+0000 INFO [] Caesium-1-4 ServiceRunner mail pull ok\n'.repeat(20_000)}${LOG}`,
    );
    await page
      .getByLabel('Or choose a log file')
      .setInputFiles({ name: 'big.log', mimeType: 'text/plain', buffer: big });
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Done/);
    const seen = (await page.evaluate('window.progressSeen')) as number[];
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    expect(await page.locator('#progress-box').isVisible()).toBe(false);
    expect(await page.locator('#answer-heading').textContent()).toBe('3 possible causes, most certain first');
    expect(await page.locator('#input-info').textContent()).toMatch(/^Read 1\.\d MB, 20038 lines\.$/);
  });

  it('never puts a pasted token on the page, warns to rotate it, and keeps its facts for re-runs', async () => {
    await open();
    const token = outlookToken();
    await diagnosePaste(`${LOG}\nAuthorization: Bearer ${token}`);
    const warning = page.locator('#secret-warning');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toMatch(/access token; line \d+\).*rotate/s);
    expect(await page.locator('#facts').textContent()).toContain('https://outlook.office.com');
    const noToken = async () => {
      const html = await page.content();
      const box = await page.locator('#paste').inputValue();
      for (const piece of [token, token.split('.')[1] ?? token]) {
        expect(html).not.toContain(piece);
        expect(box).not.toContain(piece);
      }
    };
    await noToken();
    expect(await page.locator('#paste').inputValue()).toContain('[removed: this line held a secret]');
    expect(await page.locator('#status').textContent()).toMatch(/removed from the paste box/);
    await page.screenshot({ path: new URL('playground-secret.png', ARTIFACTS).pathname, fullPage: true });
    // Diagnosing the unchanged box again uses the original held in memory, so the token's audience still counts.
    await page.locator('#status').evaluate((n) => {
      n.textContent = '';
    });
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Done/);
    expect(await page.locator('#facts').textContent()).toContain('https://outlook.office.com');
    expect(await page.locator('.finding h3').first().textContent()).toContain('token is for Exchange');
    await noToken();
  });

  it('previews the exact Slack Block Kit and Teams Adaptive Card JSON behind a toggle', async () => {
    await open();
    await diagnosePaste(`${LOG}\n${SCOPES}`);
    const slack = page.locator('#slack-json');
    expect(await slack.isVisible()).toBe(false);
    await page.getByText('Preview the Slack and Teams messages').click();
    expect(await slack.isVisible()).toBe(true);
    const blocks = JSON.parse((await slack.textContent()) ?? '');
    expect(blocks.blocks[0].type).toBe('header');
    expect(JSON.stringify(blocks)).toContain(PREFIX_TITLE);
    const teams = JSON.parse((await page.locator('#teams-json').textContent()) ?? '');
    expect(teams.card.type).toBe('AdaptiveCard');
  });

  it('asks for input instead of sending an empty paste', async () => {
    await open();
    await page.getByRole('button', { name: 'Diagnose' }).click();
    expect(await page.locator('#status').textContent()).toBe('Paste a log or error first, or choose a log file.');
    expect(await page.evaluate('document.activeElement.id')).toBe('paste');
    expect(await page.locator('#answer').isVisible()).toBe(false);
  });

  it('reads a log over MAX_UPLOAD_MB from its end, says so in words, and refuses a .gz over it with a sentence', async () => {
    // 0.01 MB holds the seed log (6 KB) but not the routine lines written before it.
    const small = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', MAX_UPLOAD_MB: '0.01' });
    try {
      await page.goto(`${small.url}/`);
      const big = `${'2024-03-04 09:00:00,000 DEBUG routine line\n'.repeat(2000)}${LOG}`;
      await page.getByLabel('Or choose a log file').setInputFiles({
        name: 'big.log',
        mimeType: 'text/plain',
        buffer: Buffer.from(big),
      });
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Done/);
      expect(await page.locator('#status').textContent()).toMatch(
        /big\.log is [\d.]+ KB, more than the 10\.2 KB this server reads, so its last [\d.]+ (?:KB|bytes) \(the newest lines\) were read\./,
      );
      // The newest lines hold the failure: the answer is the seed log's, not "nothing found".
      expect(await page.locator('.finding').count()).toBeGreaterThan(0);

      await page.getByLabel('Or choose a log file').setInputFiles({
        name: 'big.log.gz',
        mimeType: 'application/gzip',
        buffer: Buffer.concat([gzipSync(big), Buffer.alloc(16 * 1024, 7)]),
      });
      await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('error');
      expect(await page.locator('#status').textContent()).toMatch(/a \.gz cannot be read from its end\. Unpack it/);
      expect(await page.locator('#answer').isVisible()).toBe(false);
    } finally {
      await small.close();
    }
  });

  it('answers a damaged .gz in words, with no earlier answer left under it', async () => {
    await open();
    await diagnosePaste(`${seed('rc2-graph-error.log')}\n${seed('rc2-scopes.txt')}`);
    const whole = gzipSync(LOG);
    await page.getByLabel('Or choose a log file').setInputFiles({
      name: 'incoming.log.gz',
      mimeType: 'application/gzip',
      buffer: whole.subarray(0, 40),
    });
    await expect
      .poll(() => page.locator('#notes').textContent())
      .toMatch(/gzip (?:file|data) is damaged or incomplete/);
    expect(await page.locator('#status').textContent()).toMatch(/^Done/);
    expect(await page.locator('#notes').textContent()).not.toMatch(/longer than the size limit/);
  });

  it('fits a phone (390 px): question buttons wrap inside the screen, and the heading matches the first card', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
    try {
      await open(phone);
      await phone.locator('#paste').fill(LOG);
      await phone.keyboard.press('Control+Enter');
      await expect.poll(() => phone.locator('#status').textContent()).toMatch(/^Done/);
      const outside = await phone.evaluate(`[...document.querySelectorAll('button, .finding, pre, code')]
        .filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((n) => n.textContent.slice(0, 60))`);
      expect(outside).toEqual([]);
      expect(
        await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: new URL('playground-phone-390.png', ARTIFACTS).pathname, fullPage: true });
      await phone.getByRole('button', { name: 'https://graph.microsoft.com/Mail.ReadWrite …' }).click();
      await expect.poll(() => phone.locator('.badge').first().textContent()).toBe('Confirmed');
      // A confirmed first card is never headed "possible causes".
      expect(await phone.locator('#answer-heading').textContent()).toMatch(
        /^Root cause(?:, and \d+ more to rule out)?$/,
      );
    } finally {
      await phone.close();
    }
  });

  it('follows the system dark mode, with every text still at 4.5:1', async () => {
    const dark = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: 'dark' });
    try {
      await open(dark);
      await dark.locator('#paste').fill(LOG);
      await dark.keyboard.press('Control+Enter');
      await expect.poll(() => dark.locator('#status').textContent()).toMatch(/^Done/);
      const background = await dark.evaluate('getComputedStyle(document.documentElement).backgroundColor');
      expect(background).toBe('rgb(20, 23, 27)');
      await expectContrast(dark, ['.question button']);
      await dark.screenshot({ path: new URL('playground-dark.png', ARTIFACTS).pathname, fullPage: true });
    } finally {
      await dark.close();
    }
  });

  it('runs the live check from the page: steps in a table, the answer below, the secret field emptied and never shown', async () => {
    const secret = 'Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2';
    nock('https://login.microsoftonline.com')
      .get('/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration')
      .reply(200, {
        issuer: 'https://login.microsoftonline.com/8a7c3e1f-2b4d-4c6e-9f01-23456789abcd/v2.0',
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
      })
      .post('/contoso.onmicrosoft.com/oauth2/v2.0/token')
      .reply(401, {
        error: 'invalid_client',
        error_description:
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b'.",
      });
    await open();
    await page.locator('#probe summary').click();
    await page.getByLabel('Tenant (domain or ID)').fill('contoso.onmicrosoft.com');
    await page.getByLabel('Application (client) ID').fill('6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b');
    await page.getByLabel('Mailbox address').fill('support@contoso.com');
    await page.getByLabel('Client secret (value)').fill(secret);
    await page.getByRole('button', { name: 'Run the live check' }).click();
    await expect
      .poll(() => page.locator('#probe-status').textContent())
      .toBe('A step failed: the answer below says why.');
    expect(await page.locator('#probe-steps tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^tenantok/),
      expect.stringMatching(/^tokenfailed.*AADSTS7000215/),
    ]);
    expect(await page.locator('.finding h3').first().textContent()).toMatch(/secret/i);
    expect(await page.getByLabel('Client secret (value)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
  });

  it('labels every control, passes contrast, and reads at 200% zoom without sideways scrolling', async () => {
    // 640 CSS pixels wide at device scale 2 is what a 1280-pixel window shows at 200% zoom.
    const zoomed = await browser.newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    try {
      await open(zoomed);
      await zoomed.locator('#paste').fill(`${seed('rc2-graph-error.log')}\n${seed('rc2-scopes.txt')}`);
      await zoomed.keyboard.press('Control+Enter');
      await expect.poll(() => zoomed.locator('#status').textContent()).toMatch(/^Done/);
      const unlabeled =
        await zoomed.evaluate(`[...document.querySelectorAll('input, textarea, button, select, summary, a')]
        .filter((n) => !(n.labels?.length || n.getAttribute('aria-label') || n.textContent.trim()))
        .map((n) => n.outerHTML)`);
      expect(unlabeled).toEqual([]);
      const overflow = await zoomed.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectContrast(zoomed, ['.evidence .line', '.nofix', '.question button']);
      await zoomed.screenshot({ path: new URL('playground-zoom-200.png', ARTIFACTS).pathname, fullPage: true });
    } finally {
      await zoomed.close();
    }
  });
});
