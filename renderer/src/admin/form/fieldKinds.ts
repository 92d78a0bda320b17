// One field, both ways: the kind the field editor shows for a JSON Schema property (+ its
// uiSchema), and the property written back. Kinds nest: a group (an object) holds fields, a list
// of objects holds columns, each read by the same functions. Keywords a kind does not manage stay
// in `rest` (and a list's item keywords in `itemsRest`), the uiSchema in `ui`, so a field read and
// written back is the same property. Only a shape none of the kinds describes is 'other'.
import type { Expr } from '../../../../engine/expression/index';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'datetime' | 'daterange' | 'boolean' | 'select' | 'multiselect'
  | 'tags' | 'entry' | 'entries' | 'district' | 'street' | 'attachments' | 'group' | 'table' | 'custom' | 'other';

export const KIND_TITLES: Record<FieldKind, string> = {
  text: '单行文本', textarea: '多行文本', number: '数字', integer: '整数', date: '日期', datetime: '日期和时间', daterange: '日期范围（起止日期）',
  boolean: '是/否', select: '单选（下拉或单选按钮）', multiselect: '多选（勾选多项）', tags: '文字列表（可填多条）', entry: '单选（选项来自登记册）', entries: '多选（选项来自登记册）',
  district: '区县', street: '街道（随区县）', attachments: '附件', group: '分组（一组字段）', table: '明细列表（表格或卡片）',
  custom: '专用控件', other: '其他（仅 JSON 编辑）',
};
export const TEXT_FORMATS: Record<string, string> = { '': '不限', idcard: '身份证号码', mobile: '手机号码', uscc: '统一社会信用代码', orgcode: '组织机构代码', email: '电子邮箱' };

export interface Condition {
  /** A JSON Logic expression over `data.<field>` (the engine's expressions, engine/expression). */
  expr: Expr;
  /** require: required when the expression holds; show: only exists (and shows) when it holds. */
  mode: 'require' | 'show';
}

export interface Field {
  name: string;
  title: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  /** number/integer: minimum/maximum; lists: minItems/maxItems. */
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  readOnly?: boolean;
  /** The JSON Schema default (undefined: none). */
  default?: unknown;
  /** number / integer: the unit shown after the input (ui:options.unit, e.g. 平方米). */
  unit?: string;
  /** attachments: the kinds of file allowed (ui:options.accept; none: all). */
  accept?: string[];
  /** entry / entries: the register whose entries are the options (ui:options.register). */
  register?: string;
  /** A list of objects: its columns (fields of one row). */
  columns?: Field[];
  /** A list of objects shown as a table or as repeated cards. */
  layout?: 'table' | 'cards';
  /** A group: its fields. */
  children?: Field[];
  condition?: Condition;
  /** Keywords the kind does not manage, kept as they were. */
  rest: Obj;
  /** A list's `items` keywords the kind does not manage (a row's title, a tag's length…). */
  itemsRest?: Obj;
  /** The field's uiSchema, kept (the keys the kind manages are rewritten). */
  ui: Obj;
}

const COMMON = ['type', 'title', 'description', 'readOnly', 'default'];
const MANAGED: Record<FieldKind, string[]> = {
  text: [...COMMON, 'minLength', 'maxLength'], textarea: [...COMMON, 'minLength', 'maxLength'],
  number: [...COMMON, 'minimum', 'maximum'], integer: [...COMMON, 'minimum', 'maximum'],
  date: [...COMMON, 'format'], datetime: [...COMMON, 'format'], daterange: [...COMMON, 'properties', 'required'], boolean: COMMON,
  select: [...COMMON, 'enum'], district: [...COMMON, 'format'], street: [...COMMON, 'format'],
  multiselect: [...COMMON, 'items', 'minItems', 'maxItems'], tags: [...COMMON, 'items', 'minItems', 'maxItems'],
  entry: COMMON, entries: [...COMMON, 'items', 'minItems', 'maxItems'], attachments: [...COMMON, 'items', 'minItems', 'maxItems'],
  table: [...COMMON, 'items', 'minItems', 'maxItems'], group: [...COMMON, 'properties', 'required'], custom: ['title', 'description'], other: [],
};

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
export const omit = (o: Obj, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const uiOf = (ui: Obj, name: string): Obj => (isObj(ui[name]) ? ui[name] as Obj : {});
/** The registerEntry widget, under either of its registry names (form-manifest.ts). */
const isEntryWidget = (ui: Obj) => ui['ui:widget'] === 'registerEntry' || ui['ui:widget'] === 'register-entry';
const DATE = (s: unknown) => isObj(s) && s.type === 'string' && s.format === 'date' && Object.keys(s).every((k) => ['type', 'format', 'title'].includes(k));

function kindOf(s: Obj, ui: Obj, column: boolean): FieldKind {
  if (typeof ui['ui:field'] === 'string') return 'custom';
  const type = s.type;
  if (type === 'string') {
    if (Array.isArray(s.enum)) return s.enum.every((x) => typeof x === 'string') ? 'select' : 'other';
    if (s.format === 'date') return 'date';
    if (s.format === 'date-time') return 'datetime';
    if (s.format === 'district') return 'district';
    if (s.format === 'street' && !column) return 'street';
    if (ui['ui:widget'] === 'textarea' || (!column && typeof s.maxLength === 'number' && s.maxLength >= 500 && !s.format)) return 'textarea';
    return 'text';
  }
  // An entry of a register, kept by its id (the engine's registerEntry widget).
  if (type === 'integer' && isEntryWidget(ui)) return 'entry';
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'object') {
    const p = isObj(s.properties) ? s.properties : undefined;
    if (p && Object.keys(p).join() === 'start,end' && DATE(p.start) && DATE(p.end)) return 'daterange';
    return p === undefined || Object.values(p).every(isObj) ? 'group' : 'other';
  }
  if (type === 'array' && isObj(s.items)) {
    const items = s.items;
    if (items.type === 'string' && items.format === 'attachment' && Object.keys(items).length === 2) return 'attachments';
    if (items.type === 'string' && Array.isArray(items.enum) && items.enum.every((x) => typeof x === 'string')) return 'multiselect';
    if (items.type === 'string' && items.format === undefined && items.enum === undefined) return 'tags';
    const itemUi = uiOf(ui, 'items');
    if (items.type === 'integer' && isEntryWidget(itemUi)) return 'entries';
    if (items.type === 'object' && (items.properties === undefined || (isObj(items.properties) && Object.values(items.properties).every(isObj)))) return 'table';
  }
  return 'other';
}

