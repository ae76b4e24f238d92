import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBlockKit } from '../../adapters/slack/blocks.js';
import { toAdaptiveCard } from '../../adapters/teams/card.js';
import { startApp } from '../../src/app.js';
import { main } from '../../src/cli.js';
import type { Diagnosis } from '../../src/core/types.js';
import { clearTenantCache } from '../../src/tenant/lookup.js';
import { TEST_DATA_DIR } from '../helpers.js';
import { SlackHarness } from '../slack/harness.js';
import { cardOf, personal, TeamsHarness } from '../teams/helpers.js';
import { microsoftKnows, onlyLoopback, resetNetwork, TENANTS } from '../tenant/helpers.js';

// One paste, every front door: the same Diagnosis, the tenant look-up (played by nock) included.

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const PASTE = `${seed('rc2-graph-error.log')}\nApplication link scopes: ${seed('rc2-scopes.txt').trim()}\nMailbox: servicedesk@${TENANTS['gcc-high'].domain}`;

/** The same message without the ids of kept pastes, which are new on every answer. */
const withoutPasteIds = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v) => (key === 'value' || key === 'id' ? undefined : v));

beforeEach(() => clearTenantCache());
afterEach(() => {
  resetNetwork();
  vi.restoreAllMocks();
});

async function cli(): Promise<Diagnosis> {
  onlyLoopback();
  microsoftKnows('gcc-high');
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const dir = mkdtempSync(join(tmpdir(), 'mhd-'));
  const file = join(dir, 'paste.txt');
  writeFileSync(file, PASTE);
  try {
    expect(await main(['diagnose', file, '--json'], { TENANT_LOOKUP: 'on' })).toBe(0);
  } finally {
    rmSync(dir, { recursive: true });
    vi.restoreAllMocks();
  }
  return JSON.parse(out) as Diagnosis;
}

async function api(): Promise<Diagnosis> {
  onlyLoopback();
  microsoftKnows('gcc-high');
  const app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', TENANT_LOOKUP: 'on' });
  try {
    const res = await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: PASTE }),
    });
    return (await res.json()) as Diagnosis;
  } finally {
    await app.close();
  }
}

describe('one paste gives one answer everywhere', () => {
  it('CLI, JSON API, Slack and Teams give the same findings and notes, the looked-up cloud included', async () => {
    const fromApi = await api();
    expect(fromApi.findings[0]?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(fromApi.notes.join('\n')).toContain(`Microsoft's public metadata for ${TENANTS['gcc-high'].domain}`);

    clearTenantCache();
    const fromCli = await cli();
    expect(fromCli.findings).toEqual(fromApi.findings);
    expect(fromCli.notes).toEqual(fromApi.notes);
    expect(fromCli.facts).toEqual(fromApi.facts);

    clearTenantCache();
    const slack = new SlackHarness();
    await slack.start({ TENANT_LOOKUP: 'on' });
    microsoftKnows('gcc-high');
    try {
      slack.api('chat.postMessage');
      await slack.event({
        type: 'message',
        channel: 'D0ADMIN',
        channel_type: 'im',
        user: 'U0ADMIN',
        text: PASTE,
        ts: '1700000001.000100',
      });
      await slack.exactly(1);
      const posted = slack.calls[0]?.body ?? {};
      // Each answer is recorded under an id of its own (for its feedback buttons); the rest is the same.
      expect(withoutPasteIds(posted.blocks)).toEqual(withoutPasteIds(toBlockKit(fromApi, { answerId: 'any' }).blocks));
    } finally {
      await slack.reset();
    }

    clearTenantCache();
    const teams = new TeamsHarness();
    await teams.start({ TENANT_LOOKUP: 'on' });
    microsoftKnows('gcc-high');
    try {
      teams.catchReplies();
      await teams.post(personal(PASTE));
      expect(withoutPasteIds(cardOf(teams.sent[0]))).toEqual(
        withoutPasteIds(toAdaptiveCard(fromApi, { answerId: 'any', feedbackId: 'any' }).card),
      );
    } finally {
      await teams.stop();
    }
  });
});
