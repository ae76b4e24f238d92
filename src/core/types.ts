export type Confidence = 'confirmed' | 'likely' | 'possible';
export type Protocol = 'graph' | 'imap' | 'pop';
export type Handler = 'jsm' | 'jira';
/** `gcc-high-or-dod` is what a `.us` login host says: both clouds share it. */
export type Cloud = 'worldwide' | 'gcc' | 'gcc-high' | 'dod' | 'gcc-high-or-dod' | 'china';

export interface Evidence {
  line: number;
  text: string;
}

export interface Link {
  title: string;
  url: string;
}

export interface Finding {
  id: string;
  title: string;
  confidence: Confidence;
  cause: string;
  fix: string[];
  evidence: Evidence[];
  links: Link[];
  fixAvailable: boolean;
}

export interface TokenFacts {
  aud?: string;
  scp?: string;
  /** Application permissions granted to an app-only token (`roles`), e.g. `Mail.ReadWrite`. */
  roles?: string;
  /** The token was issued to the application itself (client credentials): `roles` or `idtyp: app`, no `scp`. */
  appOnly?: boolean;
  iss?: string;
  tid?: string;
  exp?: number;
  expired?: boolean;
  /** What the audience means for the mail handler. */
  resource: 'graph' | 'outlook' | 'other';
  cloud?: Cloud;
  line: number;
}

export interface CloudHint {
  cloud: Cloud;
  /** Where it came from: the user's words, a token, a host or scope prefix, or Microsoft's tenant metadata. */
  source: 'words' | 'token' | 'host' | 'scope' | 'metadata';
  /** The line that says it (0 for what came from outside the paste). */
  line: number;
  /** For metadata: the tenant that was looked up. */
  tenant?: string;
}

/** What a front door learnt outside the paste (the tenant's cloud from Microsoft, say), read before rules run. */
export interface Learnt {
  cloudHints?: CloudHint[];
  notes?: string[];
}

/** Kinds of things people say about their setup that the rules read as facts. */
export type StatementId =
  | 'basic-auth-off'
  | 'uses-password'
  | 'uses-oauth'
  | 'secret-expired'
  | 'secret-id-used'
  | 'password-changed'
  | 'imap-disabled'
  | 'consent-missing'
  | 'proxy-only'
  | 'port-blocked'
  | 'mfa-policy'
  | 'shared-mailbox'
  | 'stopped-working'
  | 'after-90-days'
  | 'single-tenant'
  | 'throttled'
  | 'app-only'
  | 'delegated'
  | 'rbac-scope'
  | 'outgoing-mail'
  | 'ews';

/** Something the user said, with the (redacted) words and line that say it. */
export interface Statement {
  id: StatementId;
  line: number;
  text: string;
}

export interface Facts {
  protocol: Protocol | null;
  handler: Handler | null;
  cloud: Cloud | null;
  cloudHints: CloudHint[];
  scopes: string[];
  hosts: string[];
  endpoints: string[];
  errorCodes: string[];
  exceptions: string[];
  /** Domains of mailbox addresses in the text (not vendor or example ones): they name the tenant. */
  mailboxDomains: string[];
  token?: TokenFacts;
  /** Every handler the text points at, most-mentioned first (the log and the advice may disagree). */
  handlersSeen?: Handler[];
  /** Every protocol the text points at, most-mentioned first. */
  protocolsSeen?: Protocol[];
  /** What the user said in their own words about the setup and what changed. */
  statements: Statement[];
  /**
   * How the app signs in to Microsoft, when the text shows it: as the application itself (client credentials,
   * application permissions; Jira 9.17+ Graph) or as a user (delegated, after Authorize).
   */
  grant?: Grant;
  /** The Jira the text comes from, by its log, its footer or the user's words. */
  jira?: JiraRelease;
}

export type Grant = 'app-only' | 'delegated';

export interface JiraRelease {
  platform: 'data-center' | 'cloud';
  /** Jira's version (a JSM version is read as the Jira it ships with: JSM 5.17 is Jira 9.17). */
  major?: number;
  minor?: number;
  line: number;
}

export interface SecretFound {
  kind: SecretKind;
  line: number;
}

export type SecretKind =
  | 'access-token'
  | 'id-token'
  | 'malformed-token'
  | 'refresh-token'
  | 'authorization-code'
  | 'client-secret'
  | 'authorization-header'
  | 'password'
  | 'slack-token'
  | 'api-key'
  | 'private-key';

export interface QuestionOption {
  label: string;
  /** Text appended to the paste when this option is chosen; the core reads it like any other paste. */
  answer: string;
}

export interface Question {
  id: string;
  text: string;
  options: QuestionOption[];
}

export interface Diagnosis {
  findings: Finding[];
  facts: Facts;
  secrets: SecretFound[];
  questions: Question[];
  /** Plain-language remarks that are not findings: next steps, corrections, what the text looks like instead. */
  notes: string[];
  input: { bytes: number; lines: number; truncated: boolean; binary: boolean };
}
