// The form as a list of fields, both ways: read from a JSON Schema + uiSchema, and written back
// into them (properties, required, ui:order, widgets, table options and simple conditions as
// if/then). What the list does not manage is kept as it was: unknown keywords of a field stay in
// `rest`, its uiSchema in `ui`, conditions the list cannot show stay in the schema untouched.
import type { JsonSchema } from '../../api/model';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'boolean' | 'select' | 'district' | 'street' | 'attachments' | 'table' | 'other';

export const KIND_TITLES: Record<FieldKind, string> = {
  text: '单行文本', textarea: '多行文本', number: '数字', integer: '整数', date: '日期', boolean: '是/否', select: '下拉选择',
  district: '区县', street: '街道（随区县）', attachments: '附件', table: '表格（明细列表）', other: '其他（仅 JSON 编辑）',
};
/** Kinds a table column may have. */
export const COLUMN_KINDS: FieldKind[] = ['text', 'number', 'integer', 'date', 'boolean', 'select', 'district'];
export const TEXT_FORMATS: Record<string, string> = { '': '不限', idcard: '身份证号码', mobile: '手机号码', uscc: '统一社会信用代码', email: '电子邮箱' };

export interface Condition {
  /** The field whose value decides (a sibling at the top level). */
  field: string;
  value: unknown;
  /** require: X is required when Y = value; show: X only exists (and shows) when Y = value. */
  mode: 'require' | 'show';
}

export interface Field {
  name: string;
  title: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  /** number/integer: minimum/maximum; attachments/table: minItems/maxItems. */
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  columns?: Field[];
  condition?: Condition;
  /** Keywords the list does not manage, kept as they were. */
  rest: Obj;
  /** The field's uiSchema, kept (the keys the list manages are rewritten). */
  ui: Obj;
}

export interface FormModel {
  fields: Field[];
  /** Conditions (if/then) the list cannot show: kept in the schema untouched. */
  keptConditions: number;
}

