// Public surface of the case runtime.
export { createCase, updateDraft, sendEvent, fireTimer, validateCaseData } from './case-runtime.js';
export { listInbox, claimTask, releaseTask, reassignTask, type InboxQuery } from './tasks.js';
export { listCases, caseView, type CaseListQuery } from './views.js';
export { canSeeCase, caseVisibilityWhere, userMatchesTask } from './access.js';
export { startTimerPoller, type TimerPoller } from './timers.js';
export { collectAttachmentIds } from './attachments.js';
