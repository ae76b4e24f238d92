import type { AppContext, FrontDoor } from '../server/frontdoor.js';

// Placeholder until the tenant look-up lands (issue 7).
export function tenantFrontDoor(_ctx: AppContext): FrontDoor {
  return { name: 'Tenant look-up', routes: [], status: '' };
}
