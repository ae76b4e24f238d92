import type { Cloud } from './types.js';

// Everything the doctor knows about Microsoft's clouds, in one table: names, hosts, scope prefixes and token
// audiences. Sources: Microsoft's "National cloud deployments" (learn.microsoft.com/graph/deployments) and
// "Graph in national clouds"; Atlassian's "Resolve OAuth 2.0 scope issues" KB for the IMAP/POP prefixes.
// JSM's Graph protocol only ever calls graph.microsoft.com, so it works exactly where that is the cloud's Graph.

export interface CloudFacts {
  /** In a sentence: "the tenant is in <name>". */
  name: string;
  /** In a facts line, where the endpoints matter more than the name. */
  label: string;
  graphHost: string;
  loginHost: string;
  portalHost: string;
  /** Prefix of the IMAP/POP OAuth scopes. */
  imapScopePrefix: string;
  /** Whether JSM's Graph protocol (always graph.microsoft.com) can work for a tenant here. */
  graphProtocolWorks: boolean;
}

export const CLOUDS: Record<Cloud, CloudFacts> = {
  worldwide: {
    name: 'the worldwide (commercial) cloud',
    label: 'worldwide endpoints (commercial or GCC)',
    graphHost: 'graph.microsoft.com',
    loginHost: 'login.microsoftonline.com',
    portalHost: 'portal.azure.com',
    imapScopePrefix: 'https://outlook.office.com/',
    graphProtocolWorks: true,
  },
  // Plain GCC (moderate) keeps the worldwide endpoints.
  gcc: {
    name: 'GCC (Government Community Cloud, moderate)',
    label: 'GCC (worldwide endpoints)',
    graphHost: 'graph.microsoft.com',
    loginHost: 'login.microsoftonline.com',
    portalHost: 'portal.azure.com',
    imapScopePrefix: 'https://outlook.office.com/',
    graphProtocolWorks: true,
  },
  'gcc-high': {
    name: 'GCC High',
    label: 'GCC High',
    graphHost: 'graph.microsoft.us',
    loginHost: 'login.microsoftonline.us',
    portalHost: 'portal.azure.us',
    imapScopePrefix: 'https://outlook.office365.us/',
    graphProtocolWorks: false,
  },
  // DoD's IMAP/POP prefix is Atlassian's word; the DoD IMAP host itself is not verified.
  dod: {
    name: 'DoD',
    label: 'DoD',
    graphHost: 'dod-graph.microsoft.us',
    loginHost: 'login.microsoftonline.us',
    portalHost: 'portal.azure.us',
    imapScopePrefix: 'https://outlook.office365.us/',
    graphProtocolWorks: false,
  },
  // What a `.us` login host or token says: both US government clouds share it.
  'gcc-high-or-dod': {
    name: 'a US government cloud (GCC High or DoD)',
    label: 'US government (GCC High or DoD)',
    graphHost: 'graph.microsoft.us (GCC High) or dod-graph.microsoft.us (DoD)',
    loginHost: 'login.microsoftonline.us',
    portalHost: 'portal.azure.us',
    imapScopePrefix: 'https://outlook.office365.us/',
    graphProtocolWorks: false,
  },
  // That JSM's Graph protocol fails in 21Vianet is our inference from the same graph.microsoft.com limit.
  china: {
    name: 'the 21Vianet (China) cloud',
    label: 'China (21Vianet)',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    loginHost: 'login.chinacloudapi.cn',
    portalHost: 'portal.azure.cn',
    imapScopePrefix: 'https://partner.outlook.cn/',
    graphProtocolWorks: false,
  },
};

/** Clouds whose Graph is not graph.microsoft.com. */
export const isSovereign = (cloud: Cloud | null | undefined): boolean =>
  cloud !== null && cloud !== undefined && !CLOUDS[cloud].graphProtocolWorks;

export const isUsGov = (cloud: Cloud | null | undefined): boolean =>
  cloud === 'gcc-high' || cloud === 'dod' || cloud === 'gcc-high-or-dod';

/** Token audiences: which API a token is for, and the cloud the audience pins down (none for the worldwide ones). */
export const AUDIENCES: Record<string, { resource: 'graph' | 'outlook'; cloud?: Cloud }> = {
  'https://graph.microsoft.com': { resource: 'graph' },
  '00000003-0000-0000-c000-000000000000': { resource: 'graph' },
  'https://graph.microsoft.us': { resource: 'graph', cloud: 'gcc-high' },
  'https://dod-graph.microsoft.us': { resource: 'graph', cloud: 'dod' },
  'https://microsoftgraph.chinacloudapi.cn': { resource: 'graph', cloud: 'china' },
  'https://outlook.office.com': { resource: 'outlook' },
  'https://outlook.office365.com': { resource: 'outlook' },
  '00000002-0000-0ff1-ce00-000000000000': { resource: 'outlook' },
  'https://outlook.office365.us': { resource: 'outlook', cloud: 'gcc-high-or-dod' },
  'https://partner.outlook.cn': { resource: 'outlook', cloud: 'china' },
};

/** The cloud a Microsoft host name places a tenant in, most specific first. */
const HOST_CLOUDS: [RegExp, Cloud][] = [
  [/(?:^|\.)dod-graph\.microsoft\.us$/, 'dod'],
  [/(?:^|\.)graph\.microsoft\.us$/, 'gcc-high'],
  [/\.us$/, 'gcc-high-or-dod'],
  [/\.cn$/, 'china'],
  [/^login\.microsoftonline\.com$|^login\.windows\.net$|^portal\.azure\.com$/, 'worldwide'],
];

export const cloudOfHost = (host: string): Cloud | undefined => HOST_CLOUDS.find(([re]) => re.test(host))?.[1];

/** The cloud of a token issuer URL (login host), if it names one. */
export function cloudOfIssuer(iss: string | undefined): Cloud | undefined {
  if (!iss) return undefined;
  if (iss.includes('login.microsoftonline.us')) return 'gcc-high-or-dod';
  if (iss.includes('chinacloudapi.cn') || iss.includes('microsoftonline.cn')) return 'china';
  if (iss.includes('login.microsoftonline.com')) return 'worldwide';
  return undefined;
}

/** Scope prefixes, as the scope rules group them. */
export const GRAPH_SCOPE_PREFIX =
  /^https:\/\/(?:graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us)\//;
export const OUTLOOK_SCOPE_PREFIX = /^https:\/\/outlook\.office(?:365)?\.(?:com|us)\//;