const MANAGED: Record<FieldKind, string[]> = {
  text: ['type', 'title', 'description', 'minLength', 'maxLength', 'format'],
  textarea: ['type', 'title', 'description', 'minLength', 'maxLength'],
  number: ['type', 'title', 'description', 'minimum', 'maximum'],
  integer: ['type', 'title', 'description', 'minimum', 'maximum'],
  date: ['type', 'title', 'description', 'format'],
  boolean: ['type', 'title', 'description'],
  select: ['type', 'title', 'description', 'enum'],
  district: ['type', 'title', 'description', 'format'],
  street: ['type', 'title', 'description', 'format'],
  attachments: ['type', 'title', 'description', 'items', 'minItems', 'maxItems'],
  table: ['type', 'title', 'description', 'items', 'minItems', 'maxItems'],
  other: [],
};

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const omit = (o: Obj, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

function kindOf(s: Obj, ui: Obj, column: boolean): FieldKind {
  const type = s.type;
  if (type === 'string') {
    if (Array.isArray(s.enum)) return s.enum.every((x) => typeof x === 'string') ? 'select' : 'other';
    if (s.format === 'date') return 'date';
    if (s.format === 'district') return 'district';
    if (s.format === 'street' && !column) return 'street';
    if (s.format !== undefined && !(String(s.format) in TEXT_FORMATS)) return 'other';
    if (!column && (ui['ui:widget'] === 'textarea' || (typeof s.maxLength === 'number' && s.maxLength >= 500 && !s.format))) return 'textarea';
    return 'text';
  }
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (column) return 'other';
  if (type === 'array' && isObj(s.items)) {
    const items = s.items;
    if (items.type === 'string' && items.format === 'attachment' && Object.keys(items).length === 2) return 'attachments';
    if (items.type === 'object' && isObj(items.properties)) {
      const ok = Object.values(items.properties).every((c) => isObj(c) && kindOf(c, {}, true) !== 'other');
      const itemsRest = omit(items, ['type', 'properties', 'required']);
      return ok && Object.keys(itemsRest).length === 0 ? 'table' : 'other';
    }
  }
  return 'other';
}

export function fieldFromSchema(name: string, s: Obj, ui: Obj, required: boolean, column = false): Field {
  const kind = kindOf(s, ui, column);
  const f: Field = { name, title: typeof s.title === 'string' ? s.title : name, kind, required, rest: kind === 'other' ? { ...s } : omit(s, MANAGED[kind]), ui: { ...ui } };
  if (kind === 'other') return f;
  if (typeof s.description === 'string') f.description = s.description;
  if (kind === 'text' || kind === 'textarea') { f.minLength = num(s.minLength); f.maxLength = num(s.maxLength); }
  if (kind === 'text' && typeof s.format === 'string') f.format = s.format;
  if (kind === 'number' || kind === 'integer') { f.min = num(s.minimum); f.max = num(s.maximum); }
  if (kind === 'select') f.options = (s.enum as string[]).slice();
  if (kind === 'attachments' || kind === 'table') { f.min = num(s.minItems); f.max = num(s.maxItems); }
  if (kind === 'table') {
    const items = s.items as Obj;
    const req = Array.isArray(items.required) ? (items.required as string[]) : [];
    const itemUi = isObj(ui.items) ? ui.items : {};
    const order = Array.isArray(itemUi['ui:order']) ? (itemUi['ui:order'] as string[]).filter((n) => n !== '*') : [];
    const names = Object.keys(items.properties as Obj);
    const sorted = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
    f.columns = sorted.map((n) => fieldFromSchema(n, (items.properties as Obj)[n] as Obj, isObj(itemUi[n]) ? itemUi[n] as Obj : {}, req.includes(n), true));
  }
  return f;
}

export function schemaOfField(f: Field): Obj {
  if (f.kind === 'other') return { ...f.rest, ...(f.title && f.title !== f.name ? { title: f.title } : {}) };
  const out: Obj = {};
  const typeOf: Record<string, string> = { number: 'number', integer: 'integer', boolean: 'boolean', attachments: 'array', table: 'array' };
  out.type = typeOf[f.kind] ?? 'string';
  out.title = f.title;
  if (f.description) out.description = f.description;
  switch (f.kind) {
    case 'text': case 'textarea':
      if (f.format && f.kind === 'text') out.format = f.format;
      if (f.minLength !== undefined) out.minLength = f.minLength;
      if (f.maxLength !== undefined) out.maxLength = f.maxLength;
      break;
    case 'number': case 'integer':
      if (f.min !== undefined) out.minimum = f.min;
      if (f.max !== undefined) out.maximum = f.max;
      break;
    case 'date': out.format = 'date'; break;
    case 'district': out.format = 'district'; break;
    case 'street': out.format = 'street'; break;
    case 'select': out.enum = (f.options ?? []).filter((o) => o !== ''); break;
    case 'attachments': {
      const min = f.min ?? (f.required ? 1 : undefined);
      if (min !== undefined) out.minItems = min;
      if (f.max !== undefined) out.maxItems = f.max;
      out.items = { type: 'string', format: 'attachment' };
      break;
    }
    case 'table': {
      const min = f.min ?? (f.required ? 1 : undefined);
      if (min !== undefined) out.minItems = min;
      if (f.max !== undefined) out.maxItems = f.max;
      const cols = f.columns ?? [];
      const required = cols.filter((c) => c.required).map((c) => c.name);
      out.items = { type: 'object', ...(required.length ? { required } : {}), properties: Object.fromEntries(cols.map((c) => [c.name, schemaOfField(c)])) };
      break;
    }
    default: break;
  }
  return { ...out, ...f.rest };
}

export function uiOfField(f: Field): Obj {
  const ui: Obj = { ...f.ui };
  if (f.kind === 'attachments') ui['ui:widget'] = 'files';
  else if (f.kind === 'textarea') ui['ui:widget'] = 'textarea';
  else if (ui['ui:widget'] === 'files' || ui['ui:widget'] === 'textarea') delete ui['ui:widget'];
  if (f.kind === 'table') {
    ui['ui:options'] = { ...(isObj(ui['ui:options']) ? ui['ui:options'] : {}), table: true };
    const itemUi: Obj = { ...(isObj(ui.items) ? ui.items : {}) };
    for (const c of f.columns ?? []) {
      const cu = uiOfField(c);
      if (Object.keys(cu).length) itemUi[c.name] = cu; else delete itemUi[c.name];
    }
    itemUi['ui:order'] = (f.columns ?? []).map((c) => c.name);
    ui.items = itemUi;
  } else if (isObj(ui['ui:options']) && 'table' in ui['ui:options']) {
    const { table: _drop, ...options } = ui['ui:options']; // eslint-disable-line @typescript-eslint/no-unused-vars
    if (Object.keys(options).length) ui['ui:options'] = options; else delete ui['ui:options'];
    delete ui.items;
  }
  return ui;
}

// ---- conditions (if/then) -------------------------------------------------------------------

interface SimpleCondition { when: string; value: unknown; names: string[]; mode: 'require' | 'show'; shown?: Obj; shownRequired?: boolean }

/** `{ if: { properties: { Y: { const: v } }, required: [Y] }, then: { required: [X…] } | { properties: { X: … }, required?: [X] } }`. */
function readSimple(block: unknown): SimpleCondition | null {
  if (!isObj(block) || !isObj(block.if) || !isObj(block.then) || 'else' in block) return null;
  if (Object.keys(block).some((k) => k !== 'if' && k !== 'then')) return null;
  const cond = block.if;
  if (Object.keys(cond).some((k) => k !== 'properties' && k !== 'required') || !isObj(cond.properties)) return null;
  const props = Object.entries(cond.properties);
  if (props.length !== 1) return null;
  const [when, test] = props[0];
  if (!isObj(test) || Object.keys(test).length !== 1 || !('const' in test)) return null;
  if (cond.required !== undefined && !(Array.isArray(cond.required) && cond.required.length === 1 && cond.required[0] === when)) return null;
  const then = block.then;
  const required = Array.isArray(then.required) ? (then.required as unknown[]) : undefined;
  if (required && !required.every((r) => typeof r === 'string')) return null;
  if (Object.keys(then).every((k) => k === 'required') && required?.length) {
    return { when, value: test.const, names: required as string[], mode: 'require' };
  }
  if (Object.keys(then).every((k) => k === 'required' || k === 'properties') && isObj(then.properties)) {
    const names = Object.keys(then.properties);
    if (names.length !== 1 || !isObj(then.properties[names[0]])) return null;
    if (required && !(required.length === 1 && required[0] === names[0])) return null;
    return { when, value: test.const, names, mode: 'show', shown: then.properties[names[0]] as Obj, shownRequired: !!required };
  }
  return null;
}

const isListMinItems = (s: Obj | undefined) => !!s && Object.keys(s).length === 1 && typeof s.minItems === 'number';

/**
 * A condition the field list shows (and so rewrites): "required when" on fields of the form, "shown
 * when" on a field only the condition defines, or "required when" on a list with at least one item.
 * readForm and writeForm agree on this, so a condition the list does not show is never dropped.
 */
function consumed(block: unknown, props: Obj): SimpleCondition | null {
  const c = readSimple(block);
  if (!c) return null;
  if (c.mode === 'require') return c.names.every((n) => n in props) ? c : null;
  const name = c.names[0];
  if (!(name in props)) return c;
  return isListMinItems(c.shown) && c.shownRequired ? { ...c, mode: 'require' } : null;
}

function conditionBlock(f: Field): Obj {
  const c = f.condition!;
  const test = { if: { properties: { [c.field]: { const: c.value } }, required: [c.field] } };
  if (c.mode === 'require') {
    // A list is "filled" only with at least one item: required alone would accept [].
    const list = f.kind === 'attachments' || f.kind === 'table';
    return { ...test, then: { required: [f.name], ...(list ? { properties: { [f.name]: { minItems: Math.max(1, f.min ?? 1) } } } : {}) } };
  }
  return { ...test, then: { properties: { [f.name]: schemaOfField(f) }, ...(f.required ? { required: [f.name] } : {}) } };
}

// ---- whole form ------------------------------------------------------------------------------

const topBlock = (schema: JsonSchema) => ({ if: schema.if, ...('then' in schema ? { then: schema.then } : {}), ...('else' in schema ? { else: schema.else } : {}) });

export function readForm(schema: JsonSchema, uiSchema: Obj): FormModel {
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const conditions: SimpleCondition[] = [];
  let kept = 0;
  if ('if' in schema) {
    const top = consumed(topBlock(schema), props);
    if (top) conditions.push(top); else kept++;
  }
  for (const item of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const c = consumed(item, props);
    if (c) conditions.push(c); else kept++;
  }
  const fields: Field[] = Object.entries(props)
    .filter(([, s]) => isObj(s))
    .map(([name, s]) => fieldFromSchema(name, s as Obj, isObj(uiSchema[name]) ? uiSchema[name] as Obj : {}, required.includes(name)));
  for (const c of conditions) {
    for (const name of c.names) {
      const existing = fields.find((f) => f.name === name);
      if (c.mode === 'require' && existing) existing.condition = { field: c.when, value: c.value, mode: 'require' };
      else if (c.mode === 'show' && !existing) {
        const f = fieldFromSchema(name, c.shown!, isObj(uiSchema[name]) ? uiSchema[name] as Obj : {}, !!c.shownRequired);
        f.condition = { field: c.when, value: c.value, mode: 'show' };
        fields.push(f);
      }
    }
  }
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]).filter((n) => n !== '*') : [];
  const rank = (n: string) => { const i = order.indexOf(n); return i < 0 ? order.length + fields.findIndex((f) => f.name === n) : i; };
  fields.sort((a, b) => rank(a.name) - rank(b.name));
  return { fields, keptConditions: kept };
}

