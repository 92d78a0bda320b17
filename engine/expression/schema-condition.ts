// Conditional form fields are written as JSON Schema `if` conditions (validated alike by ajv on
// the server and by rjsf in the browser), but edited and shown as the same expressions as guards.
// These two functions translate the part of JSON Logic that JSON Schema can say — comparisons of
// one field with a value, membership in a list, presence, and/or/not — in both directions, over
// `data.<field>` (nested groups as dotted paths). Anything else answers null: the caller keeps it
// as it is and offers the JSON tab.
import type { Expr } from './evaluate.js';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KEYWORD: Record<string, string> = { '==': 'const', '===': 'const', '>': 'exclusiveMinimum', '>=': 'minimum', '<': 'exclusiveMaximum', '<=': 'maximum', in: 'enum' };

/** Wraps a leaf schema of a dotted data path into nested `properties` with `required`. */
function atPath(path: string[], leaf: Schema | null): Schema {
  const [head, ...rest] = path;
  const inner = rest.length ? atPath(rest, leaf) : leaf;
  return inner ? { properties: { [head]: inner }, required: [head] } : { required: [head] };
}

function fieldOf(e: unknown): string[] | null {
  if (!isObj(e) || !('var' in e)) return null;
  const name = String(Array.isArray(e.var) ? e.var[0] : e.var);
  const [root, ...rest] = name.split('.');
  return root === 'data' && rest.length ? rest : null;
}

export function exprToSchemaIf(expr: Expr): Schema | null {
  if (!isObj(expr)) return null;
  const [op] = Object.keys(expr);
  const raw = expr[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === 'and' || op === 'or') {
    const parts = args.map(exprToSchemaIf);
    return parts.some((p) => p === null) ? null : { [op === 'and' ? 'allOf' : 'anyOf']: parts };
  }
  if (op === '!') {
    const path = fieldOf(args[0]);
    if (path) return { not: atPath(path, null) };
    const inner = exprToSchemaIf(args[0]);
    return inner ? { not: inner } : null;
  }
  if (op === '!!' || op === 'var') {
    const path = fieldOf(op === 'var' ? expr : args[0]);
    return path ? atPath(path, null) : null;
  }
  if (op === '!=' || op === '!==') {
    const inner = exprToSchemaIf({ '==': args });
    return inner ? { not: inner } : null;
  }
  const keyword = KEYWORD[op];
  const path = fieldOf(args[0]);
  if (!keyword || !path || args.length !== 2 || isObj(args[1])) return null;
  if (op === 'in' && !Array.isArray(args[1])) return null;
  if (keyword.includes('imum') && typeof args[1] !== 'number') return null;
  return atPath(path, { [keyword]: args[1] });
}

/** The expression a schema `if` says, or null when it says something beyond the translated part. */
export function schemaIfToExpr(schema: unknown, prefix = 'data'): Expr | null {
  if (!isObj(schema)) return null;
  const parts: Expr[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'allOf' || key === 'anyOf') {
      if (!Array.isArray(value)) return null;
      const inner = value.map((v) => schemaIfToExpr(v, prefix));
      if (inner.some((i) => i === null)) return null;
      parts.push({ [key === 'allOf' ? 'and' : 'or']: inner });
    } else if (key === 'not') {
      const inner = schemaIfToExpr(value, prefix);
      if (inner === null) return null;
      // not { required: [x] } reads as "x is empty"; not { x: const } as "x is not v".
      if (isObj(inner) && '!!' in inner) parts.push({ '!': inner['!!'] });
      else if (isObj(inner) && '==' in inner) parts.push({ '!=': inner['=='] });
      else parts.push({ '!': inner });
    } else if (key === 'properties') {
      if (!isObj(value)) return null;
      for (const [name, sub] of Object.entries(value)) {
        const v = { var: `${prefix}.${name}` };
        if (!isObj(sub)) return null;
        const keys = Object.keys(sub);
        if (keys.length !== 1 && !(keys.includes('properties') && keys.every((k) => k === 'properties' || k === 'required'))) return null;
        if ('const' in sub) parts.push({ '==': [v, sub.const] });
        else if ('enum' in sub && Array.isArray(sub.enum)) parts.push({ in: [v, sub.enum] });
        else if ('minimum' in sub) parts.push({ '>=': [v, sub.minimum] });
        else if ('exclusiveMinimum' in sub) parts.push({ '>': [v, sub.exclusiveMinimum] });
        else if ('maximum' in sub) parts.push({ '<=': [v, sub.maximum] });
        else if ('exclusiveMaximum' in sub) parts.push({ '<': [v, sub.exclusiveMaximum] });
        else if ('properties' in sub) {
          const inner = schemaIfToExpr(sub, `${prefix}.${name}`);
          if (inner === null) return null;
          parts.push(inner);
        } else return null;
      }
    } else if (key === 'required') {
      if (!Array.isArray(value)) return null;
      // A field compared above is also required (the condition only holds when it is there);
      // one that is only required reads as "is filled".
      const compared = new Set(Object.keys(isObj(schema.properties) ? schema.properties : {}));
      for (const name of value) if (!compared.has(String(name))) parts.push({ '!!': { var: `${prefix}.${name}` } });
    } else return null;
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : { and: parts };
}
