import { readFileSync } from 'node:fs';
import nock from 'nock';

export const MICROSOFT = 'https://login.microsoftonline.com';
export const metadataPath = (tenant: string) => `/${tenant}/v2.0/.well-known/openid-configuration`;

/** A recorded OpenID configuration (or error body) from test/tenant/fixtures. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

export const TENANTS = {
  worldwide: { domain: 'contoso.com', id: '3f1c2a7e-5b8d-4e6f-9a0b-1c2d3e4f5a61' },
  gcc: { domain: 'countyclerk.gov', id: '8a4e9c21-0d3f-4b57-a6e8-2f9b1c0d7e42' },
  'gcc-high': { domain: 'contoso-gov.onmicrosoft.us', id: 'c7d21e95-6a4b-4f08-b3c1-9e5d7a2f0b83' },
  dod: { domain: 'unit.onmicrosoft.us', id: '0e6b3f48-91c2-4d7a-8f5e-3a1c6b9d2e04' },
  china: { domain: 'contoso.partner.onmschina.cn', id: '5d9a0c73-2e8f-4b16-9c4d-7f0e3b5a8c15' },
} as const;

/** Microsoft answers for one tenant with the recorded document of its cloud. */
export function microsoftKnows(cloud: keyof typeof TENANTS, as: string = TENANTS[cloud].domain) {
  return nock(MICROSOFT)
    .get(metadataPath(as))
    .reply(200, fixture(`openid-${cloud}`));
}

export function microsoftDoesNotKnow(tenant: string) {
  return nock(MICROSOFT).get(metadataPath(tenant)).reply(400, fixture('aadsts90002'));
}

export function onlyLoopback() {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
}

export function resetNetwork() {
  nock.cleanAll();
  nock.enableNetConnect();
}
