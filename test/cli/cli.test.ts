import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SECRETS, spliceSecrets } from '../helpers.js';

const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const run = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
const seed = (name: string) => join(FIXTURES, 'seed', name);
const tmp = mkdtempSync(join(tmpdir(), 'mhd-cli-'));

describe('the installed command', () => {
  it('is one compiled file that loads no Slack, Teams or HTTP server code', () => {
    const cli = readFileSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), 'utf8');
    const imports = [...cli.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    // Everything but Node's own modules is bundled in; no server module is among them.
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((i) => i?.startsWith('node:'))).toBe(true);
    expect(imports).not.toContain('node:http');
    expect(imports).not.toContain('node:net');
    expect(cli).not.toMatch(/@slack\/bolt|botbuilder|createServer\(/);
  });
});

describe('mailhandler-doctor diagnose', () => {
  it('prints the answer for a log file and exits 0', () => {
    const r = run(['diagnose', seed('rc1-incoming-mail.log')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('graph-token-for-wrong-resource');
    expect(r.stdout).toContain('Question: Which scopes does the application link');
  });

  it('prints the Diagnosis JSON with --json, reading standard input', () => {
    const r = run(
      ['diagnose', '-', '--json'],
      `${spliceSecrets('Invalid audience')}\nhttps://graph.microsoft.com/offline_access`,
    );
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.findings[0].id).toBe('graph-scope-domain-prefix');
    for (const secret of Object.values(SECRETS)) expect(r.stdout).not.toContain(secret);
  });

  it('warns about a secret in the words for a local tool: rotate if the text was shared, no chat message to delete', () => {
    const r = run(['diagnose', '-'], spliceSecrets('Invalid audience'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^WARNING: Your text contained secrets/);
    expect(r.stdout).toMatch(/went only to this doctor.*if it was shared.*rotate them/);
    expect(r.stdout).not.toMatch(/posted in a chat|delete the message/);
  });

  it('exits 1 with --fail-on-findings when something was found, 0 when not', () => {
    expect(run(['diagnose', seed('rc2-graph-error.log'), '--fail-on-findings']).status).toBe(1);
    expect(run(['diagnose', seed('near-miss-bare-scopes.txt'), '--fail-on-findings']).status).toBe(0);
  });

  it('reads several files (.gz, UTF-16, "-" for stdin) as one case, the way the playground reads a file and the box', () => {
    const gz = join(tmp, 'scopes.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(seed('rc1-scopes.txt'))));
    const log = join(tmp, 'incoming-utf16.log');
    writeFileSync(
      log,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(readFileSync(seed('rc1-incoming-mail.log'), 'utf8'), 'utf16le'),
      ]),
    );
    const each = JSON.parse(run(['diagnose', log, gz, '--each', '--json']).stdout) as {
      file: string;
      diagnosis: { findings: { confidence: string }[] };
    }[];
    expect(each.map((r) => r.file)).toEqual([log, gz]);
    expect(each.map((r) => r.diagnosis.findings[0]?.confidence)).toEqual(['possible', 'likely']);
    // Together they settle it, as `cat log scopes | diagnose` always did.
    const together = run(['diagnose', log, gz, '--json']);
    expect(together.status).toBe(0);
    const d = JSON.parse(together.stdout) as { findings: { id: string; confidence: string }[] };
    expect(d.findings[0]).toMatchObject({ id: 'graph-scope-domain-prefix', confidence: 'confirmed' });
    const withStdin = run(['diagnose', seed('rc1-incoming-mail.log'), '-'], readFileSync(seed('rc1-scopes.txt')));
    expect(withStdin.stdout).toMatch(
      /^The application link writes the Graph address in front of its scopes \[confirmed\]/,
    );
    expect(withStdin.stdout).not.toContain('==');
  });

  it('names a binary file among several and leaves it out of the case', () => {
    const png = join(tmp, 'shot.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    const r = run(['diagnose', seed('rc2-graph-error.log'), png]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${png}: not a text log (binary data), so it was not read`);
    expect(r.stdout).toMatch(/\[(?:likely|confirmed|possible)\]/);
  });

  it('gives each command its own --help, and an input error without the usage under it', () => {
    for (const command of ['diagnose', 'watch', 'rules', 'report', 'tenant']) {
      const r = run([command, '--help']);
      expect(r.status, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`^Usage: mailhandler-doctor ${command}`));
    }
    const missing = run(['diagnose', 'does-not-exist.log']);
    expect(missing.stderr).toBe('mailhandler-doctor: does-not-exist.log: no such file\n');
    const unknown = run(['diagnose', '--colour']);
    expect(unknown.stderr).toBe(
      'mailhandler-doctor: unknown option --colour\n(mailhandler-doctor diagnose --help lists what it takes)\n',
    );
    // Quotes come in pairs: no leftover of node's own wording.
    expect(unknown.stderr.split("'").length % 2).toBe(1);
  });

  it('answers a damaged .gz with a sentence, not a size-limit note or "nothing to read"', () => {
    const gz = join(tmp, 'damaged.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(seed('rc1-incoming-mail.log'))).subarray(0, 40));
    const r = run(['diagnose', gz]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/gzip (?:file|data) is damaged or incomplete/);
    expect(r.stdout).not.toMatch(/longer than the size limit|nothing to read/);
  });

  it.each([
    [['diagnose', 'does-not-exist.log'], /no such file/],
    [['diagnose', FIXTURES], /is a directory/],
    [['diagnose', '--max-mb', 'lots', seed('rc1-scopes.txt')], /--max-mb must be a number/],
    [['diagnose', '--json', '--markdown', seed('rc1-scopes.txt')], /choose one/],
    [['diagnose', '--colour'], /unknown option --colour/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 with a message on stderr for %j', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('exits 2 for a binary file', () => {
    const bin = join(tmp, 'screenshot.png');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    const r = run(['diagnose', bin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a text log');
  });
});

describe('mailhandler-doctor rules and help', () => {
  it('lists every rule id with its title', () => {
    const r = run(['rules']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^graph-scope-domain-prefix\s+The application link/m);
    expect(r.stdout).toContain('sovereign-graph-endpoint-hardcoded');
  });

  it('prints usage for --help and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mailhandler-doctor diagnose');
  });
});

describe('the CLI in a pipeline', () => {
  it('stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" diagnose "${seed('rc1-incoming-mail.log')}" | head -1`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses a --max-mb too small to read anything', () => {
    const r = run(['diagnose', '--max-mb', '0.0000001', seed('rc1-scopes.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-mb must be at least/);
  });
});
