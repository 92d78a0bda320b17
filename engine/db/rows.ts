// One decoder for the rows of both databases and both paths (the models' `{ raw: true }` reads and
// the prepared statements of ./raw.ts), so a caller sees the same JS values wherever a row comes
// from: JSON columns parsed, dates as Date, booleans as booleans. PostgreSQL's driver returns these
// already; SQLite returns JSON as text, dates as the text Sequelize wrote ('2026-11-27 07:37:09.123
// +00:00') and booleans as 0 / 1. Which column is which comes from ./schema.ts, by name: a name has
// one kind in every table (checked below), so rows of joins and RETURNING * decode the same way.
import { SCHEMA, snakeCase, tableColumns, type ColumnKind, type TableName } from './schema.js';

type Decoded = Extract<ColumnKind, 'json' | 'date' | 'boolean'>;
const isDecoded = (k: ColumnKind): k is Decoded => k === 'json' || k === 'date' || k === 'boolean';

/** Column kinds by attribute name and by column name (snake_case). */
function kindsByName(): Map<string, Decoded> {
  const seen = new Map<string, { kind: ColumnKind; table: string }>();
  const out = new Map<string, Decoded>();
  for (const table of Object.keys(SCHEMA) as TableName[]) {
    for (const [name, c] of Object.entries(tableColumns(table))) {
      const before = seen.get(name);
      // Two kinds under one name would make the decoding of a row depend on its table.
      if (before && before.kind !== c.kind && (isDecoded(before.kind) || isDecoded(c.kind))) {
        throw new Error(`column ${name} is ${before.kind} in ${before.table} but ${c.kind} in ${table}`);
      }
      seen.set(name, { kind: c.kind, table });
      if (isDecoded(c.kind)) out.set(name, c.kind).set(snakeCase(name), c.kind);
    }
  }
  return out;
}
const KINDS = kindsByName();

// How SQLite holds a DATE written by Sequelize or ./raw.ts's sqliteDate, or by CURRENT_TIMESTAMP (UTC, no zone).
const SQLITE_DATE = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?) ?(Z|[+-]\d\d:\d\d)?$/;

function toDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = SQLITE_DATE.exec(v);
  const d = new Date(m ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : v);
  return Number.isNaN(d.getTime()) ? v : d;
}

function toJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v; // not JSON text (written by hand): as stored
  }
}

/** A column's value as the engine reads it, by the column's (or attribute's) name. */
export function decodeValue(name: string, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  switch (KINDS.get(name)) {
    case 'json': return toJson(v);
    case 'date': return toDate(v);
    case 'boolean': return typeof v === 'number' ? v !== 0 : v;
    default: return v;
  }
}

const camel = new Map<string, string>();
const toCamel = (col: string) => {
  let c = camel.get(col);
  if (c === undefined) camel.set(col, (c = col.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())));
  return c;
};

/** A row of a prepared statement (snake_case columns) as the models give it: camelCase keys, decoded values. */
export function decodeColumns(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col in row) out[toCamel(col)] = decodeValue(col, row[col]);
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A row of a model's `{ raw: true }` read (attribute keys), decoded in place. Included models come
 * nested (`nest: true`, decoded recursively) or as `case.data` keys (decoded by the last part).
 */
export function decodeAttributes(row: unknown): unknown {
  if (!isPlain(row)) return row; // model instances decode through their own getters
  for (const [k, v] of Object.entries(row)) {
    const name = k.includes('.') ? k.slice(k.lastIndexOf('.') + 1) : k;
    // A JSON column's value is the user's data: its keys are not columns.
    if (isPlain(v) && KINDS.get(name) !== 'json') { decodeAttributes(v); continue; }
    const decoded = decodeValue(name, v);
    if (decoded !== v) row[k] = decoded;
  }
  return row;
}
