import type { AppContext } from '../context.js';
import type { FrontDoor } from '../server/frontdoor.js';

// What the people who run the bot look at: where its state lives (in the banner and /readyz) and GET /metrics for
// Prometheus. Not for browsers: a scraper sends no Origin, and nothing here is secret or per user.

export function opsFrontDoor({ state, metrics }: AppContext): FrontDoor {
  const where =
    state.kind === 'redis'
      ? `State: Redis at ${state.where} (shared by every replica)`
      : `State: SQLite in ${state.where} (one replica; set REDIS_URL for more)`;
  return {
    name: 'State',
    status: `${where} · metrics on GET /metrics`,
    readiness: async () => {
      const problem = await state.problem();
      return problem ? { ready: true, degraded: true, detail: problem } : { ready: true, detail: where };
    },
    routes: [
      {
        method: 'GET',
        path: '/metrics',
        handler: async (_req, res) => {
          const body = await metrics.registry.metrics();
          res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
      },
    ],
  };
}
