// Public surface of the case runtime.
export { createCase, updateDraft, sendEvent, fireTimer, validateCaseData, caseOps } from './case-runtime.js';
export { listInbox, claimTask, releaseTask, reassignTask, type InboxQuery } from './tasks.js';
export { listCases, caseListWhere, caseView, type CaseListQuery } from './views.js';
export { canSeeCase, caseVisibilityWhere, userMatchesTask, scopeOf, isStaff, requireStaff, entryVisibilityWhere, canSeeOrgProfile } from './access.js';
export { stateTitle, isEditable } from './states.js';
export { printsNow, printAllowedNow, printTitle } from './prints-now.js';
export { startTimerPoller, type TimerPoller } from './timers.js';
export { collectAttachmentIds } from './attachments.js';
export { resolvePrefill } from './prefill.js';
export { checkData, checkCase, checkNew, type CheckResult } from './check.js';
export { listPublicCases, publicCaseView, lodgeObjection, takesObjections, DEFAULT_OBJECTION_FORM, type PublicityQuery } from './publicity.js';
export { summariseEntries, type FieldSummary, type GroupSummary } from './reports.js';
export { dashboardBreakdowns, valuesAt, type Breakdown } from './breakdowns.js';
export { dashboardStats, type DashboardStats } from './dashboard.js';
export {
  districtNames, findActiveEntry, findVisibleEntry, listPublicEntries, listVisibleEntries, reportEntryData,
  type EntryListQuery, type PublicEntryQuery,
} from './register-entries.js';
export { createCasesFromRows, type CreatedRow, type RejectedRow } from './bulk-create.js';
