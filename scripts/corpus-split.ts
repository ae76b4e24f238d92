// Moves every case waiting in test/corpus/incoming/ into tune/ or held/, at random, so that about a third of each
// kind (cases with a cause, cases that must give no finding) is held back. Run it once per batch, before looking at
// how the doctor does on the new cases: `npm run corpus:split`.
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { type Case, CORPUS, loadCorpus } from './corpus.js';

const HELD_SHARE = 0.34;

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

const incoming = loadCorpus(['incoming']);
const groups = [incoming.filter((c) => c.expect.length > 0), incoming.filter((c) => c.expect.length === 0)];
const moved: Record<'tune' | 'held', number> = { tune: 0, held: 0 };
for (const group of groups) {
  const held = new Set<Case>(shuffle([...group]).slice(0, Math.ceil(group.length * HELD_SHARE)));
  for (const c of group) {
    const part = held.has(c) ? 'held' : 'tune';
    const name = c.id.slice('incoming/'.length);
    const target = join(CORPUS, part, name);
    if (existsSync(target)) throw new Error(`${part}/${name} already exists`);
    mkdirSync(join(CORPUS, part), { recursive: true });
    renameSync(c.file, target);
    moved[part]++;
  }
}
process.stdout.write(`moved ${moved.tune} cases to tune/ and ${moved.held} to held/\n`);
