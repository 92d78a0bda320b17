// Public surface of accounts, sessions and access control.
export { hashPassword, verifyPassword, passwordWeakness } from './passwords.js';
export { createSession, destroySession, loadSessionUser, toSessionUser, SESSION_COOKIE, type SessionUser } from './sessions.js';
export {
  registerAccount, login, changePassword, registrationTypes, toOrgView, PILOT_WARNING,
  type OrgView, type LoginResult,
} from './accounts.js';
export { requireUser, requireRole } from './access.js';
export { hitRateLimit, enforceRateLimit, rateLimitCount, clearRateLimit, type RateLimitResult } from './rate-limit.js';