/**
 * The schema and uiSchema with the fields written in. `previous` are the field names before the
 * edit: their old uiSchema entries are replaced; other uiSchema entries are kept.
 */
export function writeForm(schema: JsonSchema, uiSchema: Obj, fields: Field[], previous: string[]): { schema: JsonSchema; uiSchema: Obj } {
  const names = new Set(fields.map((f) => f.name));
  const oldRequired = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const shown = (f: Field) => f.condition?.mode === 'show' && !!f.condition.field;
  const plain = fields.filter((f) => !shown(f));
  const required = [
    ...plain.filter((f) => f.required && !(f.condition?.mode === 'require' && f.condition.field)).map((f) => f.name),
    // Required names that are not fields of the list (e.g. named by a kept condition) stay.
    ...oldRequired.filter((n) => !names.has(n) && !previous.includes(n)),
  ];
  const props = isObj(schema.properties) ? schema.properties : {};
  const keptAllOf = (Array.isArray(schema.allOf) ? schema.allOf : []).filter((b) => !consumed(b, props));
  const topKept = 'if' in schema && !consumed(topBlock(schema), props);
  const blocks = fields.filter((f) => f.condition && f.condition.field).map(conditionBlock);

  const { properties: _p, required: _r, if: _if, then: _then, else: _else, allOf: _allOf, ...restRoot } = schema; // eslint-disable-line @typescript-eslint/no-unused-vars
  const out: JsonSchema = { ...restRoot, type: 'object' };
  if (required.length) out.required = required;
  out.properties = Object.fromEntries(plain.map((f) => [f.name, schemaOfField(f)]));
  if (topKept) { out.if = schema.if; if ('then' in schema) out.then = schema.then; if ('else' in schema) out.else = schema.else; }
  const allOf = [...keptAllOf, ...(topKept || keptAllOf.length || blocks.length > 1 ? blocks : [])];
  if (!topKept && !keptAllOf.length && blocks.length === 1) Object.assign(out, blocks[0]);
  if (allOf.length) out.allOf = allOf;
  // Keep examples last, where people expect them in the JSON.
  if ('examples' in out) { const ex = out.examples; delete out.examples; out.examples = ex; }

  const ui: Obj = {};
  for (const [k, v] of Object.entries(uiSchema)) if (k !== 'ui:order' && !names.has(k) && !previous.includes(k)) ui[k] = v;
  ui['ui:order'] = fields.map((f) => f.name);
  for (const f of fields) {
    const fu = uiOfField(f);
    if (Object.keys(fu).length) ui[f.name] = fu;
  }
  return { schema: out, uiSchema: ui };
}

