// Reads the real-world corpus (test/corpus/README.md): one case per file, a small header, then the text as posted.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = resolve(fileURLToPath(new URL('..', import.meta.url)), 'test', 'corpus');
export const PARTS = ['tune', 'held'] as const;
export type Part = (typeof PARTS)[number] | 'incoming';
export const SHAPES = ['log', 'json', 'config', 'sentence'] as const;

export interface Case {
  /** `<part>/<file name>`. */
  id: string;
  file: string;
  part: Part;
  source: string;
  ecosystem: string;
  shape: (typeof SHAPES)[number];
  /** Rule ids any of which is a right answer; empty: the right answer is no finding. */
  expect: string[];
  outOfScope: boolean;
  resolution: string;
  /** The text below the header: what the doctor is given. */
  text: string;
}

export class CorpusError extends Error {}

/** One case file → a Case; a header that breaks the format is an error naming the file. */
export function parseCase(file: string, part: Part, raw: string): Case {
  const id = `${part}/${file.split('/').pop()}`;
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw.replace(/\r\n/g, '\n'));
  if (!m) throw new CorpusError(`${id}: no header between --- lines`);
  const fields = new Map<string, string>();
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^([a-z_]+):\s?(.*)$/.exec(line);
    if (kv) fields.set(kv[1] ?? '', (kv[2] ?? '').trim());
    else if (line.trim()) throw new CorpusError(`${id}: header line "${line.slice(0, 40)}" is not "key: value"`);
  }
  const need = (key: string) => {
    const v = fields.get(key);
    if (!v) throw new CorpusError(`${id}: header has no ${key}`);
    return v;
  };
  const source = need('source');
  if (!/^https?:\/\/\S+$/.test(source)) throw new CorpusError(`${id}: source is not a URL`);
  const shape = need('shape') as Case['shape'];
  if (!SHAPES.includes(shape)) throw new CorpusError(`${id}: shape must be one of ${SHAPES.join(', ')}`);
  const list = /^\[(.*)\]$/.exec(need('expect'));
  if (!list) throw new CorpusError(`${id}: expect must be a list like [rule-id, …] or []`);
  const expect = (list[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const outOfScope = fields.get('out_of_scope') === 'true';
  if (outOfScope && expect.length > 0) throw new CorpusError(`${id}: out_of_scope cases expect no finding`);
  const text = m[2] ?? '';
  if (!text.trim()) throw new CorpusError(`${id}: no text below the header`);
  return {
    id,
    file,
    part,
    source,
    ecosystem: need('ecosystem'),
    shape,
    expect,
    outOfScope,
    resolution: fields.get('resolution') ?? '',
    text,
  };
}

/** Every case of the given parts, in a stable order. */
export function loadCorpus(parts: readonly Part[] = PARTS, root = CORPUS): Case[] {
  const out: Case[] = [];
  for (const part of parts) {
    const dir = join(root, part);
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.txt')).sort()) {
      const file = join(dir, name);
      out.push(parseCase(file, part, readFileSync(file, 'utf8')));
    }
  }
  return out;
}
