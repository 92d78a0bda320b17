// The columns of an Excel sheet, derived from a form's JSON Schema: the root form (a register, one
// row per case) or the item schema of a nested list (`path`, e.g. /houses). Nested objects are
// flattened into "四至-东至" columns; attachments have no cell; a list of objects has none either
// unless settings.imports[path].slots gives it numbered column groups ("证书1-证书名称", pointer
// /certificates/0/name), which the importer reads back into a list.
// Everything the template draws and the importer checks comes from here, so nothing is per business.
import { AppError } from '../errors.js';
import type { JsonSchema, TypeVersionDef } from '../registry/index.js';
import { pointerKeys } from '../registry/pointer.js';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ColumnKind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'enum' | 'list';

export interface Option { value: string | number | boolean; label: string }

export interface Column {
  /** JSON pointer inside one row object (the item), e.g. /boundaries/east. */
  pointer: string;
  /** Header text without the required mark; unique in the sheet. */
  title: string;
  kind: ColumnKind;
  required: boolean;
  options?: Option[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The schema's own explanation of its pattern/format (x-message), if any. */
  patternMessage?: string;
  description?: string;
  example?: unknown;
  /** For a list column: the kind of its items (a list of numbers, e.g. area ids, is converted to numbers). */
  itemKind?: ColumnKind;
}

export interface SheetSpec {
  /** '' for the whole form, else the pointer of the nested list. */
  path: string;
  title: string;
  /** The schema one row is validated with (the item schema, with the root's definitions). */
  rowSchema: Schema;
  columns: Column[];
  /** Columns whose values together must be unique inside one file (settings.imports[path].key). */
  keyColumns: Column[];
  /** Bounds of the list itself (minItems/maxItems of the array), when importing into a list. */
  minItems?: number;
  maxItems?: number;
}

function resolveRef(root: Schema, s: unknown, depth = 0): Schema | undefined {
  if (!isObj(s)) return undefined;
  if (typeof s.$ref !== 'string' || depth > 16) return s;
  if (!s.$ref.startsWith('#/')) return s;
  let cur: unknown = root;
  for (const tok of s.$ref.slice(2).split('/')) cur = isObj(cur) ? cur[decodeURIComponent(tok).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return resolveRef(root, cur, depth + 1);
}

const mainType = (s: Schema): string | undefined => {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return typeof t === 'string' ? t : undefined;
};

/** Enumerated choices with labels: `enum` (+ rjsf `enumNames`), or oneOf/anyOf of `const` + title. */
function optionsOf(s: Schema): Option[] | undefined {
  if (Array.isArray(s.enum)) {
    const names = Array.isArray(s.enumNames) ? s.enumNames : [];
    return s.enum.filter((v) => v !== null).map((v, i) => ({ value: v as Option['value'], label: typeof names[i] === 'string' ? names[i] as string : String(v) }));
  }
  for (const k of ['oneOf', 'anyOf']) {
    const list = s[k];
    if (Array.isArray(list) && list.length && list.every((b) => isObj(b) && 'const' in b)) {
      return (list as Schema[]).map((b) => ({ value: b.const as Option['value'], label: typeof b.title === 'string' ? b.title : String(b.const) }));
    }
  }
  return undefined;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

function leafColumn(s: Schema, pointer: string, title: string, required: boolean): Column | undefined {
  const type = mainType(s);
  const options = optionsOf(s);
  const num = (k: string) => (typeof s[k] === 'number' ? s[k] as number : undefined);
  const base = {
    pointer, title, required, description: typeof s.description === 'string' ? s.description : undefined,
    example: Array.isArray(s.examples) ? s.examples[0] : undefined,
    patternMessage: typeof s['x-message'] === 'string' ? s['x-message'] as string : undefined,
  };
  if (options) return { ...base, kind: 'enum', options };
  if (type === 'boolean') return { ...base, kind: 'boolean', options: [{ value: true, label: '是' }, { value: false, label: '否' }] };
  if (type === 'number' || type === 'integer') {
    return {
      ...base, kind: type, minimum: num('minimum'), maximum: num('maximum'),
      exclusiveMinimum: num('exclusiveMinimum'), exclusiveMaximum: num('exclusiveMaximum'),
    };
  }
  if (type === 'string') {
    const format = typeof s.format === 'string' ? s.format : undefined;
    if (format === 'attachment') return undefined; // uploaded files have no cell
    const kind: ColumnKind = format === 'date' ? 'date' : format === 'date-time' ? 'datetime' : 'string';
    return {
      ...base, kind, format, minLength: num('minLength'), maxLength: num('maxLength'),
      pattern: typeof s.pattern === 'string' ? s.pattern : undefined,
    };
  }
  return undefined;
}

/** Numbered column groups per list of objects (pointer inside the row → how many). */
type Slots = Record<string, number>;

function walk(root: Schema, raw: Schema, prefix: string, titlePrefix: string, required: boolean, out: Column[], slots: Slots = {}) {
  const s = resolveRef(root, raw) ?? {};
  const props = isObj(s.properties) ? s.properties : {};
  const req = new Set(Array.isArray(s.required) ? s.required as string[] : []);
  for (const [name, rawChild] of Object.entries(props)) {
    const child = resolveRef(root, rawChild);
    // readOnly fields are written by the server (a record's 最后修改时间, its 名录编码): no cell.
    if (!child || child.readOnly === true) continue;
    const pointer = `${prefix}/${esc(name)}`;
    const own = typeof child.title === 'string' && child.title ? child.title : name;
    const title = titlePrefix ? `${titlePrefix}-${own}` : own;
    const childRequired = required && req.has(name);
    const type = mainType(child);
    if (type === 'object' && isObj(child.properties) && !optionsOf(child)) {
      walk(root, child, pointer, title, childRequired, out, slots);
    } else if (type === 'array') {
      const items = resolveRef(root, child.items);
      if (items && mainType(items) === 'object' && slots[pointer]) {
        // Slots are optional as a whole: a slot's own required fields apply once any cell of it is filled.
        for (let i = 0; i < slots[pointer]; i++) walk(root, items, `${pointer}/${i}`, `${own}${i + 1}`, false, out, slots);
        continue;
      }
      // A list of plain values (e.g. several property types) fits one cell, separated by 、
      const itemCol = items && mainType(items) !== 'object' && mainType(items) !== 'array' ? leafColumn(items, pointer, title, childRequired) : undefined;
      if (itemCol && itemCol.kind !== 'date' && itemCol.kind !== 'datetime') {
        out.push({ ...itemCol, kind: 'list', itemKind: itemCol.kind, required: childRequired && (typeof child.minItems === 'number' && child.minItems > 0), description: itemCol.description });
      }
    } else {
      const col = leafColumn(child, pointer, title, childRequired);
      if (col) out.push(col);
    }
  }
}

/** The schema at a pointer of the form (following properties, not data). */
function schemaAt(root: Schema, pointer: string): Schema | undefined {
  let cur: Schema | undefined = resolveRef(root, root);
  for (const seg of pointerKeys(pointer)) {
    const props: unknown = cur?.properties;
    cur = isObj(props) && Object.hasOwn(props, seg) ? resolveRef(root, props[seg]) : undefined;
    if (!cur) return undefined;
  }
  return cur;
}

const POINTER = /^(\/[^/]+)*$/;

interface ImportSetting { key?: string[]; title?: string; slots?: Slots }

/** Columns and row schema for one sheet of a type: the whole form, or the nested list at `path`. */
export function sheetSpec(def: TypeVersionDef, rawPath: string | undefined): SheetSpec {
  const path = (rawPath ?? '').trim().replace(/\/$/, '');
  if (!POINTER.test(path)) throw new AppError('BAD_REQUEST', { reason: `path 应为 JSON 指针（如 /houses）：${rawPath}` });
  const root = def.schema as Schema;
  let rowSchema: Schema;
  let title = def.settings.title;
  let minItems: number | undefined;
  let maxItems: number | undefined;
  if (path === '') {
    rowSchema = root;
  } else {
    const list = schemaAt(root, path);
    const items = list && mainType(list) === 'array' ? resolveRef(root, list.items) : undefined;
    if (!list || !items || mainType(items) !== 'object') {
      throw new AppError('NOT_FOUND', { what: `表单「${def.settings.title}」中的列表 ${path}` });
    }
    rowSchema = items;
    title = typeof list.title === 'string' ? list.title : title;
    minItems = typeof list.minItems === 'number' ? list.minItems : undefined;
    maxItems = typeof list.maxItems === 'number' ? list.maxItems : undefined;
  }
  const setting = ((def.settings.imports as Record<string, ImportSetting> | undefined) ?? {})[path || '/'] ?? {};
  const columns: Column[] = [];
  walk(root, rowSchema, '', '', true, columns, setting.slots);
  // Header titles must be unique: a repeated title gets its pointer to tell them apart.
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(c.title, (seen.get(c.title) ?? 0) + 1);
  for (const c of columns) if ((seen.get(c.title) ?? 0) > 1) c.title = `${c.title}（${c.pointer}）`;
  // Examples: the form's first example, at the list's first item.
  const example = exampleRow(root, path);
  if (example) for (const c of columns) c.example ??= pick(example, c.pointer);

  const keyColumns = (setting.key ?? []).map((k) => {
    const pointer = k.startsWith('/') ? k : `/${esc(k)}`;
    const col = columns.find((c) => c.pointer === pointer);
    if (!col) throw new AppError('DEF_INVALID', { file: `types/${def.id}.json`, path: `/imports/${path || '/'}/key`, reason: `列 ${k} 不在表格中` });
    return col;
  });
  const defs = isObj(root.definitions) || isObj(root.$defs) ? { definitions: root.definitions, $defs: root.$defs } : {};
  return { path, title: setting.title ?? title, rowSchema: path === '' ? rowSchema : { ...defs, ...rowSchema }, columns, keyColumns, minItems, maxItems };
}

/** A JSON pointer's keys: '/a~1b/c' → ['a/b', 'c']. */
export { pointerKeys };

/** The value at a pointer, given as its keys (split once, for a loop over many rows). */
export function pickKeys(data: unknown, keys: string[]): unknown {
  let cur = data;
  for (const seg of keys) {
    if (!isObj(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

export const pick = (data: unknown, pointer: string): unknown => pickKeys(data, pointerKeys(pointer));

function exampleRow(root: JsonSchema | Schema, path: string): unknown {
  const ex = Array.isArray(root.examples) ? root.examples[0] : undefined;
  if (path === '') return ex;
  const list = pick(ex, path);
  return Array.isArray(list) ? list[0] : undefined;
}

/** Header text as drawn: required columns carry a leading *. */
export const headerText = (c: Column) => (c.required ? `*${c.title}` : c.title);

/** Header text as typed by people: without the required mark, spaces or a trailing "(必填)". */
export const normalizeHeader = (s: string) =>
  s.replace(/[\s\u3000]+/g, '').replace(/^[*＊]+|[*＊]+$/g, '').replace(/[（(]必填[)）]$/, '');
