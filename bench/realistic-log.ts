import { readFileSync } from 'node:fs';

// A Jira incoming-mail log at DEBUG with OAuth, the kind that made the doctor slow: per poll, puller, processor and
// cleaner lines, the handler naming the access token it uses, Apache HttpClient wire lines for each Graph call (with
// its `Authorization: Bearer` header), a JavaMail IMAP trace as Jira logs it, an hourly token refresh with its JSON
// body, mailbox addresses, and now and then a real error block from the fixtures. Line shapes follow text people
// posted (bench/REAL-LINES.md gives each source); no public source shows a whole Jira DEBUG poll, so the mix is ours:
//   - three Graph channels polled every minute (JSM Cloud's pace), 0-2 messages each; an IMAP channel every fifth
//     minute (Atlassian's Data Center example interval);
//   - one line in six names an access token (issue 14's measurement of such a log): the handler's line with the
//     token's first characters, and the bearer header of each call in full;
//   - a token refresh every 60 polls (tokens live 3599 s);
//   - an error block every 5,000 polls (a real log is mostly success).
// Deterministic (no randomness), so runs compare.

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const GUID = (n: number) =>
  `${(0x9f1c4b1e + n).toString(16).padStart(8, '0')}-3a0e-4f3e-9a53-${(0x2d6a3e4f5b6c + n).toString(16).slice(-12)}`;
const TENANT = GUID(0);
const MAILBOX = 'support@contoso.onmicrosoft.com';

