import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

const SEED_IDS = ['graph-scope-domain-prefix', 'sovereign-graph-endpoint-hardcoded', 'graph-token-for-wrong-resource'];
const seedIds = (text: string) => diagnose(text).findings.filter((f) => SEED_IDS.includes(f.id));

describe('near-misses give no seed finding', () => {
  it.each([
    ['correct bare scopes with no error', 'near-miss-bare-scopes.txt'],
    ['IMAP scopes on a healthy IMAP handler', 'near-miss-imap-healthy.log'],
    ['an unrelated Jira start-up failure', 'near-miss-jira-startup.log'],
    ['an outgoing SMTP 535 error', 'near-miss-smtp-535.log'],
  ])('%s', (_name, file) => {
    expect(seedIds(fixture('seed', file))).toEqual([]);
  });

  it('reads the IMAP handler facts from the healthy log', () => {
    const d = diagnose(fixture('seed', 'near-miss-imap-healthy.log'));
    expect(d.facts).toMatchObject({ protocol: 'imap', handler: 'jira' });
  });

  it('answers "nothing found" with where the logs are, not a guess', () => {
    const d = diagnose('Everything is fine, the mail handler is green.');
    expect(d.findings).toEqual([]);
    expect(d.notes.join(' ')).toContain('atlassian-jira-incoming-mail.log');
  });

  it('does not take "Error code: InvalidAuthenticationToken" for an authorization code', () => {
    const d = diagnose(fixture('seed', 'rc2-graph-error.log'));
    expect(d.secrets).toEqual([]);
    expect(d.facts.errorCodes).toContain('InvalidAuthenticationToken');
  });
});
