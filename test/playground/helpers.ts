import { readFileSync } from 'node:fs';

export const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');

/** A well-formed (unsigned) access token for Exchange Online, the shape a pasted IMAP token has. */
export function outlookToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = part({ typ: 'JWT', alg: 'RS256', kid: 'playground-test' });
  const payload = part({
    aud: 'https://outlook.office.com',
    iss: 'https://sts.windows.net/3f1c2a9e-5b7d-4e21-9c0a-7d2b6e8f4a10/',
    tid: '3f1c2a9e-5b7d-4e21-9c0a-7d2b6e8f4a10',
    scp: 'IMAP.AccessAsUser.All POP.AccessAsUser.All',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  return `${header}.${payload}.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LWFueW9uZS0xMjM0NTY3ODkw`;
}
