import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/rules/index.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(?:ts|js)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );

/** Where a relative import lands, as a path from the repository root. */
const target = (file: string, spec: string) => relative(ROOT, resolve(ROOT, file, '..', spec));

describe('one rule per file', () => {
  const ruleFiles = sources('src/core/rules').filter((f) => /src\/core\/rules\/[a-z]+\/[a-z0-9-]+\.ts$/.test(f));

  it('every rule id in the catalogue has exactly one file rules/<family>/<id>.ts', () => {
    for (const rule of RULES) {
      const files = ruleFiles.filter((f) => f.endsWith(`/${rule.id}.ts`));
      expect(files, rule.id).toHaveLength(1);
    }
  });

  it('every such file defines the rule its name says, and nothing else is a rule file', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const file of ruleFiles.filter((f) => !f.endsWith('/signals.ts'))) {
      const id = file.split('/').pop()?.replace(/\.ts$/, '') ?? '';
      expect(ids.has(id), file).toBe(true);
      expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(new RegExp(`id: '${id}'|id: GENERIC_AADSTS_RULE`));
    }
  });
});

describe('imports point one way', () => {
  const all = [...sources('src'), ...sources('adapters')];

  it('only src/app.ts imports the adapters', () => {
    const offenders = sources('src').filter(
      (f) => f !== 'src/app.ts' && importsOf(f).some((s) => s.startsWith('.') && target(f, s).startsWith('adapters/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the core imports nothing outside src/core, and no platform, HTTP or filesystem module', () => {
    const forbidden = /^(?:node:)?(?:fs|fs\/promises|http|https|net|child_process)$|^@slack\/|^botbuilder/;
    for (const file of all.filter((f) => f.startsWith('src/core/'))) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) expect(target(file, spec), file).toMatch(/^src\/core\//);
        else expect(spec, file).not.toMatch(forbidden);
      }
    }
  });

  it('the HTTP kit (src/server) imports no front door or service', () => {
    for (const file of all.filter((f) => f.startsWith('src/server/'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(target(file, spec), file).toMatch(/^src\/(?:server|config|logger|limit)/);
      }
    }
  });
});
