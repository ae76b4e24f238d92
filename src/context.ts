import { Pastes } from './chat/store.js';
import type { Config } from './config.js';
import { createDoctor, type Doctor, defaultScanWorkers } from './doctor.js';
import { createLearner, type Learner, NOT_LEARNING } from './learn/learner.js';
import type { Logger } from './logger.js';
import { Metrics } from './ops/metrics.js';
import { openState, type StatePort } from './store/index.js';

/** What every front door is built from: the settings, the logger, the one diagnosis service and the state. */
export interface AppContext {
  config: Config;
  logger: Logger;
  doctor: Doctor;
  /** Redacted pastes kept for the buttons, in the state port: any replica can answer any button. */
  pastes: Pastes;
  /** Answers, feedback and unknown pastes (LEARN), in the state port. */
  learner: Learner;
  /** Everything remembered: SQLite under DATA_DIR, or Redis with REDIS_URL (replicas share it). */
  state: StatePort;
  /** What /metrics shows. */
  metrics: Metrics;
}

/** The doctor, timed: every diagnosis counts in /metrics whichever door asked for it. */
function timedDoctor(doctor: Doctor, metrics: Metrics): Doctor {
  return {
    ...doctor,
    text: (text, options) => metrics.timed('paste', () => doctor.text(text, options)),
    file: (source, options) => metrics.timed('file', () => doctor.file(source, options)),
    path: (path, options) => metrics.timed('file', () => doctor.path(path, options)),
    paste: async (text, options) => {
      const started = doctor.paste(text, options);
      await metrics.timed('paste', async () => (await started).diagnosis);
      return started;
    },
  };
}

export function createContext(config: Config, logger: Logger, state = openState(config, logger)): AppContext {
  const metrics = new Metrics();
  const untimed = createDoctor({
    tenantLookup: config.TENANT_LOOKUP === 'on',
    scanWorkers: config.SCAN_WORKERS ?? defaultScanWorkers(),
    scanQueue: config.SCAN_QUEUE,
  });
  metrics.readLoadFrom(() => untimed.load());
  const doctor = timedDoctor(untimed, metrics);
  const log = logger.child({ component: 'learn' });
  const learner =
    config.LEARN === 'on'
      ? createLearner({ records: state.learning, retentionDays: config.LEARN_DAYS, warn: (m) => log.warn(m) })
      : NOT_LEARNING;
  return { config, logger, doctor, pastes: new Pastes(state), learner, state, metrics };
}
