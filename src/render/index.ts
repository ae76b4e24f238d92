import type { Diagnosis } from '../core/types.js';
import { describeFacts, headline, secretWarning } from './summary.js';

export { describeFacts, headline, secretWarning } from './summary.js';

export const renderJson = (d: Diagnosis): string => JSON.stringify(d, null, 2);

/** For a terminal: plain text, indented, no markup. */
export function renderText(d: Diagnosis): string {
  const out: string[] = [];
  const warning = secretWarning(d, 'here');
  if (warning) out.push(`WARNING: ${warning}`, '');
  out.push(
    headline(d),
    describeFacts(d.facts)
      .map((f) => `${f.label}: ${f.value}`)
      .join(' | '),
    '',
  );
  for (const [i, f] of d.findings.entries()) {
    out.push(`${i + 1}. ${f.title}  [${f.confidence}] (${f.id})`);
    out.push(`   Cause: ${f.cause}`);
    if (!f.fixAvailable) out.push('   No fix is available yet; the steps below are the workaround.');
    out.push('   Fix:');
    for (const [n, step] of f.fix.entries()) out.push(`     ${n + 1}. ${step}`);
    if (f.evidence.length) {
      out.push('   Evidence:');
      for (const e of f.evidence) out.push(`     line ${e.line}: ${e.text}`);
    }
    out.push('   Links:');
    for (const l of f.links) out.push(`     - ${l.title}: ${l.url}`);
    out.push('');
  }
  for (const q of d.questions)
    out.push(`Question: ${q.text}`, `  Options: ${q.options.map((o) => o.label).join(' / ')}`);
  for (const n of d.notes) out.push(`Note: ${n}`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** Escapes markdown outside `code spans`, which are kept verbatim so scopes copy exactly (offline_access, not offline\_access). */
const md = (s: string) =>
  s
    .split(/(`[^`\n]{1,2000}`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_[\]<>|])/g, '\\$1')))
    .join('');

/** For GitHub, Jira comments and chat tools that speak markdown. */
export function renderMarkdown(d: Diagnosis): string {
  const out: string[] = [];
  const warning = secretWarning(d, 'here');
  if (warning) out.push(`> **Warning:** ${md(warning)}`, '');
  out.push(
    `## ${md(headline(d))}`,
    '',
    describeFacts(d.facts)
      .map((f) => `**${f.label}:** ${md(f.value)}`)
      .join(' · '),
    '',
  );
  for (const f of d.findings) {
    out.push(`### ${md(f.title)} — ${f.confidence}`, '', `\`${f.id}\``, '', md(f.cause), '');
    if (!f.fixAvailable) out.push('_No fix is available yet; the steps below are the workaround._', '');
    for (const [n, step] of f.fix.entries()) out.push(`${n + 1}. ${md(step)}`);
    if (f.evidence.length) {
      out.push('', '```', ...f.evidence.map((e) => `${e.line}: ${e.text.replace(/```/g, "'''")}`), '```');
    }
    out.push('', ...f.links.map((l) => `- [${md(l.title)}](${l.url})`), '');
  }
  for (const q of d.questions) out.push(`**${md(q.text)}** ${q.options.map((o) => md(o.label)).join(' / ')}`, '');
  for (const n of d.notes) out.push(`_${md(n)}_`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
