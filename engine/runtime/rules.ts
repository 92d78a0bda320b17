// Cross-field rules of a type (settings.rules), run when an event asks for validation. Each names
// the field it reports on; severity "warning" keeps a visible flag on the case instead of refusing.
import { getPointer } from '../registry/pointer.js';
import type { RuleDef, TypeVersionDef } from '../registry/types.js';
import { rawOf, registerKey, type RuleContext, type RuleOutcome } from './rule-context.js';
import { RULE_CHECKS } from './rule-checks.js';
import { ROW_RULES, fieldTitle } from './rules-rows.js';
import { DATE_RULES } from './rules-dates.js';
import { REF_RULES } from './rules-refs.js';
import { CASE_RULES } from './rules-cases.js';
import { IDENTITY_RULES } from './rules-identity.js';
import { ROW_DATE_RULES } from './rules-row-dates.js';
import { SCHEMA_RULES } from './rules-schema.js';

export { rawOf, registerKey, type RuleContext, type RuleOutcome } from './rule-context.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const today = (now: Date) => now.toISOString().slice(0, 10);

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
      const other = ctx.caseId ? ' AND (case_id IS NULL OR case_id <> ?)' : '';
      const hit = await rawOf(ctx).get(
        `SELECT 1 AS hit FROM register_entries WHERE "register" = ? AND "key" = ? AND status = 'active'${other} LIMIT 1`,
        [p.register, key, ...(ctx.caseId ? [ctx.caseId] : [])],
      );
      return !hit;
    }
    case 'existsInRegister': {
      // The entry at `id`, or without `id` any entry under the `parent` the form names (e.g. a
      // contract of this company for the chosen area); optionally of the applicant and with data.
      const blank = (v: unknown) => v === undefined || v === null || v === '';
      const conds = ['"register" = ?', "status = 'active'"];
      const params: unknown[] = [p.register];
      if (p.id !== undefined) {
        if (blank(at(p.id))) return true;
        conds.push('id = ?');
        params.push(Number(at(p.id)));
      }
      if (p.parent !== undefined) {
        if (blank(at(p.parent))) return true;
        conds.push('parent_id = ?');
        params.push(Number(at(p.parent)));
      }
      if (p.ownOrg) {
        conds.push(ctx.orgId === null || ctx.orgId === undefined ? 'org_id IS NULL' : 'org_id = ?');
        if (ctx.orgId !== null && ctx.orgId !== undefined) params.push(ctx.orgId);
      }
      const where = conds.join(' AND ');
      if (!p.dataEquals && !p.match) return !!(await rawOf(ctx).get(`SELECT 1 AS hit FROM register_entries WHERE ${where} LIMIT 1`, params));
      // Data fields are compared here, not in SQL, so JSON matching is the same on SQLite and PostgreSQL.
      const wanted = Object.entries((p.match as Record<string, string> | undefined) ?? {}).map(([ptr, from]) => [ptr, at(from)] as const);
      if (wanted.some(([, v]) => blank(v))) return true;
      const same = (a: unknown, b: unknown) => String(a ?? '').trim().toUpperCase() === String(b ?? '').trim().toUpperCase();
      const entries = await rawOf(ctx).all(`SELECT data FROM register_entries WHERE ${where}`, params);
      return entries.some((e) => Object.entries((p.dataEquals as Record<string, unknown> | undefined) ?? {}).every(([ptr, v]) => getPointer(e.data, ptr) === v)
        && wanted.every(([ptr, v]) => same(getPointer(e.data, ptr), v)));
    }
    default:
      throw new Error(`rule ${rule.rule} has no implementation`); // the linter refuses unknown rules
  }
}

export async function runRules(def: TypeVersionDef, ctx: RuleContext): Promise<RuleOutcome> {
  const out: RuleOutcome = { errors: [], warnings: [] };
  for (const rule of def.settings.rules ?? []) {
    // `when`: the rule applies only while a field has a value (e.g. only to 前期 contracts).
    if (rule.when && getPointer(ctx.data, rule.when.path) !== rule.when.value) continue;
    // Rules in RULE_CHECKS report their own failures (per row, or with the measured value).
    const own = RULE_CHECKS[rule.rule] ?? ROW_RULES[rule.rule] ?? DATE_RULES[rule.rule] ?? REF_RULES[rule.rule]
      ?? CASE_RULES[rule.rule] ?? IDENTITY_RULES[rule.rule] ?? ROW_DATE_RULES[rule.rule]
      ?? SCHEMA_RULES[rule.rule];
    const failures = own ? await own(rule, ctx) : (await holds(rule, ctx)) ? [] : [{ field: rule.field, message: rule.message }];
    // A row's error names its column as the form titles it (an Excel import names the same cell).
    for (const f of failures) if (f.row !== undefined && f.column === undefined) f.column = fieldTitle(def.schema, f.field);
    for (const f of failures) {
      if (rule.severity === 'warning') out.warnings.push({ code: `RULE:${f.field}`, field: f.field, message: f.message });
      else out.errors.push(f);
    }
  }
  return out;
}
