import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isTeamsFileHost, publicOnlyLookup } from '../../adapters/teams/download.js';

describe('where the Teams bot may download a shared file from', () => {
  it.each([
    ['contoso.sharepoint.com', true],
    ['contoso-my.sharepoint.com', true],
    ['agency.sharepoint.us', true],
    ['smba.trafficmanager.net', true],
    ['sharepoint.com', false],
    ['contoso.sharepoint.com.evil.test', false],
    ['evilsharepoint.com', false],
    ['files.example.test', false],
  ])('%s is a Microsoft file host: %s', (host, expected) => {
    expect(isTeamsFileHost(host)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['fd00::1', true],
    ['52.96.1.2', false],
    ['2603:1036::1', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses to connect to a name that resolves to this machine', async () => {
    const result = await new Promise<string>((resolve) =>
      publicOnlyLookup('localhost', {}, (err) => resolve((err as { code?: string } | null)?.code ?? 'connected')),
    );
    expect(result).toBe('EPRIVATE');
  });
});
