// The rows a list rule looks at, and the parameter schema pieces the list rules share: a row
// selection (where / whereNot filters) and a row key (key columns, relative to the row).
import { getPointer } from '../../registry/pointer.js';
import { pointer, pointerList } from '../schemas.js';
import { num } from './values.js';

type Row = Record<string, unknown>;

/** Selects rows of a list: row pointer → value (a row matches when every named field equals it). */
const rowFilter = { type: 'object', propertyNames: pointer, additionalProperties: {} } as const;
export const rowSelection = { rows: pointer, where: rowFilter, whereNot: rowFilter } as const;
export const rowKey = { rows: pointer, key: pointerList, column: pointer } as const;

/** The list at a pointer of the data (nothing when it is not a list). */
export const rowsAt = (data: unknown, ptr: string): unknown[] => {
  const v = getPointer(data, ptr);
  return Array.isArray(v) ? v : [];
};

const matches = (row: unknown, filter: Row | undefined) =>
  Object.entries(filter ?? {}).every(([ptr, value]) => getPointer(row, ptr) === value);

/** The rows a list rule looks at, with their index in the list: where matches, whereNot does not. */
export function selectRows(data: unknown, p: { rows: string; where?: Row; whereNot?: Row }): Array<{ row: Row; index: number }> {
  return rowsAt(data, p.rows)
    .map((row, index) => ({ row: row as Row, index }))
    .filter(({ row }) => row && typeof row === 'object' && matches(row, p.where) && (!p.whereNot || !matches(row, p.whereNot)));
}

/** A count outside the optional bounds min and max. */
export const outside = (n: number, p: { min?: number; max?: number }) =>
  (num(p.min) !== undefined && n < (p.min as number)) || (num(p.max) !== undefined && n > (p.max as number));

/** The rows as objects (anything else counts as an empty row), for rules that fill row fields into messages. */
export const objectRows = (data: unknown, ptr: string): Row[] =>
  rowsAt(data, ptr).map((r) => (r && typeof r === 'object' ? r as Row : {}));
