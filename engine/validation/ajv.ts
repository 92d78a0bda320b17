// Form validation with Ajv 8 (JSON Schema draft-07), turning Ajv's errors into one Chinese
// FieldError per field. Titles come from the schema, so a type's form definition is the only
// place a field's Chinese name lives.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import type { FieldError } from '../errors.js';
// The same code checks the browser's validator uses (one list for both sides).
import { CODE_FORMATS, UUID_V4 } from '../shared/form-validator.js';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const FORMAT_HINTS: Record<string, string> = {
  date: '应为日期（YYYY-MM-DD）',
  'date-time': '应为日期时间（如 2024-01-31T09:00:00+08:00）',
  time: '应为时间（HH:mm:ss）',
  email: '应为有效的电子邮箱地址',
  uri: '应为有效的网址',
  url: '应为有效的网址',
  uuid: '应为有效的 UUID',
  attachment: '不是有效的附件编号',
  district: '应为 6 位区县代码',
  street: '应为 9 位街道代码',
};
const TYPE_NAMES: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '对象', null: '空值',
};

export function createAjv(): Ajv {
  // verbose: errors carry parentSchema and data, needed for titles and code-check reasons.
  const ajv = new Ajv({
    allErrors: true, strict: false, strictTypes: false, useDefaults: false, coerceTypes: false, verbose: true,
  });
  addFormats(ajv);
  for (const [name, check] of Object.entries(CODE_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate: (s: string) => check(s).ok });
  }
  ajv.addFormat('attachment', { type: 'string', validate: UUID_V4 });
  // Shape only (GB/T 2260 district, 9-digit street); whether the code exists is the registry's job.
  ajv.addFormat('district', { type: 'string', validate: /^\d{6}$/ });
  ajv.addFormat('street', { type: 'string', validate: /^\d{9}$/ });
  return ajv;
}

// Definitions are immutable, so a compiled validator is reused for the schema object's lifetime.
const compiled = new WeakMap<Ajv, WeakMap<object, ValidateFunction>>();

