// The form as a list of fields, both ways: read from a JSON Schema + uiSchema, and written back
// into them (properties, required, ui:order, and conditions as if/then). One field's kinds are in
// fieldKinds.ts; here the whole form and its conditions. A condition is an engine expression
// (JSON Logic, engine/expression) translated to and from a schema `if` by exprToSchemaIf /
// schemaIfToExpr; a condition the list cannot show (the translation would not give back the same
// `if`, or its `then` says more than "required" / "shown") stays in the schema untouched.
import type { JsonSchema } from '../../api/model';
import { exprToSchemaIf, schemaIfToExpr, type Expr } from '../../../../engine/expression/index';
import { identifierFrom } from '../identifiers';
import { fieldFromSchema, fieldsOf, isObj, objectOf, schemaOfField, uiOfField, type Field, type FieldKind } from './fieldKinds';

export * from './fieldKinds';

type Obj = Record<string, unknown>;
/** Same content, whatever the key order. */
export const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : isObj(v)
  ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)])) : v);
const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));

/** Kinds a table column may be given in the columns editor. */
export const COLUMN_KINDS: FieldKind[] = ['text', 'textarea', 'number', 'integer', 'date', 'boolean', 'select', 'district', 'attachments'];

export interface FormModel {
  fields: Field[];
  /** Conditions (if/then) the list cannot show: kept in the schema untouched. */
  keptConditions: number;
}

// ---- conditions (if/then) -------------------------------------------------------------------

interface SimpleCondition { expr: Expr; names: string[]; mode: 'require' | 'show'; shown?: Obj; shownRequired?: boolean }

/** `{ if: <translatable>, then: { required: [X…] } | { properties: { X: … }, required?: [X] } }`. */
function readSimple(block: unknown): SimpleCondition | null {
  if (!isObj(block) || !isObj(block.if) || !isObj(block.then) || 'else' in block) return null;
  if (Object.keys(block).some((k) => k !== 'if' && k !== 'then')) return null;
  const expr = schemaIfToExpr(block.if);
  if (expr === null || !same(exprToSchemaIf(expr), block.if)) return null;
  const then = block.then;
  const required = Array.isArray(then.required) ? (then.required as unknown[]) : undefined;
  if (required && !required.every((r) => typeof r === 'string')) return null;
  if (Object.keys(then).every((k) => k === 'required') && required?.length) return { expr, names: required as string[], mode: 'require' };
  if (Object.keys(then).every((k) => k === 'required' || k === 'properties') && isObj(then.properties)) {
    const names = Object.keys(then.properties);
    if (names.length !== 1 || !isObj(then.properties[names[0]])) return null;
    if (required && !(required.length === 1 && required[0] === names[0])) return null;
    return { expr, names, mode: 'show', shown: then.properties[names[0]] as Obj, shownRequired: !!required };
  }
  return null;
}

const isListMinItems = (s: Obj | undefined) => !!s && Object.keys(s).length === 1 && typeof s.minItems === 'number';
const isList = (f: Field) => f.kind === 'attachments' || f.kind === 'table';

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

