import type { AppContext, FrontDoor } from '../../src/server/frontdoor.js';

// Placeholder until the Teams bot lands (issue 5).
export function teamsFrontDoor(_ctx: AppContext): FrontDoor {
  return { name: 'Teams', routes: [], status: 'Teams: not built yet' };
}