/** Compiles a form definition, throwing a readable Error when it is not valid draft-07. */
export function compileDefinitionSchema(ajv: Ajv, schema: unknown): ValidateFunction {
  const prefix = '表单定义不是有效的 JSON Schema（draft-07）：';
  if (!isObj(schema)) throw new Error(`${prefix}根节点应为对象`);
  let perAjv = compiled.get(ajv);
  if (!perAjv) compiled.set(ajv, (perAjv = new WeakMap()));
  const hit = perAjv.get(schema);
  if (hit) return hit;
  let fn: ValidateFunction;
  try {
    if (ajv.validateSchema(schema) !== true) throw new Error(ajv.errorsText(ajv.errors, { dataVar: 'schema' }));
    fn = ajv.compile(schema); // also fails on unresolvable $ref
  } catch (e) {
    throw new Error(prefix + (e instanceof Error ? e.message : String(e)), { cause: e });
  }
  perAjv.set(schema, fn);
  return fn;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** Pointers of own keys that could pollute prototypes once the data is merged or spread. */
function forbiddenKeys(data: unknown, path = '', out: string[] = [], seen = new WeakSet<object>()): string[] {
  if (typeof data !== 'object' || data === null || seen.has(data)) return out;
  seen.add(data);
  for (const key of Object.keys(data)) {
    const p = `${path}/${esc(key)}`;
    if (FORBIDDEN_KEYS.has(key)) out.push(p);
    else forbiddenKeys((data as Record<string, unknown>)[key], p, out, seen);
  }
  return out;
}

export function validateForm(ajv: Ajv, schema: unknown, data: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  const bad = forbiddenKeys(data);
  if (bad.length) return bad.map((field) => ({ field, message: '不允许的字段名' }));
  const validate = compileDefinitionSchema(ajv, schema);
  if (validate(data)) return [];
  return toFieldErrors(schema as Schema, validate.errors ?? [], opts.partial === true);
}

// ---- Ajv errors → FieldError[] -------------------------------------------------------------

// Keywords whose error names a missing/extra property rather than the object holding it.
const NAMED_PROPERTY = new Set(['required', 'dependencies', 'dependentRequired', 'additionalProperties']);
const WRAPPERS = new Set(['anyOf', 'oneOf']);
const PARTIAL_SKIP = new Set(['required', 'dependencies', 'dependentRequired', 'minItems']);
// Lower wins when one field has several errors: the most actionable message is kept.
const PRIORITY: Record<string, number> = { required: 0, type: 1, 'false schema': 1, format: 2, pattern: 2, enum: 2, const: 2 };
const rank = (e: ErrorObject) => PRIORITY[e.keyword] ?? (WRAPPERS.has(e.keyword) || e.keyword === 'not' ? 4 : 3);

function pointerOf(e: ErrorObject): string {
  if (!NAMED_PROPERTY.has(e.keyword)) return e.instancePath;
  const p = e.params as { missingProperty?: string; additionalProperty?: string };
  return `${e.instancePath}/${esc(String(p.missingProperty ?? p.additionalProperty))}`;
}

function toFieldErrors(root: Schema, errors: ErrorObject[], partial: boolean): FieldError[] {
  const below = (outer: string, inner: string) => inner === outer || inner.startsWith(outer + '/');
  const kept = errors.filter((e, i) => {
    if (e.keyword === 'if') return false; // "must match then": the then-branch errors say why
    // anyOf/oneOf: when branches reported concrete errors, those are the useful ones.
    if (WRAPPERS.has(e.keyword)) {
      return !errors.some((o, j) => j !== i && !WRAPPERS.has(o.keyword) && o.keyword !== 'if' && below(e.instancePath, o.instancePath));
    }
    return !(partial && PARTIAL_SKIP.has(e.keyword));
  });
  const best = new Map<string, ErrorObject>();
  for (const e of kept) {
    const ptr = pointerOf(e);
    const cur = best.get(ptr);
    if (cur?.keyword === 'type' && e.keyword === 'type') {
      // Branches of anyOf/oneOf each demand a type: say 应为文本或数字 rather than pick one.
      const types = new Set(`${cur.params.type},${e.params.type}`.split(','));
      best.set(ptr, { ...cur, params: { type: [...types].join(',') } });
    } else if (!cur || rank(e) < rank(cur)) best.set(ptr, e);
  }
  return [...best].map(([field, e]) => {
    const { title, label, xMessage } = describe(root, field, e);
    return { field, title, message: messageFor(e, label, xMessage) };
  });
}

// ---- titles ----------------------------------------------------------------------------

function resolveRef(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined; // only local refs (#/definitions, #/$defs, …)
  let cur: unknown = root;
  for (const tok of ref.slice(1).split('/').slice(1)) cur = isObj(cur) ? cur[unesc(decodeURIComponent(tok))] : undefined;
  return cur;
}

/** The schema and every branch that also applies to the same value ($ref, allOf, then, …). */
function expand(root: Schema, s: unknown, out: Schema[] = [], depth = 0): Schema[] {
  if (!isObj(s) || depth > 16 || out.includes(s)) return out;
  out.push(s);
  if (typeof s.$ref === 'string') expand(root, resolveRef(root, s.$ref), out, depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[k];
    if (Array.isArray(list)) for (const sub of list) expand(root, sub, out, depth + 1);
  }
  for (const k of ['then', 'else']) expand(root, s[k], out, depth + 1);
  if (isObj(s.dependencies)) for (const d of Object.values(s.dependencies)) expand(root, d, out, depth + 1);
  return out;
}

/** Subschemas that apply to child `seg` of a value matched by `s`. */
function childSchemas(s: Schema, seg: string): unknown[] {
  const r: unknown[] = [];
  if (isObj(s.properties) && Object.hasOwn(s.properties, seg)) r.push(s.properties[seg]);
  if (/^\d+$/.test(seg)) r.push(Array.isArray(s.items) ? (s.items[Number(seg)] ?? s.additionalItems) : s.items);
  if (isObj(s.patternProperties)) {
    for (const [pat, sub] of Object.entries(s.patternProperties)) {
      try { if (new RegExp(pat, 'u').test(seg)) r.push(sub); } catch { /* invalid pattern: ignore */ }
    }
  }
  if (isObj(s.additionalProperties)) r.push(s.additionalProperties);
  return r;
}

/** Every subschema that applies to the value at `segs` (data path; "0" for array items). */
export function schemasAt(root: Schema, segs: string[]): Schema[] {
  let level = expand(root, root);
  for (const seg of segs) level = level.flatMap((s) => childSchemas(s, seg)).flatMap((c) => expand(root, c));
  return level;
}

const firstString = (list: Schema[], key: string) =>
  list.map((s) => s[key]).find((v): v is string => typeof v === 'string' && v !== '');

interface Described { title: string; label: string; xMessage?: string }

/** Names the field at `pointer`: its title, or «list title 第 N 项» for untitled items. */
function describe(root: Schema, pointer: string, e?: ErrorObject): Described {
  const segs = pointer === '' ? [] : pointer.split('/').slice(1).map(unesc);
  const walked = schemasAt(root, segs);
  // The schema Ajv reports (for named-property errors, the property inside it) is a fallback
  // for titles but first for x-message: it is the exact schema whose format/pattern failed.
  const own = e && (NAMED_PROPERTY.has(e.keyword)
    ? (isObj(e.parentSchema?.properties) ? e.parentSchema.properties[segs[segs.length - 1]] : undefined)
    : e.parentSchema);
  const candidates = isObj(own) ? [...walked, own] : walked;
  const xMessage = firstString(isObj(own) ? [own, ...walked] : walked, 'x-message');
  const title = firstString(candidates, 'title');
  if (title) return { title, label: `「${title}」`, xMessage };
  const last = segs[segs.length - 1];
  if (last === undefined) return { title: '表单', label: '「表单」', xMessage };
  if (/^\d+$/.test(last)) {
    const parent = describe(root, pointer.slice(0, pointer.lastIndexOf('/')));
    return { title: parent.title, label: `${parent.label}第 ${Number(last) + 1} 项`, xMessage };
  }
  return { title: last, label: `「${last}」`, xMessage };
}

// ---- messages ------------------------------------------------------------------------

const show = (v: unknown) => (typeof v === 'string' ? v : v === null ? '空' : JSON.stringify(v));

function messageFor(e: ErrorObject, label: string, xMessage?: string): string {
  const p = e.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- params differ per keyword
  switch (e.keyword) {
    case 'required': case 'dependencies': case 'dependentRequired': return `${label}为必填项`;
    case 'additionalProperties': return `${label}不是本表单的字段`;
    // An attachment slot left empty (a list's minimum adds one in the browser): ask for the file.
    case 'type': if (e.parentSchema?.format === 'attachment' && (e.data === null || e.data === undefined)) return `${label}未上传文件`;
      return `${label}应为${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或')}`;
    case 'minimum': return `${label}不能小于 ${p.limit}`;
    case 'exclusiveMinimum': return `${label}应大于 ${p.limit}`;
    case 'maximum': return `${label}不能大于 ${p.limit}`;
    case 'exclusiveMaximum': return `${label}应小于 ${p.limit}`;
    case 'multipleOf': return `${label}应为 ${p.multipleOf} 的整数倍`;
    case 'minLength': return p.limit === 1 ? `${label}不能为空` : `${label}不能少于 ${p.limit} 个字符`;
    case 'maxLength': return `${label}不能超过 ${p.limit} 个字符`;
    case 'minItems': return `${label}至少需要 ${p.limit} 项`;
    case 'maxItems': return `${label}最多 ${p.limit} 项`;
    case 'uniqueItems': return `${label}第 ${Math.min(p.i, p.j) + 1} 项与第 ${Math.max(p.i, p.j) + 1} 项重复`;
    case 'minProperties': return `${label}至少需要填写 ${p.limit} 项`;
    case 'maxProperties': return `${label}最多填写 ${p.limit} 项`;
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(show);
      return `${label}应为以下之一：${values.slice(0, 20).join('、')}${values.length > 20 ? '…' : ''}`;
    }
    case 'const': return p.allowedValue === true ? `${label}须勾选` : `${label}应为 ${show(p.allowedValue)}`;
    case 'pattern': return xMessage ?? `${label}格式不正确`;
    case 'format': {
      if (xMessage) return xMessage;
      const name = String(p.format);
      const reason = Object.hasOwn(CODE_FORMATS, name) && typeof e.data === 'string' ? CODE_FORMATS[name](e.data).reason : undefined;
      return `${label}${reason ?? (Object.hasOwn(FORMAT_HINTS, name) ? FORMAT_HINTS[name] : '格式不正确')}`;
    }
    case 'false schema': return `${label}不允许填写`;
    case 'contains': return `${label}至少需要一项符合要求`;
    case 'propertyNames': return `${label}含有不允许的字段名`;
    case 'anyOf': case 'oneOf': case 'not': return `${label}不符合要求`;
    default: {
      // Keywords added elsewhere (plugins): ajv-i18n's Chinese text is better than English.
      const copy = { ...e };
      localizeZh([copy]);
      return `${label}${copy.message ?? '不符合要求'}`;
    }
  }
}
