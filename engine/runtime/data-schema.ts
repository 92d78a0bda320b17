// Form definitions held in data (a survey's questions, built by a department or company): whether
// a value is a usable JSON Schema, and one shared Ajv that compiles each distinct schema once. Used
// by the rules jsonSchema, matchesSchemaInEntry and entryListIncludes (engine/vocabulary/rules).
import type Ajv from 'ajv';
import { getPointer } from '../registry/pointer.js';
import { createAjv } from '../validation/index.js';
import type { RuleContext } from './rule-context.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || v === '';

const MAX_SCHEMA_CHARS = 100_000;
let ajv: Ajv | undefined;
export const sharedAjv = () => (ajv ??= createAjv());

// Schemas held in data are new objects on every read; Ajv caches compiled schemas by identity, so
// each distinct text is parsed once and that one object is what gets compiled (bounded).
const byText = new Map<string, Json>();
export function canonical(schema: Json): Json {
  const text = JSON.stringify(schema);
  let hit = byText.get(text);
  if (!hit) {
    if (byText.size >= 200) {
      const oldest = byText.keys().next().value as string;
      sharedAjv().removeSchema(byText.get(oldest));
      byText.delete(oldest);
    }
    hit = JSON.parse(text) as Json;
    byText.set(text, hit);
  }
  return hit;
}

/** Why a schema written by a user is not a usable form, or undefined when it is. */
export function schemaProblem(value: unknown): string | undefined {
  if (!isObj(value)) return '应为 JSON Schema 对象';
  const text = JSON.stringify(value);
  if (text.length > MAX_SCHEMA_CHARS) return `定义过长（超过 ${MAX_SCHEMA_CHARS} 个字符）`;
  // User-written regular expressions could make every answer check slow (ReDoS); remote $refs
  // would make the server fetch. Neither is needed for a questionnaire.
  const bad = findKeyword(value);
  if (bad) return bad;
  if (value.type !== 'object') return '根节点的 type 应为 "object"';
  if (!isObj(value.properties) || Object.keys(value.properties).length === 0) return '至少需要一项（properties 不能为空）';
  for (const [name, prop] of Object.entries(value.properties)) {
    if (!isObj(prop) || typeof prop.title !== 'string' || !prop.title.trim()) return `「${name}」缺少标题（title）`;
  }
  const a = sharedAjv();
  if (a.validateSchema(value) !== true) return `不是有效的 JSON Schema（draft-07）：${a.errorsText(a.errors, { dataVar: 'schema' })}`;
  try {
    a.compile(canonical(value));
  } catch (err) {
    return `无法编译：${(err as Error).message}`;
  }
  return undefined;
}

function findKeyword(node: unknown, depth = 0): string | undefined {
  if (depth > 32) return '嵌套层级过深';
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = findKeyword(x, depth + 1);
      if (r) return r;
    }
    return undefined;
  }
  if (!isObj(node)) return undefined;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pattern' || k === 'patternProperties') return '不允许使用正则表达式（pattern）';
    if ((k === '$ref' || k === '$id') && typeof v === 'string' && !v.startsWith('#')) return '不允许引用外部定义（$ref）';
    // Values under these keys are data (an example, an option list), not subschemas.
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
    const r = findKeyword(v, depth + 1);
    if (r) return r;
  }
  return undefined;
}

/** The data of the active register entry the form refers to (`id` a form pointer), if any. */
export async function entryData(ctx: RuleContext, p: { register: string; id: string }): Promise<Json | undefined> {
  const id = getPointer(ctx.data, p.id);
  if (blank(id) || !Number.isInteger(Number(id))) return undefined;
  const entry = await ctx.db.models.RegisterEntry.findOne({
    where: { id: Number(id), register: p.register, status: 'active' }, attributes: ['data'], transaction: ctx.t, raw: true,
  });
  return isObj(entry?.data) ? entry.data : undefined;
}
