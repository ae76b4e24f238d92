export { type DiagnoseOptions, diagnose } from './diagnose.js';
export { normalizeChat } from './normalize.js';
export { linesHoldingSecrets, redactText } from './redact.js';
export { findRule, RULES } from './rules/index.js';
export { redactSecrets, secretLabel } from './secrets.js';
export { decodeText, diagnoseStream, diagnoseText, type StreamOptions } from './stream.js';
export type * from './types.js';
