import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBlockKit } from '../../adapters/slack/blocks.js';
import { toAdaptiveCard } from '../../adapters/teams/card.js';
import { type RunningApp, startApp } from '../../src/app.js';
import { Pastes } from '../../src/chat/store.js';
import { diagnose, diagnoseStream, linesHoldingSecrets, redactText } from '../../src/core/index.js';
import { renderJson, renderMarkdown, renderText } from '../../src/render/index.js';
import { MemoryState } from '../../src/store/index.js';
import { TEST_DATA_DIR } from '../helpers.js';

// Every secret shape people paste (test/security/secret-shapes.json: fakes of the real shapes, in the contexts they
// turn up in) through every way out: no 8-character piece of any secret may appear in any of them.

interface Shape {
  family: string;
  text: string;
  secret: string;
}
const SHAPES = JSON.parse(readFileSync(new URL('./secret-shapes.json', import.meta.url), 'utf8')) as Shape[];

function pieceShown(output: string, secret: string): string | null {
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    if (output.includes(piece)) return piece;
  }
  return null;
}

describe('the table of secret shapes', () => {
  it('holds at least 80 shapes from at least 15 families', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(SHAPES.map((s) => s.family)).size).toBeGreaterThanOrEqual(15);
    for (const s of SHAPES) expect(s.text, s.family).toContain(s.secret);
  });
});

describe('no secret leaves, in any output', () => {
  it.each(SHAPES.map((s, i) => [`${i} ${s.family}`, s] as const))('%s', async (_name, shape) => {
    const d = diagnose(shape.text);
    const streamed = await diagnoseStream([Buffer.from(shape.text)]);
    const store = new Pastes(new MemoryState());
    const kept = (await store.get(await store.put(redactText(shape.text)))) ?? '';
    const outputs = {
      json: renderJson(d),
      streamed: renderJson(streamed),
      text: renderText(d),
      markdown: renderMarkdown(d),
      slack: JSON.stringify(toBlockKit(d, { pasteId: 'p', share: true })),
      teams: JSON.stringify(toAdaptiveCard(d, { answerId: 'a' })),
      'kept paste': kept,
    };
    for (const [where, output] of Object.entries(outputs)) {
      expect(pieceShown(output, shape.secret), `${where}: ${output.slice(0, 300)}`).toBeNull();
    }
    // The paste was seen to hold a secret: it is counted, or its line is blanked in the playground.
    expect(d.secrets.length > 0 || linesHoldingSecrets(shape.text).length > 0, shape.text).toBe(true);
  });
});

describe('no secret leaves through the front doors', () => {
  let app: RunningApp;
  const logs: string[] = [];
  beforeAll(async () => {
    const { pino } = await import('pino');
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
    app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'debug', TENANT_LOOKUP: 'off' }, logger);
  });
  afterAll(() => app.close());

  it('JSON API, its text and markdown forms, the playground preview and the logs show none of them', async () => {
    const post = (path: string, body: string, type: string) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body }).then((r) => r.text());
    for (const shape of SHAPES) {
      const json = JSON.stringify({ text: shape.text });
      const answers = [
        await post('/api/diagnose', json, 'application/json'),
        await post('/api/diagnose?format=text', shape.text, 'text/plain'),
        await post('/api/diagnose?format=markdown', json, 'application/json'),
        await post('/api/preview', json, 'application/json'),
      ];
      for (const answer of answers) expect(pieceShown(answer, shape.secret), shape.family).toBeNull();
    }
    const logged = logs.join('\n');
    for (const shape of SHAPES) expect(pieceShown(logged, shape.secret), shape.family).toBeNull();
  });
});