/** An access token of Entra's shape and size (about 1.6 KB), different for each refresh. */
function accessToken(refresh: number): string {
  const header = b64url(
    JSON.stringify({
      typ: 'JWT',
      nonce: `n${refresh}`,
      alg: 'RS256',
      x5t: 'kWbkaa6qs8wsTnBwiiNYOhHbnAw',
      kid: 'kWbkaa6qs8wsTnBwiiNYOhHbnAw',
    }),
  );
  const payload = b64url(
    JSON.stringify({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      iat: 1714644000 + refresh * 3600,
      nbf: 1714644000 + refresh * 3600,
      exp: 1714647599 + refresh * 3600,
      acct: 0,
      acr: '1',
      aio: `E2NgYJjN${refresh}Pvvr3+/z9WbP0B4C9bq3xR5T0tK5c1D0WIwA=`,
      amr: ['pwd'],
      app_displayname: 'Jira Service Management mail',
      appid: GUID(7),
      appidacr: '1',
      idtyp: 'user',
      ipaddr: '203.0.113.24',
      name: 'Support Mailbox',
      oid: GUID(9),
      platf: '3',
      puid: '10032001E7F9B2C3',
      rh: '0.AQsA3kQmLx-abc.',
      scp: 'Mail.ReadWrite Mail.Send offline_access User.Read',
      sub: 'r4b5Xq1C7m0u8sVt2zJ9kP3wN6yH5aL0eD2gF4hI1jK',
      tenant_region_scope: 'EU',
      tid: TENANT,
      unique_name: MAILBOX,
      upn: MAILBOX,
      uti: `QmVhcmVyVG9rZW4${refresh}`,
      ver: '1.0',
      wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
      xms_st: { sub: 'Wq3x1C7m0u8sVt2zJ9kP3wN6yH5aL0eD2gF4hI1jKr4' },
      xms_tcdt: 1600000000,
    }),
  );
  return `${header}.${payload}.${b64url('s'.repeat(256)).slice(0, 342)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The incoming-mail log's timestamp, a minute per poll. */
const stamp = (poll: number, ms: number) => {
  const s = poll * 60 + Math.floor(ms / 1000);
  return `2024-05-${pad(2 + (Math.floor(s / 86400) % 27))} ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)},${pad(ms % 1000, 3)}+0000`;
};

function* imapSession(p: number, thread: string, ts: () => string): Generator<string> {
  const tag = `I${String.fromCharCode(65 + (p % 26))}${String.fromCharCode(65 + ((p >> 3) % 26))}`;
  const jira = (text: string) => `[${MAILBOX}] ${thread} anonymous Email channel ${text}`;
  yield `IMAPS: trying to connect to host "outlook.office365.com", port 993, isSSL true`;
  yield jira(
    '* OK The Microsoft Exchange IMAP4 service is ready. [TQBOADIAUABSADEANgBDAEEAMAAwADYAMwAuAG4AYQBtAHAAcgBkADEANgAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]',
  );
  yield jira(`${tag}0 CAPABILITY`);
  yield jira(
    '* CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS MOVE ID UNSELECT CHILDREN IDLE NAMESPACE LITERAL+',
  );
  yield jira(`${tag}0 OK CAPABILITY completed.`);
  yield 'IMAPS: AUTH: PLAIN';
  yield 'IMAPS: AUTH: XOAUTH2';
  yield `IMAPS: protocolConnect login, host=outlook.office365.com, user=${MAILBOX}, password=<non-null>`;
  yield 'IMAPS: AUTHENTICATE XOAUTH2 command trace suppressed';
  yield `IMAPS: AUTHENTICATE XOAUTH2 command result: ${tag}1 OK AUTHENTICATE completed.`;
  yield jira(`${tag}2 CAPABILITY`);
  yield jira(
    '* CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS MOVE ID UNSELECT CLIENTACCESSRULES CLIENTNETWORKPRESENCELOCATION BACKENDAUTHENTICATE CHILDREN IDLE NAMESPACE LITERAL+',
  );
  yield jira(`${tag}2 OK CAPABILITY completed.`);
  yield jira(`${tag}3 SELECT INBOX`);
  const messages = p % 4;
  yield jira(`* ${messages} EXISTS`);
  yield jira('* 0 RECENT');
  yield jira('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $MDNSent)');
  yield jira('* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $MDNSent)] Permanent flags');
  yield jira('* OK [UIDVALIDITY 14] UIDVALIDITY value');
  yield jira(`* OK [UIDNEXT ${22588 + p}] The next unique identifier value`);
  yield jira(`${tag}3 OK [READ-WRITE] SELECT completed.`);
  for (let m = 1; m <= messages; m++) {
    for (const [i, item] of ['FLAGS', 'UID', 'ENVELOPE INTERNALDATE RFC822.SIZE'].entries()) {
      const n = 4 + (m - 1) * 3 + i;
      yield jira(`${tag}${n} FETCH ${m} (${item})`);
      yield jira(
        item === 'FLAGS'
          ? `* ${m} FETCH (FLAGS ())`
          : item === 'UID'
            ? `* ${m} FETCH (UID ${110568 + p * 4 + m})`
            : `* ${m} FETCH (INTERNALDATE "02-May-2024 10:${pad(m)}:00 +0000" RFC822.SIZE ${20480 + m * 97} ENVELOPE ("Thu, 2 May 2024 10:${pad(m)}:00 +0000" "Printer on floor ${m} is offline" (("Customer ${m}" NIL "customer${(p + m) % 500}" "example.org")) NIL NIL ((NIL NIL "support" "contoso.onmicrosoft.com")) NIL NIL NIL "<${p}.${m}@mail.example.org>"))`,
      );
      yield jira(`${tag}${n} OK FETCH completed.`);
    }
    yield `${ts()} DEBUG [] ${thread} ServiceRunner Creating request in project SD from customer${(p + m) % 500}@example.org`;
  }
  yield jira(`${tag}${4 + messages * 3} LOGOUT`);
  yield jira('* BYE Microsoft Exchange Server IMAP4 server signing off.');
}

const CHANNELS = ['CHANNEL-1', 'CHANNEL-2', 'CHANNEL-3'];

function* poll(p: number, token: string, refreshToken: string): Generator<string> {
  const thread = `Caesium-1-${p % 4}`;
  let ms = 0;
  const ts = () => {
    ms += 7;
    return stamp(p, ms);
  };
  const wire = (dir: '>>' | '<<', text: string) =>
    `${ts()} DEBUG [${thread}] org.apache.http.wire  - http-outgoing-${p % 9} ${dir} "${text}[\\r][\\n]"`;
  const runner = (level: string, text: string) => `${ts()} ${level} [] ${thread} ServiceRunner ${text}`;
  yield `${ts()} ${thread} DEBUG anonymous Mail Queue Service [c.a.j.s.services.mail.MailQueueService] Attempting to run mail queue service `;

  if (p % 60 === 0) {
    // The hourly refresh: the request, Microsoft's answer and its body.
    yield wire('>>', `POST /${TENANT}/oauth2/v2.0/token HTTP/1.1`);
    yield wire('>>', 'Content-Type: application/x-www-form-urlencoded');
    yield wire('>>', 'Host: login.microsoftonline.com');
    yield wire('<<', 'HTTP/1.1 200 OK');
    yield wire('<<', 'Content-Type: application/json; charset=utf-8');
    yield wire(
      '<<',
      `{"token_type":"Bearer","scope":"https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/User.Read","expires_in":3599,"ext_expires_in":3599,"access_token":"${token}","refresh_token":"${refreshToken}"}`,
    );
    yield runner('DEBUG', `Refreshed the access token for ${MAILBOX}; it expires in 3599 seconds`);
  }

  // Each channel: the puller, processor and cleaner talking (no hint on these lines), the handler naming the token
  // it uses, and one Graph call on the wire with its bearer header (REAL-LINES.md 1.1, 1.4, 3.1-3.3, 4.1).
  for (const [c, channel] of CHANNELS.entries()) {
    const messages = (p + c) % 3;
    yield runner('DEBUG', `Puller: polling ${channel} (${c + 1} of ${CHANNELS.length})`);
    yield runner(
      'DEBUG',
      `Puller: ${channel} has ${messages} new message(s), ${(p * 7 + c) % 5} in the processing queue`,
    );
    yield runner(
      'DEBUG',
      `Using cached access token ${token.slice(0, 24)}… for ${channel}, valid for ${3599 - (p % 60) * 60} s`,
    );
    yield `${ts()} DEBUG [${thread}] org.apache.http.impl.execchain.MainClientExec  - Executing request GET /v1.0/users/${MAILBOX}/mailFolders/inbox/messages?$top=25 HTTP/1.1`;
    yield wire('>>', `GET /v1.0/users/${MAILBOX}/mailFolders/inbox/messages?$top=25 HTTP/1.1`);
    yield wire('>>', `Authorization: Bearer ${token}`);
    yield wire('>>', 'Host: graph.microsoft.com');
    yield wire('<<', 'HTTP/1.1 200 OK');
    for (let m = 1; m <= messages; m++) {
      const id = 1000 + ((p * 3 + m) % 9000);
      yield runner(
        'DEBUG',
        `Processor: message ${p}.${m} from customer${(p + m) % 500} (subject "Printer on floor ${m}") -> request SD-${id}`,
      );
      yield runner('INFO', `Processor: created SD-${id} in project SD for channel ${channel}`);
    }
    yield runner('DEBUG', `Cleaner: removed ${(p + c) % 4} processed message(s) older than 7 days for ${channel}`);
    yield runner('DEBUG', `Puller: ${channel} done in ${40 + ((p + c * 13) % 70)} ms`);
  }
  // The IMAP channel, every fifth poll (a Data Center handler's 5-minute interval).
  if (p % 5 === 0) yield* imapSession(p, thread, ts);
  yield runner('INFO', `Mail pull finished: ${CHANNELS.length} channel(s) in ${120 + (p % 90)} ms`);
}

/** Lines until `targetBytes`, with an error block from `errorBlocks` every `errorEvery` polls. */
export function* realisticLog(targetBytes: number, errorBlocks: string[], errorEvery = 5000): Generator<string> {
  let bytes = 0;
  let token = accessToken(0);
  for (let p = 0; bytes < targetBytes; p++) {
    if (p % 60 === 0) token = accessToken(p / 60);
    const refreshToken = `1.AQsA${b64url(`refresh-${p}`).padEnd(900, 'Q')}`;
    for (const line of poll(p, token, refreshToken)) {
      bytes += line.length + 1;
      yield `${line}\n`;
    }
    if (p > 0 && p % errorEvery === 0) {
      const block = `${errorBlocks[(p / errorEvery) % errorBlocks.length] ?? ''}\n`;
      bytes += block.length;
      yield block;
    }
  }
}

/** The seed KB article's two error blocks. */
export function seedErrorBlocks(): string[] {
  const dir = new URL('../test/fixtures/seed/', import.meta.url);
  return ['rc1-incoming-mail.log', 'rc2-graph-error.log'].map((f) => readFileSync(new URL(f, dir), 'utf8').trimEnd());
}
