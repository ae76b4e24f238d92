// What the chat adapters use from the rest of the app, in one place: adapters import this module and nothing
// else under src/ (types aside), so what they depend on is visible at a glance.

export type { AppContext } from '../context.js';
export { normalizeChat } from '../core/index.js';
export type { Diagnosis, Finding, Question } from '../core/types.js';
export { FEEDBACK_WORDS, type FeedbackState } from '../learn/feedback.js';
export { errorInfo } from '../logger.js';
export { describeFacts, headline, probeHint, secretWarning } from '../render/summary.js';
export type { FrontDoor, Readiness } from '../server/frontdoor.js';
export { HttpError, mediaType, readBody, sendJson } from '../server/http.js';
export { describeTenant } from '../tenant/lookup.js';
export type { Reminder } from '../watch/expiry.js';
export type { Failure } from '../watch/state.js';
export type { Outlet } from '../watch/watcher.js';
export {
  ACKNOWLEDGE_LABEL,
  MUTE_LABEL,
  mutedSentence,
  reminderStatus,
  watchButtons,
  watchStatus,
  watchTitle,
  watchWhere,
} from '../watch/words.js';
export {
  type Answer,
  type ChatFile,
  type ChatInput,
  type ChatReply,
  Conversation,
  notALogFile,
  type Platform,
  SENTENCES,
} from './conversation.js';
export { ChatFileError } from './files.js';
export { isLogFileName } from './policy.js';
export { PlatformError, retryTransient } from './retry.js';
