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

/** One way in (playground, Slack, Teams, tenant look-up): the routes it adds and a line for the start-up banner. */
export interface FrontDoor {
  name: string;
  routes: Route[];
  status: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
