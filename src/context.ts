import { PasteStore } from './chat/store.js';
import type { Config } from './config.js';
import { createDoctor, type Doctor, defaultScanWorkers } from './doctor.js';
import type { Logger } from './logger.js';

/** What every front door is built from: the settings, the logger, the one diagnosis service and the paste store. */
export interface AppContext {
  config: Config;
  logger: Logger;
  doctor: Doctor;
  /** Redacted pastes kept for question buttons: one store, so Slack and Teams share one memory budget. */
  pastes: PasteStore;
}

export function createContext(config: Config, logger: Logger): AppContext {
  const doctor = createDoctor({
    tenantLookup: config.TENANT_LOOKUP === 'on',
    scanWorkers: config.SCAN_WORKERS ?? defaultScanWorkers(),
    scanQueue: config.SCAN_QUEUE,
  });
  return { config, logger, doctor, pastes: new PasteStore() };
}
