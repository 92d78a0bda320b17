// What a rule's code is given (the database, the transaction, the data, the organisation) and the
// helpers every rule file shares. A leaf module: rule files import it, it imports no rule file.
import type { Transaction } from 'sequelize';
import type { FieldError } from '../errors.js';
import type { Database } from '../db/index.js';
import { getPointer } from '../registry/pointer.js';

export interface RuleContext {
  db: Database;
  t?: Transaction;
  data: unknown;
  orgId: number | null;
  /** Register entries created by this very case are not duplicates of themselves. */
  caseId?: number;
  now?: Date;
}

/** Prepared statements in the rule's transaction, or reads outside one (engine/db/raw.ts). */
export const rawOf = (ctx: RuleContext) => (ctx.t ? ctx.db.sql(ctx.t) : ctx.db.read);

export interface RuleOutcome {
  errors: FieldError[];
  warnings: Array<{ code: string; field: string; message: string }>;
}

export function registerKey(data: unknown, pointers: string[]): string | undefined {
  const parts = pointers.map((p) => getPointer(data, p));
  if (parts.some((v) => v === undefined || v === null || v === '')) return undefined;
  return parts.map((v) => String(v).trim()).join('|');
}