/** The fields of an object schema's properties, in the uiSchema's order. */
export function fieldsOf(props: Obj, required: string[], ui: Obj, column = false): Field[] {
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((n) => n !== '*') : [];
  const names = Object.keys(props).filter((n) => isObj(props[n]));
  const sorted = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
  return sorted.map((n) => fieldFromSchema(n, props[n] as Obj, uiOf(ui, n), required.includes(n), column));
}

const optionsOf = (ui: Obj): Obj => (isObj(ui['ui:options']) ? ui['ui:options'] : {});
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function fieldFromSchema(name: string, s: Obj, ui: Obj, required: boolean, column = false): Field {
  const kind = kindOf(s, ui, column);
  // A text format the editor does not offer (a pattern-like format) stays as a kept keyword.
  const managed = kind === 'text' && typeof s.format === 'string' && s.format in TEXT_FORMATS ? [...MANAGED.text, 'format'] : MANAGED[kind];
  const f: Field = { name, title: typeof s.title === 'string' ? s.title : name, kind, required, rest: kind === 'other' ? { ...s } : omit(s, managed), ui: { ...ui } };
  if (kind === 'other') return f;
  if (typeof s.description === 'string') f.description = s.description;
  if (kind === 'custom') return f;
  if (s.readOnly === true) f.readOnly = true;
  if ('default' in s) f.default = s.default;
  if (kind === 'text' || kind === 'textarea') { f.minLength = num(s.minLength); f.maxLength = num(s.maxLength); }
  if (kind === 'text' && managed.includes('format')) f.format = s.format as string;
  if (kind === 'number' || kind === 'integer') {
    f.min = num(s.minimum); f.max = num(s.maximum);
    if (typeof optionsOf(ui).unit === 'string') f.unit = optionsOf(ui).unit as string;
  }
  if (kind === 'attachments' && Array.isArray(optionsOf(ui).accept)) f.accept = strings(optionsOf(ui).accept);
  if (kind === 'select') f.options = (s.enum as string[]).slice();
  if (s.type === 'array') { f.min = num(s.minItems); f.max = num(s.maxItems); f.itemsRest = omit(s.items as Obj, ['type', 'format', 'properties', 'required', 'enum']); }
  if (kind === 'multiselect') f.options = ((s.items as Obj).enum as string[]).slice();
  if (kind === 'entry' || kind === 'entries') {
    const opts = optionsOf(kind === 'entry' ? ui : uiOf(ui, 'items'));
    if (typeof opts.register === 'string') f.register = opts.register;
  }
  if (kind === 'group') f.children = fieldsOf(isObj(s.properties) ? s.properties : {}, strings(s.required), ui);
  if (kind === 'daterange') f.children = fieldsOf(s.properties as Obj, strings(s.required), ui);
  if (kind === 'table') {
    const items = s.items as Obj;
    f.layout = isObj(ui['ui:options']) && ui['ui:options'].table === true ? 'table' : 'cards';
    f.columns = fieldsOf(isObj(items.properties) ? items.properties : {}, strings(items.required), uiOf(ui, 'items'), true);
  }
  return f;
}

const TYPE_OF: Partial<Record<FieldKind, string>> = {
  number: 'number', integer: 'integer', entry: 'integer', boolean: 'boolean', group: 'object', daterange: 'object',
  attachments: 'array', table: 'array', multiselect: 'array', tags: 'array', entries: 'array',
};

/** properties + required of an object whose fields are `fields` (nothing when there are none). */
export function objectOf(fields: Field[]): Obj {
  const required = fields.filter((c) => c.required && !c.condition).map((c) => c.name);
  return { ...(required.length ? { required } : {}), ...(fields.length ? { properties: Object.fromEntries(fields.map((c) => [c.name, schemaOfField(c)])) } : {}) };
}

