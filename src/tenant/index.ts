import type { ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import type { FrontDoor } from '../server/frontdoor.js';
import { sendJson } from '../server/http.js';
import { describeTenant, type TenantLookup, type TenantLookupFailure } from './lookup.js';

const PREFIX = '/api/tenant/';
const STATUS: Record<TenantLookupFailure, number> = {
  'invalid-input': 400,
  disabled: 503,
  'unknown-tenant': 404,
  refused: 502,
  timeout: 504,
  network: 502,
  'server-error': 502,
  'bad-response': 502,
};

function send(res: ServerResponse, result: TenantLookup, format: string | null) {
  const status = result.ok ? 200 : STATUS[result.reason];
  if (format === 'text') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${describeTenant(result)}\n`);
    return;
  }
  sendJson(res, status, { ...result, text: describeTenant(result) });
}

/** GET /api/tenant/<domain-or-id>[?format=text]: which cloud a tenant is in, from Microsoft's public metadata. */
export function tenantFrontDoor(ctx: AppContext): FrontDoor {
  const enabled = ctx.config.TENANT_LOOKUP !== 'off';
  return {
    name: 'Tenant look-up',
    status: enabled
      ? 'Tenant look-up: GET /api/tenant/<domain-or-id>'
      : 'Tenant look-up: off (TENANT_LOOKUP=off, no requests to Microsoft)',
    routes: [
      {
        method: 'GET',
        path: '/api/tenant/*',
        browser: true,
        handler: async (req, res) => {
          // The raw path, not a normalised URL, so "evil.com/../x" arrives as it was sent and is refused.
          const raw = (req.url ?? '').split('?')[0] ?? '';
          const format = new URL(req.url ?? '/', 'http://x').searchParams.get('format');
          let input = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : '';
          try {
            input = decodeURIComponent(input);
          } catch {
            input = '%';
          }
          const result = await ctx.doctor.tenant(input);
          if (!result.ok && result.reason !== 'invalid-input' && result.reason !== 'disabled') {
            ctx.logger.info({ tenant: result.tenant, reason: result.reason }, 'tenant look-up gave no answer');
          }
          send(res, result, format);
        },
      },
    ],
  };
}
