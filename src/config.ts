import { z } from 'zod';
import { APP_ID, ConfigError } from './config-basics.js';

export { ConfigError, tenantLookupOn } from './config-basics.js';

// Every environment variable the bot reads, validated once at start-up with a message per problem.

const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().optional());
const csv = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  z.array(z.string()),
);
const withDefault = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const EnvSchema = z.object({
  PORT: withDefault(z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: withDefault(z.string().default('127.0.0.1')),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  // JSON lines for a log shipper, or sentences for a person; unset: sentences on a terminal (commands only).
  LOG_FORMAT: withDefault(z.enum(['json', 'text']).optional()),
  MAX_UPLOAD_MB: withDefault(z.coerce.number().positive().max(4096).default(256)),
  SCAN_WORKERS: withDefault(z.coerce.number().int().min(0).max(16).optional()),
  SCAN_QUEUE: withDefault(z.coerce.number().int().min(0).max(1000).default(32)),
  TENANT_LOOKUP: withDefault(z.enum(['on', 'off']).default('on')),
  LEARN: withDefault(z.enum(['on', 'off']).default('on')),
  LEARN_DAYS: withDefault(z.coerce.number().int().min(1).max(3650).default(30)),
  DATA_DIR: withDefault(z.string().default('./data')),
  // Shared state for two or more replicas (redis://, rediss://); unset: the SQLite file under DATA_DIR.
  REDIS_URL: optional.refine(
    (v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v),
    'must be a redis:// or rediss:// URL',
  ),
  REDIS_PREFIX: withDefault(z.string().max(100).default('mailhandler-doctor:')),
  ALLOWED_HOSTS: csv,
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token (xoxb-…)'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'must be an app-level token (xapp-…)',
  ),
  SLACK_AUTO_REPLY_CHANNELS: csv,
  SLACK_API_URL: optional.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  // Azure creates new bots single-tenant (multi-tenant creation is deprecated), so that is the default.
  MicrosoftAppType: withDefault(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant')),
  MicrosoftAppTenantId: optional,
  TEAMS_AUTO_REPLY_CHANNELS: csv,
  WATCH_LOGS: csv,
  WATCH_SLACK_CHANNEL: optional.refine(
    (v) => v === undefined || /^[CG][A-Z0-9]{4,20}$/.test(v),
    'must be a Slack channel id (C…)',
  ),
  WATCH_TEAMS_CHANNEL: optional.refine(
    (v) => v === undefined || /^19:[^\s]{1,200}$/.test(v),
    'must be a Teams channel id (19:…)',
  ),
  WATCH_REPOST_HOURS: withDefault(
    z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
  ),
  WATCH_MAX_POSTS_PER_HOUR: withDefault(z.coerce.number().int().min(1).max(1000).default(6)),
  WATCH_POLL_MS: withDefault(z.coerce.number().int().min(50).max(60_000).default(500)),
  WATCH_FROM_START: withDefault(z.enum(['on', 'off']).default('off')),
  // The mail app whose secrets and certificates the watcher reminds about (30, 7 and 1 days ahead).
  EXPIRY_TENANT: optional,
  EXPIRY_CLIENT_ID: optional.refine(
    (v) => v === undefined || APP_ID.test(v),
    'must be the application (client) ID, a GUID',
  ),
  EXPIRY_CLIENT_SECRET: optional,
  EXPIRY_CLOUD: withDefault(z.enum(['worldwide', 'gcc', 'gcc-high', 'dod', 'china']).default('worldwide')),
});

export type Config = z.infer<typeof EnvSchema> & { maxUploadBytes: number };

/** What each setting takes, for a message that reads as a sentence. Secrets are never echoed. */
const TAKES: Record<string, string> = {
  PORT: 'a port number from 0 to 65535',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace or silent',
  LOG_FORMAT: 'json or text',
  MAX_UPLOAD_MB: 'a number of megabytes above 0 (at most 4096)',
  SCAN_WORKERS: 'a whole number from 0 to 16',
  SCAN_QUEUE: 'a whole number from 0 to 1000',
  TENANT_LOOKUP: 'on or off',
  LEARN: 'on or off',
  LEARN_DAYS: 'a number of days from 1 to 3650',
  MicrosoftAppType: 'SingleTenant, MultiTenant or UserAssignedMSI',
  WATCH_REPOST_HOURS: 'a number of hours above 0',
  WATCH_MAX_POSTS_PER_HOUR: 'a whole number from 1 to 1000',
  WATCH_POLL_MS: 'a number of milliseconds from 50 to 60000',
  WATCH_FROM_START: 'on or off',
  EXPIRY_CLOUD: 'worldwide, gcc, gcc-high, dod or china',
  REDIS_URL: 'a redis:// or rediss:// URL (redis://redis:6379)',
};
const SECRET_SETTING = /TOKEN|SECRET|PASSWORD|URL/;

function sentenceFor(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const key = String(issue.path[0] ?? '');
  const value = env[key];
  const shown = value !== undefined && !SECRET_SETTING.test(key) && value.length <= 60 ? ` is "${value}", but it` : '';
  const takes = TAKES[key];
  return takes ? `  ${key}${shown} must be ${takes}.` : `  ${key}${shown} ${issue.message}.`;
}

/**
 * `server`: everything `npm start` runs. `watch`: the watch command, which only posts (a bot token is all Slack
 * needs for that; the signing secret is for the HTTP receiver it does not run).
 */
export type ConfigUse = 'server' | 'watch';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, use: ConfigUse = 'server'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = [...new Set(parsed.error.issues.map((i) => sentenceFor(i, env)))];
    throw new ConfigError(`Some settings in the environment (.env) are not valid:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (use === 'server' && config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push(
      '  SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (HTTP mode verifies every request with it). Copy it from your Slack app > Basic Information > Signing Secret, or set SLACK_APP_TOKEN to use Socket Mode.',
    );
  }
  if (use === 'server' && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET) && !config.SLACK_BOT_TOKEN) {
    problems.push(
      '  SLACK_BOT_TOKEN: required for the Slack app (OAuth & Permissions > Bot User OAuth Token, xoxb-…).',
    );
  }
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('  MicrosoftAppPassword: required with MicrosoftAppId (the bot registration client secret).');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    problems.push(
      "  MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant (the default, as Azure creates bots today): the Directory (tenant) ID on the bot's app registration's Overview page. A bot created multi-tenant before August 2025 sets MicrosoftAppType=MultiTenant instead.",
    );
  }
  const expiry = [config.EXPIRY_TENANT, config.EXPIRY_CLIENT_ID, config.EXPIRY_CLIENT_SECRET];
  if (expiry.some(Boolean) && !expiry.every(Boolean)) {
    problems.push(
      '  EXPIRY_TENANT, EXPIRY_CLIENT_ID and EXPIRY_CLIENT_SECRET: set all three for expiry reminders, or none.',
    );
  }
  if (config.WATCH_SLACK_CHANNEL && !config.SLACK_BOT_TOKEN) {
    problems.push('  SLACK_BOT_TOKEN: required to post to WATCH_SLACK_CHANNEL.');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Some settings in the environment (.env) are missing:\n${problems.join('\n')}`);
  }
  return { ...config, maxUploadBytes: Math.floor(config.MAX_UPLOAD_MB * 1024 * 1024) };
}
