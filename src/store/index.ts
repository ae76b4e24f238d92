import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Store } from './db.js';
import type { StatePort } from './port.js';
import { RedisState } from './redis.js';
import { SqliteState } from './sqlite.js';

export { MemoryState } from './memory.js';
export * from './port.js';

/**
 * The state of this install: Redis when REDIS_URL is set (replicas share it), else the SQLite file under DATA_DIR.
 * `readOnly` (the report command) never creates or changes the file.
 */
export function openState(
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DATA_DIR' | 'LEARN_DAYS'>,
  logger: Logger,
  options: { readOnly?: boolean } = {},
): StatePort {
  if (config.REDIS_URL) {
    const log = logger.child({ component: 'state' });
    return new RedisState({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      retentionMs: config.LEARN_DAYS * 24 * 60 * 60 * 1000,
      warn: (message) => log.warn(message),
    });
  }
  return new SqliteState(new Store({ dir: config.DATA_DIR, logger, readOnly: options.readOnly }));
}
