// Knowledge has a date: every rule names the vendor pages it rests on and when they were last checked, and advice a
// vendor has retired is never given, in any answer to any fixture or corpus case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { listFixtures } from '../../scripts/eval.js';
import { diagnose } from '../../src/core/index.js';
import { RULES } from '../../src/core/rules/index.js';
import { sourcesOf } from '../../src/core/rules/rule.js';

const thisMonth = new Date().toISOString().slice(0, 7);
const RETIRED = RULES.flatMap((r) => (r.retired ?? []).map((x) => ({ rule: r.id, ...x })));

describe('every rule', () => {
  it('names at least one Microsoft or Atlassian page and the month it was last checked', () => {
    for (const r of RULES) {
      expect(sourcesOf(r).length, r.id).toBeGreaterThan(0);
      expect(r.checked, r.id).toMatch(/^20\d\d-(?:0[1-9]|1[0-2])$/);
      expect(r.checked <= thisMonth, `${r.id} checked in the future`).toBe(true);
    }
  });
});

describe('retired advice', () => {
  it('is recognised when written as an instruction (each pattern can fail)', () => {
    const instructions = [
      'Run New-ApplicationAccessPolicy -AppId <id> -PolicyScopeGroupId jira@contoso.com -AccessRight RestrictAccess',
      'Add a permission > Application permissions: Mail.ReadWrite.Shared, then grant admin consent.',
      'Create an app password for the mailbox and put it in the SMTP password field.',
      'Set the port 465 and SSL on.',
      'Set-TransportConfig -SmtpClientAuthenticationDisabled $false',
      'Set-OrganizationConfig -EwsApplicationAccessPolicy EnforceAllowList -EwsAllowList @{Add="JiraAgent*"}',
    ];
    for (const text of instructions)
      expect(
        RETIRED.some((x) => x.never.test(text)),
        text,
      ).toBe(true);
  });

  it('is in no answer to any fixture or corpus case', () => {
    const texts = [...listFixtures().map((f) => readFileSync(f.file, 'utf8')), ...loadCorpus().map((c) => c.text)];
    expect(texts.length).toBeGreaterThan(700);
    const given: string[] = [];
    for (const text of texts) {
      for (const f of diagnose(text).findings) {
        for (const line of [f.cause, ...f.fix]) {
          for (const x of RETIRED) if (x.never.test(line)) given.push(`${f.id}: ${x.advice} — ${line}`);
        }
      }
    }
    expect(given).toEqual([]);
  });
});

describe('Jira 10 and 11 wording', () => {
  // Jira 11 runs on Jakarta Mail (Eclipse Angus): the same exceptions under new package names.
  const toJakarta = (text: string) =>
    text.replace(/\bjavax\.mail\b/g, 'jakarta.mail').replace(/\bcom\.sun\.mail\b/g, 'org.eclipse.angus.mail');

  it('reads jakarta.mail and org.eclipse.angus.mail as it reads javax.mail and com.sun.mail, on every fixture', () => {
    const javaFixtures = listFixtures()
      .map((f) => readFileSync(f.file, 'utf8'))
      .filter((text) => /\b(?:javax|com\.sun)\.mail\b/.test(text));
    expect(javaFixtures.length).toBeGreaterThan(10);
    for (const text of javaFixtures) {
      const before = diagnose(text);
      const after = diagnose(toJakarta(text));
      expect(after.findings.map((f) => f.id)).toEqual(before.findings.map((f) => f.id));
      expect(after.facts.protocol).toEqual(before.facts.protocol);
    }
  });
});
