import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';

/** SNI names a host, never an address (RFC 6066; Node warns on the terminal otherwise); the certificate is checked either way. */
const serverName = (host: string) => (isIP(host) ? undefined : host);

// A line-at-a-time conversation with an IMAP, POP or SMTP server: send a command, wait for the reply that ends it.
// Only what the probe needs (greeting, SASL XOAUTH2, SELECT/STAT, STARTTLS), with a timeout on every wait.

export class MailConversation {
  private buffer = '';
  private waiting: (() => void) | null = null;
  private closed = false;
  /** Every line the server sent (and the client lines the probe notes), in order: for the diagnosis. */
  readonly heard: string[] = [];

  private constructor(
    private socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    this.listen();
  }

  /** Opens the connection: TLS from the first byte (`tls`), or plain (loopback test servers, SMTP before STARTTLS). */
  static open(host: string, port: number, tls: boolean, timeoutMs: number): Promise<MailConversation> {
    return new Promise((resolve, reject) => {
      const socket = tls ? tlsConnect({ host, port, servername: serverName(host) }) : tcpConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection to ${host}:${port} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(new MailConversation(socket, timeoutMs));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  private listen() {
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    this.socket.on('error', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  /** Switches the connection to TLS (SMTP's STARTTLS). */
  async upgrade(host: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    this.socket = await new Promise<TLSSocket>((resolve, reject) => {
      const secure = tlsConnect({ socket: plain, host, servername: serverName(host) }, () => resolve(secure));
      secure.once('error', reject);
    });
    this.listen();
  }

  send(line: string) {
    this.socket.write(`${line}\r\n`);
  }

  /** Reads lines until `done` says the reply is complete; the lines of that reply. */
  async reply(done: (line: string) => boolean): Promise<string[]> {
    const lines: string[] = [];
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl !== -1) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        lines.push(line);
        this.heard.push(line);
        if (done(line)) return lines;
        continue;
      }
      if (this.closed) throw new Error('the server closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer within ${this.timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          this.waiting = null;
          resolve();
        };
      });
    }
  }

  close() {
    this.socket.destroy();
  }
}

/** SASL XOAUTH2's initial response: user=<mailbox>^Aauth=Bearer <token>^A^A, base64. */
export const xoauth2 = (mailbox: string, token: string) =>
  Buffer.from(`user=${mailbox}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
