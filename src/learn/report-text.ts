import type { Report, UnknownReport } from './learner.js';

// The report in words: for the command line, and the corpus case an unknown becomes. No HTTP, no database.

/** Thrown for a `since` that is not a duration; front doors say its message as it is. */
export class SinceError extends Error {}

/** `30d`, `12h`, `2w` or a plain number of days; 1 to 3650 days. */
export function parseSince(value: string | null | undefined, fallback = 30): number {
  if (value === null || value === undefined || value === '') return fallback;
  const m = /^(\d{1,5})\s*([hdw]?)$/i.exec(value.trim());
  if (!m) throw new SinceError('since must be a number of days, or like 30d, 12h or 2w.');
  const n = Number(m[1]);
  const days = m[2]?.toLowerCase() === 'h' ? n / 24 : m[2]?.toLowerCase() === 'w' ? n * 7 : n;
  if (days <= 0 || days > 3650) throw new SinceError('since must be between 1 hour and 3650 days.');
  return days;
}

/** An unknown paste as a corpus case (test/corpus/README.md), with what a person must fill in marked. */
export function unknownAsCase(u: UnknownReport): string {
  const shape = /^\s*(?:\{|")/.test(u.example)
    ? 'json'
    : /\b(?:at |Exception|ERROR|WARN|\d{2}:\d{2}:\d{2})/.test(u.example)
      ? 'log'
      : 'sentence';
  return [
    '---',
    `source: mailhandler-doctor install (${u.door}; first seen ${u.firstSeen.slice(0, 10)}, ${u.count} time${u.count === 1 ? '' : 's'}; ${u.reason})`,
    'ecosystem: jira',
    `shape: ${shape}`,
    'expect: []  # fill in: the rule ids (mailhandler-doctor rules) any of which is the right answer',
    'resolution: (fill in: what fixed it, in your words)',
    '---',
    u.example.trimEnd(),
    '',
  ].join('\n');
}

/** The report for a terminal: per rule, then the unknowns. */
export function renderReport(report: Report & { learning?: boolean }): string {
  const out: string[] = [];
  out.push(`What this install learnt since ${report.since.slice(0, 10)} (${report.days} days)`);
  if (report.unavailable) out.push(`  ${report.unavailable}`);
  out.push(`  ${report.answers} answers, ${report.unknownAnswers} with no finding.`, '');
  if (report.rules.length) {
    const width = Math.max(4, ...report.rules.map((r) => r.rule.length));
    out.push(`${'rule'.padEnd(width)}  answers  fixed  not it  by front door`);
    for (const r of report.rules) {
      const doors = Object.entries(r.byDoor)
        .map(([door, n]) => `${door} ${n.answers}/${n.fixed}/${n.notIt}`)
        .join(', ');
      out.push(
        `${r.rule.padEnd(width)}  ${String(r.answers).padStart(7)}  ${String(r.fixed).padStart(5)}  ${String(r.notIt).padStart(6)}  ${doors}`,
      );
    }
    out.push('  (by front door: answers/fixed/not it)', '');
  }
  if (report.unknowns.length) {
    out.push('Unknown pastes, most seen first (GET /api/report/unknowns/<shape>.txt downloads one as a corpus case):');
    for (const u of report.unknowns) {
      out.push(`  ${u.shape}  seen ${u.count}x, last ${u.lastSeen.slice(0, 10)}, ${u.door}, ${u.reason}: ${u.summary}`);
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