export function schemaOfField(f: Field): Obj {
  if (f.kind === 'other') return { ...f.rest, ...(f.title && f.title !== f.name ? { title: f.title } : {}) };
  if (f.kind === 'custom') return { ...f.rest, title: f.title, ...(f.description ? { description: f.description } : {}) };
  const out: Obj = { type: TYPE_OF[f.kind] ?? 'string', title: f.title };
  if (f.description) out.description = f.description;
  if (f.readOnly) out.readOnly = true;
  const list = () => {
    const min = f.min ?? (f.required && f.kind !== 'tags' && f.kind !== 'entries' && f.kind !== 'multiselect' ? 1 : undefined);
    if (min !== undefined) out.minItems = min;
    if (f.max !== undefined) out.maxItems = f.max;
  };
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
    case 'datetime': out.format = 'date-time'; break;
    case 'district': out.format = 'district'; break;
    case 'street': out.format = 'street'; break;
    case 'select': out.enum = (f.options ?? []).filter((o) => o !== ''); break;
    case 'group': case 'daterange': Object.assign(out, objectOf(f.children ?? [])); break;
    case 'attachments': list(); out.items = { type: 'string', format: 'attachment' }; break;
    case 'multiselect': list(); out.items = { type: 'string', ...f.itemsRest, enum: (f.options ?? []).filter((o) => o !== '') }; break;
    case 'tags': list(); out.items = { type: 'string', ...f.itemsRest }; break;
    case 'entries': list(); out.items = { type: 'integer', ...f.itemsRest }; break;
    case 'table': list(); out.items = { type: 'object', ...f.itemsRest, ...objectOf(f.columns ?? []) }; break;
    default: break;
  }
  if (f.default !== undefined) out.default = f.default;
  return { ...out, ...f.rest };
}

/** The uiSchema of an object's fields inside `ui` (their old entries replaced, the rest kept). */
function childUi(ui: Obj, fields: Field[], previous: string[]): Obj {
  const out: Obj = omit(ui, previous);
  for (const c of fields) {
    const cu = uiOfField(c);
    if (Object.keys(cu).length) out[c.name] = cu; else delete out[c.name];
  }
  // An explicit order is kept up to date; without one the properties' order is the order.
  if (Array.isArray(ui['ui:order'])) out['ui:order'] = fields.map((c) => c.name);
  return out;
}

export function uiOfField(f: Field): Obj {
  let ui: Obj = { ...f.ui };
  // The form renderer gives attachment lists their upload widget and long texts (maxLength ≥ 500)
  // a textarea by itself (forms/enhance.ts): the widget is written only where it would not.
  const own: Partial<Record<FieldKind, string>> = { attachments: 'files', textarea: 'textarea', multiselect: 'checkboxes', entry: 'registerEntry' };
  for (const [kind, widget] of Object.entries(own)) if (f.kind !== kind && ui['ui:widget'] === widget) delete ui['ui:widget'];
  if (f.kind === 'textarea' && !(typeof f.maxLength === 'number' && f.maxLength >= 500)) ui['ui:widget'] = 'textarea';
  if (f.kind === 'multiselect' && ui['ui:widget'] === undefined) ui['ui:widget'] = 'checkboxes';
  if (f.kind === 'entry' && !isEntryWidget(ui)) ui['ui:widget'] = 'registerEntry';
  const options: Obj = { ...optionsOf(ui) };
  if (f.kind === 'table' && f.layout === 'table') options.table = true; else delete options.table;
  if (f.kind === 'entry') { if (f.register) options.register = f.register; else delete options.register; }
  if (f.kind === 'number' || f.kind === 'integer') { if (f.unit) options.unit = f.unit; else delete options.unit; }
  if (f.kind === 'attachments') { if (f.accept?.length) options.accept = f.accept; else delete options.accept; }
  if (Object.keys(options).length) ui['ui:options'] = options; else delete ui['ui:options'];
  if (f.kind === 'group' || f.kind === 'daterange') {
    ui = childUi(ui, f.children ?? [], Object.keys(ui).filter((k) => !k.startsWith('ui:')));
  } else if (f.kind === 'table') {
    const itemUi = isObj(ui.items) ? ui.items : {};
    const next = childUi(itemUi, f.columns ?? [], Object.keys(itemUi).filter((k) => !k.startsWith('ui:')));
    if (Object.keys(next).length) ui.items = next; else delete ui.items;
  } else if (f.kind === 'entries') {
    // Each item is an entry chosen by the registerEntry widget.
    const itemUi = isObj(ui.items) ? ui.items : {};
    ui.items = { ...itemUi, 'ui:widget': isEntryWidget(itemUi) ? itemUi['ui:widget'] : 'registerEntry', 'ui:options': { ...optionsOf(itemUi), ...(f.register ? { register: f.register } : {}) } };
  } else if (f.kind !== 'tags' && f.kind !== 'multiselect') delete ui.items;
  return ui;
}
