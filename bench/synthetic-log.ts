import { readFileSync } from 'node:fs';

// A realistic atlassian-jira-incoming-mail.log: mostly INFO/DEBUG noise from the mail puller and scheduler, with a
// few real error blocks from the fixtures spliced in. Deterministic, so runs are comparable.

const NOISE = [
  '{ts} INFO [] Caesium-1-{n} ServiceRunner [c.a.j.i.m.processor.feature.puller.MailPullerWorker] Pulling emails for {k} valid channel(s)',
  '{ts} DEBUG [] Caesium-1-{n} ServiceRunner [c.a.j.i.m.processor.feature.puller.MailPullerService] Mail puller finished in {k} ms',
  '{ts} INFO [] Caesium-1-{n} ServiceRunner [c.a.j.i.m.processor.feature.processor.MailProcessorWorker] Processed {k} message(s) for channel CHANNEL-{n}',
  '{ts} INFO [] Caesium-1-{n} ServiceRunner [c.a.s.caesium.impl.CaesiumSchedulerService] Job com.atlassian.jira.internal.mail.processor.services.MailJobRunner finished, next run in 60000 ms',
  '{ts} DEBUG [] http-nio-8080-exec-{n} admin 622x{k}x1 1abcdef 10.0.0.{n} /rest/servicedesk/1/servicedesk/SD/incomingemail [c.a.s.internal.rest.IncomingEmailResource] Listing {k} email channels',
  '{ts} INFO [] Caesium-1-{n} ServiceRunner [c.a.j.i.m.processor.feature.puller.MailPullerWorker] No new messages in folder INBOX for channel CHANNEL-{k}',
  '{ts} DEBUG [] Caesium-1-{n} ServiceRunner [c.a.j.i.m.processor.feature.processor.MessageHandlerService] Creating request in project SD from sender customer{k}@example.org',
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function* syntheticLog(targetBytes: number, errorBlocks: string[]): Generator<string> {
  let bytes = 0;
  let i = 0;
  const everyError = 50_000;
  while (bytes < targetBytes) {
    const s = i % 86_400;
    const ts = `2023-08-16 ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)},${pad(i % 1000, 3)}+0000`;
    const template = NOISE[i % NOISE.length] ?? '';
    let line = template
      .replace('{ts}', ts)
      .replaceAll('{n}', String(i % 8))
      .replaceAll('{k}', String((i * 7) % 97));
    if (i > 0 && i % everyError === 0) line = errorBlocks[(i / everyError) % errorBlocks.length] ?? line;
    line += '\n';
    bytes += line.length;
    i++;
    yield line;
  }
}

export function seedErrorBlocks(): string[] {
  const dir = new URL('../test/fixtures/seed/', import.meta.url);
  return ['rc1-incoming-mail.log', 'rc2-graph-error.log'].map((f) => readFileSync(new URL(f, dir), 'utf8').trimEnd());
}
