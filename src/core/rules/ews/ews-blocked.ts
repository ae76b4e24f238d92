import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { joinEvidence } from '../util.js';

/** A client speaking Exchange Web Services: its endpoint, its SDKs and libraries. */
const EWS_CLIENT = signature(
  'ews-client',
  /\/EWS\/Exchange\.asmx|Microsoft\.Exchange\.WebServices|\bExchangeService\b|\bexchangelib\b|\bews-javascript-api\b|\bEWS\s{1,3}(?:connection|endpoint|url|api|request)/i,
  ['/ews/exchange.asmx', 'exchange.webservices', 'exchangeservice', 'exchangelib', 'ews-javascript', 'ews '],
);

/** EWS refused: the HTTP status, Exchange's own words, or the tenant switch turned off. */
const EWS_REFUSED = signature(
  'ews-refused',
  /\(401\)\s{0,3}Unauthorized|\(403\)\s{0,3}Forbidden|\b40[13] (?:Unauthorized|Forbidden)\b|HTTP(?:\/1\.1)?\s{0,3}40[13]\b|\bEWS (?:is|has been) (?:disabled|blocked|turned off|retired|deprecated)|EwsEnabled\s{0,3}[:=]?\s{0,3}\$?False\b|EWS access is blocked|ErrorAccessDenied/i,
  ['401', '403', 'ews is', 'ews has been', 'ewsenabled', 'ews access', 'erroraccessdenied'],
);

/** People saying EWS is being retired, blocked or was turned off. */
const EWS_RETIRED_WORDS = signature(
  'ews-retired-words',
  /\b(?:EWS|Exchange Web Services)\b[^\n]{0,80}\b(?:retire\w{0,3}|retirement|deprecat\w{0,5}|blocked|block\w{0,3}|turn(?:ed|ing)? off|shut\s?down|end of support|disabled)\b|\b(?:retire\w{0,3}|retirement|deprecat\w{0,5}|blocking|shutdown)\s{1,3}(?:of\s{1,3})?(?:EWS|Exchange Web Services)\b/i,
  ['ews', 'exchange web services'],
);

/** Exchange Server on premises: NTLM sign-in (Exchange Online takes only OAuth) or a named server release. */
const ON_PREMISES = signature(
  'ews-on-premises',
  /\bNTLM\w{0,12}|\bExchange(?: Server)? 20(?:07|10|13|16|19)\b|\bon-?prem(?:ise|ises)?\b/i,
  ['ntlm', 'exchange 20', 'exchange server 20', 'onprem', 'on-prem'],
);

export default defineRule({
  id: 'ews-blocked',
  priority: 180,
  title: 'Exchange Web Services is blocked in Exchange Online (from October 2026; off for good on 1 April 2027)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo:
    "Add-ons, help desks and scripts that read Exchange Online mail over EWS (Jira's own handlers use IMAP, POP or Graph)",
  signatures: [EWS_CLIENT, EWS_REFUSED, EWS_RETIRED_WORDS, ON_PREMISES],
  links: [LINKS.msEwsDeprecation, LINKS.msEwsBlog],
  retired: [
    {
      advice:
        'EwsAllowList or EWSApplicationAccessPolicy by user agent as the way to keep an app on EWS (the allow list is by app id now)',
      never: /Set-OrganizationConfig[^`\n]{0,80}-Ews(?:ApplicationAccessPolicy|AllowList)\b/i,
    },
  ],
  evaluate(ctx) {
    const client = ctx.seen(EWS_CLIENT) || ctx.said('ews');
    const refused = ctx.seen(EWS_REFUSED);
    const retired = ctx.seen(EWS_RETIRED_WORDS);
    if (!client || !(refused || retired)) return null;
    const online = ctx.facts.hosts.some((h) => /office365|outlook|microsoft/.test(h));
    if (!online && !retired && (ctx.facts.hosts.length > 0 || ctx.seen(ON_PREMISES))) return null;
    return {
      confidence: refused && ctx.seen(EWS_CLIENT) ? 'likely' : 'possible',
      cause:
        'The mail is read over Exchange Web Services, which Microsoft is retiring in Exchange Online: from 1 October 2026 EWS is blocked in tenants that did not set an allow list, and on 1 April 2027 it is switched off for good, with no exceptions. A client refused with 401 or 403 where it used to work, or told that EWS is disabled, is meeting that block. Jira\'s own mail handlers do not use EWS; add-ons and other tools that read "Exchange" mailboxes often do.',
      fix: [
        "Move the connection to Microsoft Graph (for Jira: the JSM Graph protocol, or IMAP/POP with OAuth); ask the add-on's vendor for their Graph connector.",
        'Until 1 April 2027 only: an Exchange admin can let named apps through with `Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs "<app id>[,<app id>]"` (check with `Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | fl EwsAllowedAppIDs`).',
        'After 1 April 2027 there is no switch left: EWS is gone from Exchange Online (Exchange Server on premises is not affected).',
      ],
      evidence: joinEvidence(ctx.evidence(EWS_REFUSED, EWS_CLIENT, EWS_RETIRED_WORDS), ctx.saidEvidence('ews')),
      rank: 2,
    };
  },
});
