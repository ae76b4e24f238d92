// What the command line needs of the settings, without the schema library the server's settings use (loading it
// took longer than diagnosing a one-line paste).

/** An Entra application (client) ID or tenant ID: a GUID. */
export const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ConfigError extends Error {
  // By name too: the command line bundles each command apart, so one command's class is not another's.
  override name = 'ConfigError';
}

/** TENANT_LOOKUP alone, for the command line, which needs none of the platform settings. */
export function tenantLookupOn(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.TENANT_LOOKUP?.trim() || 'on';
  if (value !== 'on' && value !== 'off') throw new ConfigError('TENANT_LOOKUP must be on or off.');
  return value === 'on';
}
