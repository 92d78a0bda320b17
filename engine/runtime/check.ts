// Checking a form's data without submitting it: the full schema and the type's rules, exactly as
// 保存并提交 will run them, with the result per row of every list (so 业委会成员 show 验证有效 or
// why not while the applicant is still typing). Nothing is written.
import type { Engine } from '../context.js';
import { AppError, type FieldError } from '../errors.js';
import type { SessionUser } from '../auth/types.js';
import type { TypeVersionDef } from '../registry/index.js';
import { validateForm } from '../validation/index.js';
import { fillData } from './data-fill.js';
import { runRules } from './rules.js';
import { canSeeCase } from './access.js';

type Data = Record<string, unknown>;

/** /members/2/idNumber → the list /members and index 2; undefined when the pointer is not in a row. */
function rowOf(pointer: string): { list: string; index: number } | undefined {
  const m = pointer.match(/^(.*?)\/(\d+)\/[^/]/);
  return m ? { list: m[1], index: Number(m[2]) } : undefined;
}

/** Errors of a field inside a list row say which row: 「第 3 行：「身份证号码」校验位错误…」. */
export function labelRows(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    const at = rowOf(e.field);
    if (!at || e.message.startsWith('第 ')) return e;
    return { ...e, row: at.index + 1, message: `第 ${at.index + 1} 行：${e.message}` };
  });
}

export interface RowResult {
  row: number;
  ok: boolean;
  errors: FieldError[];
  warnings: FieldError[];
}

export interface CheckResult {
  ok: boolean;
  /** The data as it would be stored: organisation fields and derived shares filled in. */
  data: Data;
  errors: FieldError[];
  warnings: Array<{ code: string; field: string; message: string }>;
  /** Per list pointer (e.g. "/members"), one result per row, in order. */
  rows: Record<string, RowResult[]>;
}

/** Lists of objects anywhere in the data, by pointer. */
function listsIn(value: unknown, path = '', out: Record<string, unknown[]> = {}): Record<string, unknown[]> {
  if (Array.isArray(value)) {
    if (value.some((v) => v && typeof v === 'object' && !Array.isArray(v))) out[path] = value;
    value.forEach((v, i) => listsIn(v, `${path}/${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) listsIn(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

export async function checkData(engine: Engine, def: TypeVersionDef, raw: Data, orgId: number | null, caseId?: number): Promise<CheckResult> {
  const data = await fillData(engine, def, raw, orgId);
  const schemaErrors = labelRows(validateForm(engine.ajv, def.schema, data));
  const outcome = await runRules(def, { db: engine.db, data, orgId, caseId });
  const errors = [...schemaErrors, ...outcome.errors.filter((e) => !schemaErrors.some((x) => x.field === e.field))];
  const rows: Record<string, RowResult[]> = {};
  for (const [list, items] of Object.entries(listsIn(data))) {
    rows[list] = items.map((_, i) => {
      const inRow = (f: { field: string }) => f.field.startsWith(`${list}/${i}/`);
      const own = errors.filter(inRow);
      return { row: i + 1, ok: own.length === 0, errors: own, warnings: outcome.warnings.filter(inRow).map((w) => ({ field: w.field, message: w.message })) };
    });
  }
  return { ok: errors.length === 0, data, errors, warnings: outcome.warnings, rows };
}

/** Checks a case's data (or unsaved edits of it) with the rules of the case's own type version. */
export async function checkCase(engine: Engine, user: SessionUser, caseId: number, data?: Data): Promise<CheckResult> {
  if (!(await canSeeCase(engine.db, engine.registry.roles, user, caseId))) throw new AppError('NOT_FOUND', { what: '业务单' });
  const row = await engine.db.models.Case.findByPk(caseId, { raw: true });
  if (!row) throw new AppError('NOT_FOUND', { what: '业务单' });
  const def = await engine.registry.get(row.typeId as string, row.typeVersion as number);
  return checkData(engine, def, data ?? (row.data as Data), row.orgId as number | null, caseId);
}

/** Checks data for a new case of a type before any case exists (the caller must be able to start one). */
export async function checkNew(engine: Engine, user: SessionUser, typeId: string, data: Data): Promise<CheckResult> {
  const def = engine.registry.current(typeId);
  if (!def) throw new AppError('NOT_FOUND', { what: `业务类型 ${typeId}` });
  if (!def.settings.starters.includes(user.role)) throw new AppError('FORBIDDEN');
  return checkData(engine, def, data, user.orgId);
}
