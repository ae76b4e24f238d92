import type { AppContext, FrontDoor } from '../../src/server/frontdoor.js';

// Placeholder until the Slack app lands (issue 4): reports what to set.
export function slackFrontDoor(_ctx: AppContext): FrontDoor {
  return { name: 'Slack', routes: [], status: 'Slack: not built yet' };
}
