import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

// Writes the Teams app package (manifest.json + two icons, zipped) with the bot's app id filled in from the
// environment, ready to upload in Teams > Apps > Manage your apps > Upload an app.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_DIR = join(ROOT, 'manifest', 'teams');
export const OUTPUT = join(ROOT, 'dist', 'mailhandler-doctor-teams.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A plain zip (deflate, no extras), which is all Teams asks of an app package. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = deflateRawSync(data);
    const stored = packed.length >= data.length;
    const body = stored ? data : packed;
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const common = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); // version needed: 2.0
      h.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      h.writeUInt16LE(stored ? 0 : 8, at + 4);
      h.writeUInt16LE(0, at + 6); // time
      h.writeUInt16LE(0x21, at + 8); // date: 1980-01-01, so the zip is the same for the same input
      h.writeUInt32LE(crc, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(data.length, at + 18);
      h.writeUInt16LE(fileName.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    locals.push(local, fileName, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The manifest with every {{MicrosoftAppId}} replaced, plus the icons it names. */
export function buildTeamsPackage(appId: string | undefined, manifestDir = MANIFEST_DIR): Buffer {
  const id = appId?.trim() ?? '';
  if (!id) {
    throw new Error(
      "MicrosoftAppId is not set. Put the bot's Microsoft App ID (Azure Bot resource > Configuration) in .env or the environment, e.g. MicrosoftAppId=… npm run package:teams",
    );
  }
  if (!GUID.test(id))
    throw new Error(`MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, not "${id}".`);
  const template = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(template.replaceAll('{{MicrosoftAppId}}', id.toLowerCase())) as {
    icons: { color: string; outline: string };
  };
  const icons = [manifest.icons.color, manifest.icons.outline];
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    ...icons.map((name) => ({ name, data: readFileSync(join(manifestDir, name)) })),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  try {
    const pkg = buildTeamsPackage(process.env.MicrosoftAppId);
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, pkg);
    console.log(`Wrote ${OUTPUT} (${pkg.length} bytes). Upload it in Teams > Apps > Manage your apps > Upload an app.`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
