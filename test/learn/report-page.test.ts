import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { diagnose } from '../../src/core/index.js';
import { createLearner } from '../../src/learn/learner.js';
import { createLogger } from '../../src/logger.js';
import { Store } from '../../src/store/db.js';
import { SqliteState } from '../../src/store/sqlite.js';
import { fixture } from '../helpers.js';

// The report page and the playground's feedback buttons in Chromium, under the same strict CSP as the playground:
// the chart is drawn by the page's own script, offline, and a screenshot of the report is kept in test/artifacts/.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const DAY = 24 * 60 * 60 * 1000;
const KNOWN = fixture('seed', 'rc2-graph-error.log');
const UNKNOWN = (day: number) =>
  `2024-05-${10 + day} 10:00:00,000 ERROR [] Caesium-1-2 ServiceRunner Request ${day}${day}: the ${day % 2 ? 'sprocket' : 'gearbox'} relay answered ${day}`;

describe.skipIf(!existsSync(CHROMIUM))('the report page and the feedback buttons in a real browser (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'mhd-report-'));
    // Two weeks of answers, as a running install would have them, so the chart has days to show.
    let now = Date.now() - 14 * DAY;
    const state = new SqliteState(new Store({ dir, logger: createLogger('silent') }), () => now);
    const learner = createLearner({ records: state.learning, retentionDays: 30, now: () => now });
    const known = diagnose(KNOWN);
    const secret = diagnose('AADSTS7000215: Invalid client secret provided.');
    for (let day = 0; day < 14; day++) {
      for (let i = 0; i <= day % 4; i++) {
        const id = await learner.answered('slack', known, KNOWN);
        if (i === 0)
          await learner.feedback({
            answerId: id,
            rule: known.findings[0]?.id ?? '',
            person: `u${day}`,
            verdict: day % 3 ? 'fixed' : 'not-it',
            door: 'slack',
          });
      }
      await learner.answered('teams', secret, 'AADSTS7000215');
      await learner.answered('playground', diagnose(UNKNOWN(day)), UNKNOWN(day));
      now += DAY;
    }
    await state.close();
    app = await startApp({ PORT: '0', LOG_LEVEL: 'silent', TENANT_LOOKUP: 'off', DATA_DIR: dir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
  });

  afterEach(async () => {
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows each rule with its answers, feedback and a chart per day, and the unknowns with a download', async () => {
    const response = await page.goto(`${app.url}/report`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    // 33 answers with the seed's error (1-4 a day), 14 with an AADSTS code, 14 unknown.
    await expect
      .poll(() => page.locator('#status').textContent())
      .toMatch(/^Since \d{4}-\d{2}-\d{2}: 61 answers, 14 of them with no finding\./);
    const rows = page.locator('#rules tbody tr');
    expect(await rows.count()).toBe(diagnose(KNOWN).findings.length + 1);
    const first = rows.first();
    expect(await first.locator('th').textContent()).toBe('graph-scope-domain-prefix');
    expect(await first.locator('td').nth(0).textContent()).toBe('33');
    expect(await first.locator('td').nth(1).textContent()).toBe('9');
    expect(await first.locator('td').nth(2).textContent()).toBe('5');
    expect(await first.locator('td').nth(3).textContent()).toContain('slack: 33 answered, 9 fixed, 5 not it');
    // One bar per day with answers, drawn as SVG by the page's own script.
    expect(await first.locator('svg.chart rect.bar-answers').count()).toBe(14);
    expect(await first.locator('svg.chart').getAttribute('aria-label')).toMatch(/33 answers over 30 days/);

    const unknowns = page.locator('#unknowns li');
    expect(await unknowns.count()).toBe(2);
    expect(await unknowns.first().textContent()).toMatch(/Seen 7 times/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      unknowns.first().getByRole('link', { name: 'Download as a corpus case' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^unknown-[0-9a-f]{16}\.txt$/);

    await page.screenshot({ path: new URL('report.png', ARTIFACTS).pathname, fullPage: true });

    await page.selectOption('#since', '7d');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Since .*: \d+ answers/);
    expect(Number(await page.locator('#rules tbody tr').first().locator('td').nth(0).textContent())).toBeLessThan(33);
  });

  it('lets the playground say "Fixed it" and "Not it", and keep the paste, in place', async () => {
    await page.goto(`${app.url}/`);
    await page.locator('#paste').fill(KNOWN);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Done/);
    const finding = page.locator('.finding').first();
    await finding.getByRole('button', { name: 'Not it' }).click();
    await expect
      .poll(() => finding.locator('.feedback').textContent())
      .toMatch(/Thanks — recorded\. Would you let this install keep the paste/);
    await finding.getByRole('button', { name: 'Keep this paste (redacted) for the catalogue' }).click();
    await expect
      .poll(() => finding.locator('.feedback').textContent())
      .toBe('Kept, with its secrets removed. Thank you.');
    expect(await page.locator('.finding').count()).toBeGreaterThan(0);
  });
});
