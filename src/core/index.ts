export { buildHintAutomata, type DiagnoseOptions, diagnose, MessageMemo } from './diagnose.js';
export { normalizeChat } from './normalize.js';
export { linesHoldingSecrets, redactText } from './redact.js';
export { findRule, RULES } from './rules/index.js';
export { redactSecrets, secretLabel } from './secrets.js';
export {
  concludeRanges,
  decodeText,
  diagnoseStream,
  diagnoseText,
  looksBinary,
  MAX_CARRY,
  RangeJoin,
  type RangePart,
  type StreamOptions,
  scanRange,
  utf16Of,
} from './stream.js';
export type * from './types.js';
