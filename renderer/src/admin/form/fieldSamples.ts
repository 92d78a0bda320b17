// The form's example (examples[0]) kept valid while fields are added, renamed, retyped and
// removed: the engine refuses a type whose example does not validate, and the example is the
// simulator's and the print preview's sample data. Values the administrator typed are kept
// whenever they still fit.
import type { Field } from './fieldModel';
import { isObj } from './fieldModel';
import { exprHolds } from '../../../../engine/expression/index';
// The same pure check-character functions the form validator uses (GB 11643, GB 32100).
import { checkIdNumber, checkMobile, checkUscc } from '../../../../engine/validation/codes';

type Obj = Record<string, unknown>;

const SAMPLE_FORMATS: Record<string, string> = { idcard: '11010519491231002X', mobile: '13800138000', uscc: '91440604MA4UJ5RW2R', email: 'example@example.com' };
/** A syntactically valid attachment id for examples (no file behind it). */
export const SAMPLE_ATTACHMENT = '00000000-0000-4000-8000-000000000000';

const FORMAT_CHECKS: Record<string, (v: string) => boolean> = {
  idcard: (v) => checkIdNumber(v).ok, mobile: (v) => checkMobile(v).ok, uscc: (v) => checkUscc(v).ok, email: (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
};

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function sampleText(f: Field): string {
  if (f.format && SAMPLE_FORMATS[f.format]) return SAMPLE_FORMATS[f.format];
  let s = `示例${f.title}`;
  while (f.minLength !== undefined && s.length < f.minLength) s += '内容';
  return f.maxLength !== undefined ? s.slice(0, Math.max(f.maxLength, 0)) : s;
}

export function sampleValue(f: Field, district: string, street = ''): unknown {
  switch (f.kind) {
    case 'text': case 'textarea': return sampleText(f);
    case 'number': case 'integer': {
      let n = f.min ?? 1;
      if (f.max !== undefined && n > f.max) n = f.max;
      return f.kind === 'integer' ? Math.ceil(n) : n;
    }
    case 'date': return today();
    case 'datetime': return `${today()}T09:00:00+08:00`;
    case 'boolean': return false;
    case 'select': return f.options?.[0];
    case 'multiselect': return f.options?.slice(0, Math.max(f.min ?? 1, 1));
    case 'tags': return Array.from({ length: Math.max(f.min ?? (f.required ? 1 : 0), 0) }, (_, i) => `示例${f.title}${i + 1}`);
    case 'entries': return [];
    // An entry's id: the example only has to fit the form (the register is not read).
    case 'entry': return 1;
    case 'group': case 'daterange': return sampleRow(f.children ?? [], district, true);
    case 'custom': return undefined;
    case 'district': return district || undefined;
    case 'street': return street || undefined;
    case 'attachments': return Array.from({ length: Math.max(f.min ?? (f.required || f.condition?.mode === 'require' ? 1 : 0), 0) }, () => SAMPLE_ATTACHMENT);
    case 'table': return Array.from({ length: Math.max(f.min ?? 1, 1) }, () => sampleRow(f.columns ?? [], district));
    default: return undefined;
  }
}

/** A row of a list (every column) or a group's value (its required fields only, unless `all`). */
function sampleRow(columns: Field[], district: string, requiredOnly = false): Obj {
  return Object.fromEntries(columns.filter((c) => !requiredOnly || (c.required && !c.condition)).map((c) => [c.name, sampleValue(c, district)]).filter(([, v]) => v !== undefined));
}

/** Whether a value still fits the field (type, options, lengths, bounds). */
export function fits(f: Field, v: unknown): boolean {
  switch (f.kind) {
    case 'text': case 'textarea':
      return typeof v === 'string' && (f.minLength === undefined || v.length >= f.minLength) && (f.maxLength === undefined || v.length <= f.maxLength)
        && (!f.format || (FORMAT_CHECKS[f.format]?.(v) ?? true));
    case 'number': case 'integer':
      return typeof v === 'number' && (f.kind === 'number' || Number.isInteger(v)) && (f.min === undefined || v >= f.min) && (f.max === undefined || v <= f.max);
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'datetime': return typeof v === 'string' && !Number.isNaN(Date.parse(v));
    case 'multiselect': return Array.isArray(v) && v.every((x) => (f.options ?? []).includes(x as string)) && (f.min === undefined || v.length >= f.min) && (f.max === undefined || v.length <= f.max);
    case 'tags': return Array.isArray(v) && v.every((x) => typeof x === 'string') && (f.min === undefined || v.length >= f.min) && (f.max === undefined || v.length <= f.max);
    case 'entries': return Array.isArray(v) && v.every((x) => Number.isInteger(x));
    case 'entry': return Number.isInteger(v);
    case 'group': case 'daterange': return isObj(v);
    case 'boolean': return typeof v === 'boolean';
    case 'select': return typeof v === 'string' && (f.options ?? []).includes(v);
    case 'district': return typeof v === 'string' && /^\d{6}$/.test(v);
    case 'street': return typeof v === 'string' && /^\d{9}$/.test(v);
    case 'attachments': return Array.isArray(v) && v.every((x) => typeof x === 'string') && (f.min === undefined || v.length >= f.min) && (f.max === undefined || v.length <= f.max);
    case 'table': return Array.isArray(v) && v.every(isObj) && (f.min === undefined || v.length >= f.min) && (f.max === undefined || v.length <= f.max);
    default: return true;
  }
}

function conditionHolds(f: Field, data: Obj): boolean {
  return !!f.condition && f.condition.expr != null && exprHolds(f.condition.expr, { data });
}

/**
 * The example after an edit of the fields. `previous` are the field names before the edit (their
 * values go when the field goes), `renamed` carries a value over to the new name, `fresh` names
 * fields just added (they get a sample value even when optional).
 */
export function repairExample(example: unknown, fields: Field[], opts: { previous: string[]; renamed?: [string, string]; fresh?: string; district: string; street?: string }): Obj {
  const data: Obj = isObj(example) ? { ...example } : {};
  if (opts.renamed && opts.renamed[0] in data) {
    data[opts.renamed[1]] = data[opts.renamed[0]];
    delete data[opts.renamed[0]];
  }
  const names = new Set(fields.map((f) => f.name));
  for (const name of opts.previous) if (!names.has(name)) delete data[name];
  for (const f of fields) {
    if (f.kind === 'other' || f.kind === 'custom' || f.readOnly) continue;
    const v = data[f.name];
    const needed = f.condition ? conditionHolds(f, data) && (f.condition.mode === 'require' || f.required) : f.required;
    if (v === undefined) {
      if (needed || f.name === opts.fresh) {
        const s = sampleValue(f, opts.district, opts.street);
        if (s !== undefined) data[f.name] = s;
      }
      continue;
    }
    if (!fits(f, v) || (needed && Array.isArray(v) && v.length === 0)) {
      const s = sampleValue(f, opts.district, opts.street);
      if (s === undefined) delete data[f.name]; else data[f.name] = s;
      continue;
    }
    if (f.kind === 'group' || f.kind === 'daterange') {
      data[f.name] = repairExample(v, f.children ?? [], { ...opts, previous: Object.keys(v as Obj), renamed: undefined, fresh: undefined });
      continue;
    }
    if (f.kind === 'table') {
      data[f.name] = (v as Obj[]).map((row) => {
        const out: Obj = {};
        for (const c of f.columns ?? []) {
          const cv = row[c.name];
          if (cv !== undefined && fits(c, cv)) out[c.name] = cv;
          else if (c.required || cv !== undefined) { const s = sampleValue(c, opts.district); if (s !== undefined) out[c.name] = s; }
        }
        return out;
      });
    }
  }
  // A conditional field whose condition does not hold is left out (a shown-only field must not be sent).
  for (const f of fields) if (f.condition?.mode === 'show' && !conditionHolds(f, data)) delete data[f.name];
  return data;
}

/** Sample texts written for a title ("示例新字段") follow the field's new title ("示例施工单位"). */
export function retitleSamples(example: Obj, before: Field[], after: Field[], renamed?: [string, string]): Obj {
  const out: Obj = { ...example };
  const stale = (old: Field | undefined, f: Field, v: unknown) => !!old && old.title !== f.title && (f.kind === 'text' || f.kind === 'textarea') && typeof v === 'string' && v === sampleText({ ...f, title: old.title });
  for (const f of after) {
    const old = before.find((b) => b.name === (renamed && f.name === renamed[1] ? renamed[0] : f.name));
    if (stale(old, f, out[f.name])) out[f.name] = sampleText(f);
    if (f.kind === 'table' && old?.kind === 'table' && Array.isArray(out[f.name])) {
      out[f.name] = (out[f.name] as unknown[]).map((row) => {
        if (!isObj(row)) return row;
        const r: Obj = { ...row };
        for (const c of f.columns ?? []) if (stale(old.columns?.find((x) => x.name === c.name), c, r[c.name])) r[c.name] = sampleText(c);
        return r;
      });
    }
  }
  return out;
}
