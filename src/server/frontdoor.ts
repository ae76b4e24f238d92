import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix ending in `/*`. */
  path: string;
  handler: RouteHandler;
  /**
   * Reachable from a browser (the playground, the JSON API, the tenant look-up): only for an allowed Host and from the
   * same origin, so neither a page elsewhere nor a DNS-rebinding trick can use it. Slack and Teams sign their requests.
   */
  browser?: boolean;
}

/** Whether a front door can take requests now, and a line that says so ("Slack: reconnecting, last error …"). */
export interface Readiness {
  ready: boolean;
  detail: string;
  /** Still answering, with something shared missing (Redis down): /readyz stays 200 and says "degraded". */
  degraded?: boolean;
}

/** One way in (playground, Slack, Teams, tenant look-up): the routes it adds and a line for the start-up banner. */
export interface FrontDoor {
  name: string;
  routes: Route[];
  status: string;
  /** Starts what connects out; must not throw or wait for a platform that is down (it retries on its own). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** For /readyz; a door without it is ready whenever the server is. */
  readiness?(): Readiness | Promise<Readiness>;
}
