import { describe, expect, it } from 'vitest';
import { toBlockKit } from '../../adapters/slack/blocks.js';
import { toAdaptiveCard } from '../../adapters/teams/card.js';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

// Chat does not run probes (they need the client secret); where a live check would settle an open question, the
// answer says to run `probe` on a machine that reaches Microsoft. Slack and Teams say the same.

const timeout = diagnose(
  'java.net.SocketTimeoutException: Read timed out\n\tat java.net.SocketInputStream.socketRead0',
);
const settled = diagnose(`${fixture('seed', 'rc2-graph-error.log')}\n${fixture('seed', 'rc2-scopes.txt')}`);

describe('the probe hint in chat', () => {
  it('is in the Slack and Teams answers when the open question is which connection failed', () => {
    expect(timeout.questions.map((q) => q.id)).toContain('timeout-host');
    for (const json of [JSON.stringify(toBlockKit(timeout)), JSON.stringify(toAdaptiveCard(timeout))]) {
      expect(json).toMatch(/mailhandler-doctor probe --protocol \w+ --tenant/);
      expect(json).toMatch(/never paste a secret here/);
    }
  });

  it('is not there when the open question is one a probe does not answer (the cloud: the tenant look-up does)', () => {
    expect(settled.questions.map((q) => q.id)).toEqual(['tenant-cloud']);
    for (const json of [JSON.stringify(toBlockKit(settled)), JSON.stringify(toAdaptiveCard(settled))]) {
      expect(json).not.toContain('mailhandler-doctor probe');
    }
  });
});
