import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFixtures } from '../../scripts/eval.js';
import { diagnose } from '../../src/core/index.js';

// Unrelated lines from busy Jira logs: none of them is about the mail handler.
const NOISE = [
  '2024-03-04 09:14:59,001+0000 INFO [c.a.j.p.webhooks.WebhookPublisher] Published 3 webhooks in 12 ms',
  '2024-03-04 09:15:00,220+0000 WARN [c.a.plugin.osgi.factory] Plugin com.example.widgets is slow to respond',
  '2024-03-04 09:15:01,000+0000 INFO [c.a.jira.index.DefaultIndexManager] Reindexed 120 issues in 1.3 s',
  '04-Mar-2024 09:15:02.101 INFO [http-nio-8080-exec-7] org.apache.catalina.core.StandardContext.reload Reloading context',
  '[GC (Allocation Failure) [PSYoungGen: 524800K->21504K(611840K)] 1048576K->545280K(2010112K), 0.0312 secs]',
  '2024-03-04 09:15:03,456+0000 INFO [c.a.jira.startup.JiraStartupLogger] Database connection pool: 20 active, 5 idle',
  '2024-03-04 09:15:04,789+0000 DEBUG [c.a.jira.cluster.ClusterMessagingService] Heartbeat from node-2 received',
  '    at org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:61)',
  '2024-03-04 09:15:05,000+0000 INFO [c.a.j.issue.search] Query took 45 ms for user jdoe',
  '',
];

/** Mulberry32: small, seeded, reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('noise around a positive', () => {
  it('does not change the ids found, whatever unrelated lines surround and interleave it (seeded)', () => {
    const random = prng(20240304);
    const pick = () => NOISE[Math.floor(random() * NOISE.length)] ?? '';
    for (const f of listFixtures().filter((x) => x.kind === 'positive')) {
      const text = readFileSync(f.file, 'utf8');
      const expected = diagnose(text)
        .findings.map((x) => x.id)
        .sort();
      for (let round = 0; round < 3; round++) {
        const out: string[] = [];
        for (let i = Math.floor(random() * 30); i > 0; i--) out.push(pick());
        for (const line of text.split('\n')) {
          out.push(line);
          if (random() < 0.3) out.push(pick());
        }
        for (let i = Math.floor(random() * 30); i > 0; i--) out.push(pick());
        const got = diagnose(out.join('\n'))
          .findings.map((x) => x.id)
          .sort();
        expect(got, `${f.file} round ${round}`).toEqual(expected);
      }
    }
  });
});
