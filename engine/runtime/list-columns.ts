// The values a case list shows of each case: its type version's settings.listColumns, read from
// the case data by JSON pointer in the database — never the whole data (a filing with thousands
// of houses would otherwise travel with every list page). ID numbers are masked as in the public
// views (个人信息保护法): a column whose schema says `format: idcard`, and defensively any value
// that is a valid ID number; long texts are cut for the list. The fields of the type's list links
// (settings.listLinks, e.g. a facility's register id for its 维修记录) are read the same way.
import { QueryTypes } from 'sequelize';
import type { Engine } from '../context.js';
import type { JsonSchema, TypeVersionDef } from '../registry/index.js';
import { pointerKeys } from '../registry/pointer.js';
import { checkIdNumber, maskIdNumber } from '../validation/index.js';

/** Column values of one case: list-column pointer → value (null when the field is empty). */
export type ListColumnValues = Record<string, unknown>;

const MAX_TEXT = 200;

const keysOf = pointerKeys;

/** The schema of the field a pointer names (through properties and array items), if the form declares it. */
function schemaAt(schema: JsonSchema, pointer: string): Record<string, unknown> | undefined {
  let cur: Record<string, unknown> | undefined = schema;
  for (const key of keysOf(pointer)) {
    if (!cur) return undefined;
    const props = cur.properties as Record<string, Record<string, unknown>> | undefined;
    cur = props?.[key] ?? (/^\d+$/.test(key) ? (cur.items as Record<string, unknown> | undefined) : undefined);
  }
  return cur;
}

const isIdNumber = (v: unknown): boolean => typeof v === 'string' && v.length === 18 && checkIdNumber(v).ok;

function shown(value: unknown, idcard: boolean): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') {
    if (idcard || isIdNumber(value)) return maskIdNumber(value);
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  }
  if (Array.isArray(value)) return value.map((v) => shown(v, idcard));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v, false)]));
  return value;
}

/** The SQL expression reading the value at `pointer` of `c.data` as JSON, with its bound parameters. */
function extract(dialect: string, pointer: string, name: string): { sql: string; params: Record<string, unknown> } {
  const keys = keysOf(pointer);
  if (dialect === 'postgres') {
    // A text[] path of bound parameters: no key is ever spliced into the SQL.
    const params = Object.fromEntries(keys.map((k, i) => [`${name}_${i}`, k]));
    const path = keys.length ? `ARRAY[${keys.map((_, i) => `:${name}_${i}`).join(', ')}]::text[]` : 'ARRAY[]::text[]';
    return { sql: `c.data #> ${path}`, params };
  }
  // SQLite: a JSON path ($."key"[0]); json_quote makes every value JSON text, strings included.
  const path = '$' + keys.map((k) => (/^\d+$/.test(k) ? `[${k}]` : `."${k.replace(/"/g, '')}"`)).join('');
  return { sql: `json_quote(json_extract(c.data, :${name}))`, params: { [name]: path } };
}

/**
 * The list-column values of the given cases, each read by its own type version's columns:
 * case id → values. One query for the page; cases of types without list columns are not read.
 */
const fieldsOf = (def: TypeVersionDef): string[] => [
  ...(def.settings.listColumns ?? []).map((c) => c.field), ...(def.settings.listLinks ?? []).map((l) => l.field),
];

export async function listColumnValues(engine: Engine, rows: Array<{ id: number; def: TypeVersionDef }>): Promise<Map<number, ListColumnValues>> {
  const out = new Map<number, ListColumnValues>();
  const wanted = rows.filter((r) => fieldsOf(r.def).length);
  if (!wanted.length) return out;
  const pointers = [...new Set(wanted.flatMap((r) => fieldsOf(r.def)))];
  const dialect = engine.db.dialect;
  const parts = pointers.map((p, i) => extract(dialect, p, `lv${i}`));
  const sql = `SELECT c.id, ${parts.map((x, i) => `${x.sql} AS v${i}`).join(', ')} FROM cases c WHERE c.id IN (:lvIds)`;
  const params = Object.assign({ lvIds: wanted.map((r) => r.id) }, ...parts.map((x) => x.params));
  const found = await engine.db.sequelize.query<Record<string, unknown>>(sql, { replacements: params, type: QueryTypes.SELECT });
  const byId = new Map(found.map((r) => [Number(r.id), r]));
  for (const { id, def } of wanted) {
    const row = byId.get(id);
    const values: ListColumnValues = {};
    for (const field of fieldsOf(def)) {
      let raw = row?.[`v${pointers.indexOf(field)}`];
      // SQLite answers JSON text; PostgreSQL's json is parsed by the driver.
      if (dialect !== 'postgres' && typeof raw === 'string') raw = JSON.parse(raw);
      values[field] = shown(raw, schemaAt(def.schema, field)?.format === 'idcard');
    }
    out.set(id, values);
  }
  return out;
}
