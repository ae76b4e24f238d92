import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// A stand-in for Slack on loopback, for Socket Mode: apps.connections.open hands out a WebSocket URL on the same
// port, the socket says hello as Slack's does, envelopes go down it and acknowledgements come back. Web API calls
// and response_url posts are recorded. It can be stopped and started again on the same port (an outage).

export interface Recorded {
  path: string;
  body: string;
  at: number;
}

const read = async (req: IncomingMessage) => {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

export class FakeSlack {
  port = 0;
  calls: Recorded[] = [];
  /** envelope_id → when its acknowledgement arrived. */
  acks = new Map<string, number>();
  connections = 0;
  private server: Server | undefined;
  private sockets = new Set<WebSocket>();

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** Listens (on `port`, or a free one the first time); apps.connections.open then points at this port. */
  async start(port = this.port): Promise<void> {
    const server = createServer(async (req, res) => {
      const body = await read(req);
      const path = req.url ?? '/';
      this.calls.push({ path, body, at: performance.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (path === '/api/apps.connections.open') {
        return void res.end(JSON.stringify({ ok: true, url: `ws://127.0.0.1:${this.port}/link` }));
      }
      res.end(JSON.stringify({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0', ts: '1.1' }));
    });
    const wss = new WebSocketServer({ server, path: '/link' });
    wss.on('connection', (ws) => {
      this.connections++;
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { envelope_id?: string };
        if (m.envelope_id) this.acks.set(m.envelope_id, performance.now());
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0' } }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Slack goes away: every socket is cut and the port refuses connections. */
  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get connected(): boolean {
    return this.sockets.size > 0;
  }

  /** A slash command, as Slack sends it down the socket; returns its envelope id. */
  slash(text: string, hook: string): string {
    const envelope_id = randomUUID();
    const payload = {
      token: 'legacy',
      team_id: 'T0',
      team_domain: 'example',
      channel_id: 'C0',
      channel_name: 'support',
      user_id: 'U0',
      user_name: 'admin',
      command: '/mailhandler',
      text,
      api_app_id: 'A0',
      is_enterprise_install: 'false',
      response_url: `http://127.0.0.1:${this.port}/hook/${hook}`,
      trigger_id: envelope_id,
    };
    const frame = JSON.stringify({ envelope_id, type: 'slash_commands', accepts_response_payload: true, payload });
    for (const ws of this.sockets) ws.send(frame);
    return envelope_id;
  }
}

/** A port nothing listens on (yet): Slack refusing connections. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
