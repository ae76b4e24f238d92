import { describe, expect, it } from 'vitest';
import { isLogFileName, shouldAutoReply } from '../../src/chat/policy.js';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';

describe('what both chat adapters share', () => {
  it.each([
    ['atlassian-jira-incoming-mail.log', true],
    ['atlassian-jira.log.1', true],
    ['atlassian-jira.log.12.gz', true],
    ['catalina.out', true],
    ['notes.TXT', true],
    ['logs.gz', true],
    ['screenshot.png', false],
    ['report.docx', false],
    ['log', false],
  ])('reads %s as a log file: %s', (name, expected) => {
    expect(isLogFileName(name)).toBe(expected);
  });

  it('auto-replies to a confirmed problem and stays quiet for a merely possible one', () => {
    const seed = (name: string) => fixture('seed', name);
    expect(shouldAutoReply(diagnose(`${seed('rc1-incoming-mail.log')}${seed('rc1-scopes.txt')}`))).toBe(true);
    expect(shouldAutoReply(diagnose(seed('rc1-incoming-mail.log')))).toBe(false);
    expect(shouldAutoReply(diagnose('client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2 hello'))).toBe(false);
  });
});