/** The if/then blocks of the fields' conditions; "required when" on plain fields with the same condition share one block. */
function conditionBlocks(fields: Field[]): Obj[] {
  const blocks: Obj[] = [];
  const shared = new Map<string, string[]>();
  for (const f of fields) {
    const c = f.condition;
    if (!c || c.expr == null) continue;
    const test = { if: exprToSchemaIf(c.expr) ?? {} };
    if (c.mode === 'require' && !isList(f)) {
      const key = JSON.stringify(canon(test.if));
      const names = shared.get(key);
      if (names) { names.push(f.name); continue; }
      const mine = [f.name];
      shared.set(key, mine);
      blocks.push({ ...test, then: { required: mine } });
    } else if (c.mode === 'require') {
      // A list is "filled" only with at least one item: required alone would accept [].
      blocks.push({ ...test, then: { required: [f.name], properties: { [f.name]: { minItems: Math.max(1, f.min ?? 1) } } } });
    } else {
      blocks.push({ ...test, then: { properties: { [f.name]: schemaOfField(f) }, ...(f.required ? { required: [f.name] } : {}) } });
    }
  }
  return blocks;
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
  const fields: Field[] = fieldsOf(props, required, uiSchema);
  for (const c of conditions) {
    for (const name of c.names) {
      const existing = fields.find((f) => f.name === name);
      if (c.mode === 'require' && existing) existing.condition = { expr: c.expr, mode: 'require' };
      else if (c.mode === 'show' && !existing) {
        const f = fieldFromSchema(name, c.shown!, isObj(uiSchema[name]) ? uiSchema[name] as Obj : {}, !!c.shownRequired);
        f.condition = { expr: c.expr, mode: 'show' };
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
  const shown = (f: Field) => f.condition?.mode === 'show' && f.condition.expr != null;
  const plain = fields.filter((f) => !shown(f));
  const required = [
    ...plain.filter((f) => f.required && !(f.condition?.mode === 'require' && f.condition.expr != null)).map((f) => f.name),
    // Required names that are not fields of the list (e.g. named by a kept condition) stay.
    ...oldRequired.filter((n) => !names.has(n) && !previous.includes(n)),
  ];
  // The required list keeps its old order (new names after), so a round trip changes nothing.
  const rankOf = (n: string) => { const i = oldRequired.indexOf(n); return i < 0 ? oldRequired.length : i; };
  required.sort((a, b) => rankOf(a) - rankOf(b));
  const props = isObj(schema.properties) ? schema.properties : {};
  const keptAllOf = (Array.isArray(schema.allOf) ? schema.allOf : []).filter((b) => !consumed(b, props));
  const topKept = 'if' in schema && !consumed(topBlock(schema), props);
  const blocks = conditionBlocks(fields);

  const { properties: _p, required: _r, if: _if, then: _then, else: _else, allOf: _allOf, ...restRoot } = schema; // eslint-disable-line @typescript-eslint/no-unused-vars
  const out: JsonSchema = { ...restRoot, type: 'object' };
  if (required.length) out.required = required;
  out.properties = (objectOf(plain).properties as Obj | undefined) ?? {};
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

/**
 * A field name for a title: a known word's usual English name (姓名 → name), else the title's
 * pinyin (物业类型 → wuYeLeiXing, identifiers.ts); a taken name gets a number.
 */
export function suggestName(title: string, taken: string[]): string {
  const hint = NAME_HINTS[title.trim()];
  if (hint && !taken.includes(hint)) return hint;
  return identifierFrom(hint ?? title, taken, 'camel');
}

export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function newField(taken: string[], kind: FieldKind = 'text', title = '新字段'): Field {
  const f: Field = { name: suggestName(title, taken), title, kind, required: false, rest: {}, ui: {} };
  if (kind === 'select' || kind === 'multiselect') f.options = ['选项一', '选项二'];
  if (kind === 'multiselect' || kind === 'entries') f.rest = { uniqueItems: true };
  // Entries are kept by their ids, which start at 1.
  if (kind === 'entry') f.rest = { minimum: 1 };
  if (kind === 'table') { f.columns = [newField([], 'text', '名称')]; f.columns[0].required = true; f.layout = 'table'; }
  if (kind === 'group') f.children = [newField([], 'text', '名称')];
  // A range has both ends (the range itself may still be optional).
  if (kind === 'daterange') f.children = [{ ...newField([], 'date', '开始日期'), name: 'start', required: true }, { ...newField([], 'date', '结束日期'), name: 'end', required: true }];
  return f;
}

/** Changes a field's kind, keeping its name, title, required flag, description and condition. */
export function withKind(f: Field, kind: FieldKind): Field {
  const fresh = newField([], kind, f.title);
  return { ...fresh, name: f.name, title: f.title, required: f.required, description: f.description, condition: f.condition, register: f.register, ui: {} };
}
