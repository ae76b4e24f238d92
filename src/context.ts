import { PasteStore } from './chat/store.js';
import type { Config } from './config.js';
import { createDoctor, type Doctor, defaultScanWorkers } from './doctor.js';
import { createLearner, type Learner, NOT_LEARNING } from './learn/learner.js';
import type { Logger } from './logger.js';
import { Store } from './store/db.js';

/** What every front door is built from: the settings, the logger, the one diagnosis service and the paste store. */
export interface AppContext {
  config: Config;
  logger: Logger;
  doctor: Doctor;
  /** Redacted pastes kept for question buttons: one store, so Slack and Teams share one memory budget. */
  pastes: PasteStore;
  /** Answers, feedback and unknown pastes, in the embedded database (LEARN). */
  learner: Learner;
  /** The embedded database under DATA_DIR, opened when first needed; the learner and the watcher share it. */
  store: Store;
}

export function createContext(config: Config, logger: Logger): AppContext {
  const doctor = createDoctor({
    tenantLookup: config.TENANT_LOOKUP === 'on',
    scanWorkers: config.SCAN_WORKERS ?? defaultScanWorkers(),
    scanQueue: config.SCAN_QUEUE,
  });
  const store = new Store({ dir: config.DATA_DIR, logger });
  const learner = config.LEARN === 'on' ? createLearner({ store, retentionDays: config.LEARN_DAYS }) : NOT_LEARNING;
  return { config, logger, doctor, pastes: new PasteStore(), learner, store };
}
