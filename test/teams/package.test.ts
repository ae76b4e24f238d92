import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, zip } from '../../scripts/package-teams.js';

const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** Reads a zip through its central directory, as Teams' uploader does, checking every CRC. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + buf.readUInt32LE(at + 20));
    const data = method === 8 ? inflateRawSync(packed) : Buffer.from(packed);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

/** Width, height and RGBA pixels of an 8-bit RGBA PNG without filters beyond "none". */
function decodePng(png: Buffer | undefined) {
  if (!png) throw new Error('icon missing from the package');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, colorType: png[25], raw: inflateSync(Buffer.concat(idat)) };
}

describe('npm run package:teams', () => {
  it('zips the manifest with the app id filled in and both icons', () => {
    const files = unzip(buildTeamsPackage(APP_ID));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = files.get('manifest.json')?.toString('utf8') ?? '';
    expect(text).not.toContain('{{');
    const manifest = JSON.parse(text);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].supportsFiles).toBe(true);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'diagnose',
      'tenant',
      'help',
    ]);
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'ChannelMessage.Read.Group',
      type: 'Application',
    });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    const files = unzip(buildTeamsPackage(APP_ID));
    const color = decodePng(files.get('color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png'));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let white = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const o = y * 129 + 1 + x * 4;
        const [r, g, b, a] = [outline.raw[o], outline.raw[o + 1], outline.raw[o + 2], outline.raw[o + 3]];
        if (a === 0) continue;
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(white).toBeGreaterThan(20);
  });

  it('explains what to set when MicrosoftAppId is missing or not a GUID', () => {
    expect(() => buildTeamsPackage(undefined)).toThrow(/MicrosoftAppId is not set/);
    expect(() => buildTeamsPackage('  ')).toThrow(/MicrosoftAppId is not set/);
    expect(() => buildTeamsPackage('my-bot')).toThrow(/must be a GUID/);
  });

  it('writes a zip that stores incompressible data and deflates the rest', () => {
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97) % 256));
    const files = unzip(
      zip([
        { name: 'a.txt', data: Buffer.from('a'.repeat(1000)) },
        { name: 'b.bin', data: noise },
      ]),
    );
    expect(files.get('a.txt')?.toString()).toBe('a'.repeat(1000));
    expect(files.get('b.bin')).toEqual(noise);
    expect(readFileSync(new URL('../../manifest/teams/manifest.json', import.meta.url), 'utf8')).toContain(
      '{{MicrosoftAppId}}',
    );
  });
});
