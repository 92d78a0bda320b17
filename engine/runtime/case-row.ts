// The shapes of a case as the runtime holds it: a leaf module (it imports nothing), so the
// engine's context, the vocabulary and the SQL layer can name a case without importing the
// runtime that moves it.

/** A flag set on a case by a rule or an action (e.g. 信用提示), shown to the departments. */
export interface Flag { code: string; message: string; at: string }

export type CaseRow = Record<string, unknown> & {
  id: number; number: string; typeId: string; typeVersion: number; state: string; status: string;
  data: Record<string, unknown>; snapshot: unknown; flags: Flag[]; orgId: number | null;
  district: string | null; street: string | null; version: number;
};

/** What creating a case needs besides its type. */
export interface NewCase {
  data: Record<string, unknown>;
  orgId: number | null;
  createdBy: number | null;
  actorName: string;
}
