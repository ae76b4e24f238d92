import type { AppContext, Readiness } from '../../src/chat/index.js';
import { AADSTS_REFERENCE } from '../../src/core/aadsts-reference.js';

// Whether the Teams bot itself can sign in to Entra, as the Bot Framework SDK does before every reply: a client
// credentials request for the Bot Connector. Asked by /readyz (and once after `npm start`), so a wrong app type,
// tenant id or secret is said in words before the first message goes unanswered.

const LOGIN = 'https://login.microsoftonline.com';
const SCOPE = 'https://api.botframework.com/.default';
const RECHECK_MS = 5 * 60_000;
const TIMEOUT_MS = 5000;

/** What an Entra error from the bot's own sign-in means for the bot's settings. */
export function explainBotSignIn(body: string, appType: string): string {
  const code = /AADSTS(\d{4,7})/.exec(body)?.[1];
  if (code === '700016' && /Bot Framework/i.test(body)) {
    return `AADSTS700016: the bot's app is not in the Bot Framework directory, which is where MicrosoftAppType=MultiTenant signs in. Azure creates bots single-tenant now: set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId to your tenant id (the app registration's Overview page).`;
  }
  if (code === '700016') {
    return `AADSTS700016: MicrosoftAppId is not an app in the tenant MicrosoftAppTenantId names. Check both on the bot's app registration (Overview: Application (client) ID, Directory (tenant) ID).`;
  }
  if (code === '90002' || code === '900023') {
    return `AADSTS${code}: MicrosoftAppTenantId is not a tenant Entra knows. Copy the Directory (tenant) ID from the app registration's Overview page.`;
  }
  if (code === '7000215') {
    return "AADSTS7000215: MicrosoftAppPassword is not a valid secret for this app. Use the secret's Value (shown once, when it is created), not its Secret ID; or make a new one under Certificates & secrets.";
  }
  if (code === '7000222') {
    return "AADSTS7000222: the bot's client secret has expired. Make a new one under the app registration's Certificates & secrets and put it in MicrosoftAppPassword.";
  }
  if (code === '7000112') {
    return 'AADSTS7000112: the bot\'s app is disabled in Entra (Enterprise applications > the app > Properties > "Enabled for users to sign in?").';
  }
  const meaning = code ? AADSTS_REFERENCE[code]?.meaning : undefined;
  return code
    ? `AADSTS${code}${meaning ? `: ${meaning}` : ''} (MicrosoftAppType=${appType}).`
    : "Entra refused the bot's sign-in without an AADSTS code.";
}

export interface SignInCheck {
  readiness(): Promise<Readiness>;
}

export function signInCheck(ctx: AppContext, fetcher: typeof fetch = fetch): SignInCheck {
  const { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId } = ctx.config;
  let last: { at: number; state: Readiness } | null = null;
  const check = async (): Promise<Readiness> => {
    if (!MicrosoftAppId) return { ready: true, detail: 'Teams: local trial (no MicrosoftAppId)' };
    if (MicrosoftAppType === 'UserAssignedMSI') return { ready: true, detail: 'Teams: managed identity' };
    const authority = MicrosoftAppType === 'SingleTenant' ? MicrosoftAppTenantId : 'botframework.com';
    try {
      const res = await fetcher(`${LOGIN}/${encodeURIComponent(authority ?? '')}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: MicrosoftAppId,
          client_secret: MicrosoftAppPassword ?? '',
          scope: SCOPE,
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.ok) return { ready: true, detail: `Teams: the bot signs in (${MicrosoftAppType})` };
      const body = await res.text().catch(() => '');
      return { ready: false, detail: `Teams: the bot cannot sign in. ${explainBotSignIn(body, MicrosoftAppType)}` };
    } catch (err) {
      const why = (err as Error).name === 'TimeoutError' ? 'no answer in 5 s' : 'no connection';
      return {
        ready: false,
        detail: `Teams: cannot reach ${LOGIN} to sign the bot in (${why}); replies will fail until it can (outbound HTTPS, or the proxy).`,
      };
    }
  };
  return {
    async readiness() {
      if (last && Date.now() - last.at < RECHECK_MS) return last.state;
      const state = await check();
      last = { at: Date.now(), state };
      return state;
    },
  };
}
