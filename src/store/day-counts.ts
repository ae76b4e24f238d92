import type { Diagnosis } from '../core/types.js';
import type { Door, Report, RuleReport, UnknownReport, Verdict } from './port.js';

// Learning records as counters per day (Redis and memory keep them so; SQLite keeps rows and counts with SQL):
// `answers`, `unknown`, `a|<rule>|<door>` per answer with that finding, `f|<rule>|<door>|<verdict>` per verdict.
// A day is the unit: the report of "the last 7 days" counts the whole of the first day.

export const DAY_MS = 24 * 60 * 60 * 1000;

export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The days from `since` to `now`, oldest first. */
export function daysBetween(since: number, now: number): string[] {
  const out: string[] = [];
  for (let at = Math.floor(since / DAY_MS) * DAY_MS; at <= now; at += DAY_MS) out.push(dayOf(at));
  return out;
}

/** The counters one answer adds to its day. */
export function answerCounts(door: Door, d: Diagnosis): Record<string, number> {
  const counts: Record<string, number> = { answers: 1 };
  if (d.findings.length === 0) counts.unknown = 1;
  for (const id of new Set(d.findings.map((f) => f.id))) counts[`a|${id}|${door}`] = 1;
  return counts;
}

export const feedbackCount = (rule: string, door: Door, verdict: Verdict) => `f|${rule}|${door}|${verdict}`;

/** The report from each day's counters (oldest first) and the unknowns seen since. */
export function reportFromDays(
  days: { day: string; counts: Record<string, number> }[],
  unknowns: UnknownReport[],
  since: number,
  span: number,
): Report {
  const rules = new Map<string, RuleReport>();
  let answers = 0;
  let unknownAnswers = 0;
  for (const { day, counts } of days) {
    answers += counts.answers ?? 0;
    unknownAnswers += counts.unknown ?? 0;
    for (const [field, n] of Object.entries(counts)) {
      const [kind, rule, door, verdict] = field.split('|');
      if ((kind !== 'a' && kind !== 'f') || !rule || !door) continue;
      let r = rules.get(rule);
      if (!r) {
        r = { rule, answers: 0, fixed: 0, notIt: 0, byDoor: {}, days: [] };
        rules.set(rule, r);
      }
      r.byDoor[door] ??= { answers: 0, fixed: 0, notIt: 0 };
      let entry = r.days.find((x) => x.day === day);
      if (!entry) {
        entry = { day, answers: 0, fixed: 0, notIt: 0 };
        r.days.push(entry);
      }
      const key = kind === 'a' ? 'answers' : verdict === 'fixed' ? 'fixed' : 'notIt';
      r[key] += n;
      r.byDoor[door][key] += n;
      entry[key] += n;
    }
  }
  for (const r of rules.values()) r.days.sort((a, b) => a.day.localeCompare(b.day));
  return {
    since: new Date(since).toISOString(),
    days: span,
    answers,
    unknownAnswers,
    rules: [...rules.values()].sort((a, b) => b.answers - a.answers || a.rule.localeCompare(b.rule)),
    unknowns,
  };
}

/** Unknowns most seen first, then most recent. */
export const byCount = (a: UnknownReport, b: UnknownReport) =>
  b.count - a.count || b.lastSeen.localeCompare(a.lastSeen);
