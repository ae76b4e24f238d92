// Fetches a file Teams offers (a pre-authorised SharePoint/OneDrive link) as a stream of chunks. The link comes from
// the activity, so it is treated as hostile: https on port 443 only, Microsoft's file hosts only, no redirect to
// another host, and never an address on this machine or a private network.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ChatFileError } from '../../src/chat/index.js';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 60_000;

/** Where Teams keeps shared files (SharePoint and OneDrive for Business, in every cloud) and its own attachments. */
const FILE_HOST_SUFFIXES = [
  '.sharepoint.com',
  '.sharepoint.us',
  '.sharepoint-mil.us',
  '.sharepoint.cn',
  '.sharepoint-df.com',
  'smba.trafficmanager.net',
];

export const isTeamsFileHost = (host: string): boolean => {
  const h = host.toLowerCase();
  return FILE_HOST_SUFFIXES.some((s) => (s.startsWith('.') ? h.endsWith(s) && h.length > s.length : h === s));
};

/** Loopback, private, link-local, carrier-grade NAT and unique-local ranges: nothing a file link may point at. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** DNS resolution that refuses private addresses, used for the connection itself so a re-resolution cannot slip in. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || list.length === 0) {
      return callback(
        Object.assign(new Error('the file host resolves to a private address'), { code: 'EPRIVATE' }),
        '',
        0,
      );
    }
    if ((options as { all?: boolean }).all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

/** The link as a URL we may fetch, or a ChatFileError saying why not. */
function checked(url: string, previousHost?: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'https:') throw new ChatFileError('Teams offered the file at an address that is not https.');
  if (parsed.port !== '' && parsed.port !== '443')
    throw new ChatFileError('Teams offered the file on an unusual port.');
  if (parsed.username || parsed.password) throw new ChatFileError('the file link carries a user name.');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) throw new ChatFileError('the file link points at an address, not a Microsoft file host.');
  if (!isTeamsFileHost(host))
    throw new ChatFileError('the file is not on a Microsoft file host, so I did not fetch it.');
  if (previousHost && host.toLowerCase() !== previousHost) {
    throw new ChatFileError('the file host redirected to another host, so I stopped.');
  }
  return parsed;
}

function request(target: URL): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(target, { lookup: publicOnlyLookup, timeout: TIMEOUT_MS }, resolve);
    req.on('timeout', () => req.destroy(new ChatFileError('the file host stopped answering.')));
    req.on('error', reject);
  });
}

/** The file's bytes; the reader stops when it has read enough (MAX_UPLOAD_MB), which ends the download. */
export async function* downloadFile(url: string): AsyncGenerator<Uint8Array> {
  let target = checked(url);
  let response: IncomingMessage | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    try {
      response = await request(target);
    } catch (err) {
      if (err instanceof ChatFileError) throw err;
      throw new ChatFileError(
        (err as { code?: string }).code === 'EPRIVATE'
          ? 'the file host is not a public address.'
          : 'the download could not start.',
      );
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || !location) break;
    response.resume();
    target = checked(new URL(location, target).href, target.hostname.toLowerCase());
  }
  const status = response?.statusCode ?? 0;
  if (!response || status !== 200) {
    response?.resume();
    throw new ChatFileError(`Teams would not hand over the file (HTTP ${status || 'no answer'}).`);
  }
  try {
    yield* response as AsyncIterable<Uint8Array>;
  } finally {
    response.destroy();
  }
}
