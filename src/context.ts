import type { Config } from './config.js';
import type { Doctor } from './doctor.js';
import type { Logger } from './logger.js';

/** What every front door is built from: the settings, the logger and the one diagnosis service. */
export interface AppContext {
  config: Config;
  logger: Logger;
  doctor: Doctor;
}