// ---- names -------------------------------------------------------------------------------------

const NAME_HINTS: Record<string, string> = {
  姓名: 'name', 名称: 'name', 身份证号: 'idNumber', 身份证号码: 'idNumber', 联系电话: 'phone', 手机号码: 'mobile', 电话: 'phone',
  联系人: 'contactPerson', 地址: 'address', 备注: 'remarks', 说明: 'remarks', 所属区县: 'district', 区县: 'district',
  小区名称: 'areaName', 项目名称: 'projectName', 房号: 'room', 业主姓名: 'ownerName', 开工日期: 'startDate', 完工日期: 'endDate',
  开始日期: 'startDate', 结束日期: 'endDate', 日期: 'date', 面积: 'area', 数量: 'count', 金额: 'amount', 附件: 'attachments',
  职务: 'position',
  单位名称: 'orgName', 统一社会信用代码: 'uscc', 电子邮箱: 'email', 邮箱: 'email', 类型: 'kind', 内容: 'content', 标题: 'title',
};

/** A field name (an identifier) for a title: a known word's usual name, else fieldN. */
export function suggestName(title: string, taken: string[]): string {
  const base = NAME_HINTS[title.trim()] ?? 'field';
  if (base !== 'field' && !taken.includes(base)) return base;
  for (let i = 1; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}

export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function newField(taken: string[], kind: FieldKind = 'text', title = '新字段'): Field {
  const f: Field = { name: suggestName(title, taken), title, kind, required: false, rest: {}, ui: {} };
  if (kind === 'select') f.options = ['选项一', '选项二'];
  if (kind === 'table') f.columns = [{ name: 'name', title: '名称', kind: 'text', required: true, rest: {}, ui: {} }];
  return f;
}

/** Changes a field's kind, keeping its name, title, required flag, description and condition. */
export function withKind(f: Field, kind: FieldKind): Field {
  const fresh = newField([], kind, f.title);
  return { ...fresh, name: f.name, title: f.title, required: f.required, description: f.description, condition: f.condition, ui: {} };
}
