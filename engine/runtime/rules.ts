// Cross-field rules of a type (settings.rules), run when an event asks for validation. Each names
// the field it reports on; severity "warning" keeps a visible flag on the case instead of refusing.
import { Op, type Transaction } from 'sequelize';
import type { FieldError } from '../errors.js';
import { getPointer, type RuleDef, type TypeVersionDef } from '../registry/index.js';
import type { Database } from '../db/index.js';

export interface RuleContext {
  db: Database;
  t?: Transaction;
  data: unknown;
  orgId: number | null;
  /** Register entries created by this very case are not duplicates of themselves. */
  caseId?: number;
  now?: Date;
}

export interface RuleOutcome {
  errors: FieldError[];
  warnings: Array<{ code: string; field: string; message: string }>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const today = (now: Date) => now.toISOString().slice(0, 10);

export function registerKey(data: unknown, pointers: string[]): string | undefined {
  const parts = pointers.map((p) => getPointer(data, p));
  if (parts.some((v) => v === undefined || v === null || v === '')) return undefined;
  return parts.map((v) => String(v).trim()).join('|');
}

/** Returns true when the rule holds (or cannot be judged because its inputs are missing). */
async function holds(rule: RuleDef, ctx: RuleContext): Promise<boolean> {
  const p = rule.params as Record<string, unknown>;
  const at = (ptr: unknown) => getPointer(ctx.data, ptr as string);
  switch (rule.rule) {
    case 'sumAtMost': {
      const parts = (p.parts as string[]).map((x) => num(at(x)));
      const total = num(at(p.total));
      if (total === undefined || parts.some((x) => x === undefined)) return true;
      return (parts as number[]).reduce((a, b) => a + b, 0) <= total + 1e-9;
    }
    case 'dateOrder': {
      const start = str(at(p.start));
      const end = str(at(p.end));
      return !start || !end || start <= end;
    }
    case 'notFuture': {
      const d = str(at(p.date));
      return !d || d.slice(0, 10) <= today(ctx.now ?? new Date());
    }
    case 'prefixOf': {
      const value = str(at(p.value));
      const prefix = str(at(p.prefix));
      return !value || !prefix || value.startsWith(prefix);
    }
    case 'uniqueInRegister': {
      const key = registerKey(ctx.data, p.key as string[]);
      if (!key) return true;
      const where: Record<string, unknown> = { register: p.register, key, status: 'active' };
      if (ctx.caseId) Object.assign(where, { [Op.or]: [{ caseId: { [Op.ne]: ctx.caseId } }, { caseId: null }] });
      return (await ctx.db.models.RegisterEntry.count({ where, transaction: ctx.t })) === 0;
    }
    case 'existsInRegister': {
      const id = at(p.id);
      if (id === undefined || id === null || id === '') return true;
      const where: Record<string, unknown> = { id: Number(id), register: p.register, status: 'active' };
      if (p.ownOrg) where.orgId = ctx.orgId;
      return (await ctx.db.models.RegisterEntry.count({ where, transaction: ctx.t })) > 0;
    }
    default:
      throw new Error(`rule ${rule.rule} has no implementation`); // the linter refuses unknown rules
  }
}

export async function runRules(def: TypeVersionDef, ctx: RuleContext): Promise<RuleOutcome> {
  const out: RuleOutcome = { errors: [], warnings: [] };
  for (const rule of def.settings.rules ?? []) {
    if (await holds(rule, ctx)) continue;
    if (rule.severity === 'warning') out.warnings.push({ code: `RULE:${rule.field}`, field: rule.field, message: rule.message });
    else out.errors.push({ field: rule.field, message: rule.message });
  }
  return out;
}
