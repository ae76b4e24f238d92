import type { AppContext, FrontDoor } from '../server/frontdoor.js';

// Placeholder until the playground page lands (issue 6).
export function playgroundFrontDoor(_ctx: AppContext): FrontDoor {
  return { name: 'Playground', routes: [], status: '' };
}
