// The part of JSON Logic the condition builder edits by clicks: comparisons of one form field or
// decision field with a value ("「总面积」大于或等于 1000"), or "已填写", joined by 并且. Anything
// else (或者, arithmetic, dates …) is shown as its Chinese sentence and edited in 流程 JSON.
import type { JsonSchema } from '../../api/model';
import { legacyGuardToExpr } from '../../../../engine/expression/index';
import type { Guard } from './transitions';

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'filled';
export const COMPARE_OPS: Record<CompareOp, string> = {
  '==': '等于', '!=': '不等于', '>': '大于', '>=': '大于或等于', '<': '小于', '<=': '小于或等于', filled: '已填写',
};

export interface Clause { variable: string; op: CompareOp; value: unknown }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const varOf = (v: unknown) => (isObj(v) && typeof v.var === 'string' ? v.var : undefined);

function readClause(e: unknown): Clause | null {
  if (!isObj(e) || Object.keys(e).length !== 1) return null;
  const [op] = Object.keys(e);
  const args = e[op];
  if (op === '!!') { const v = varOf(args) ?? (Array.isArray(args) ? varOf(args[0]) : undefined); return v ? { variable: v, op: 'filled', value: undefined } : null; }
  if (!Array.isArray(args) || args.length !== 2) return null;
  const v = varOf(args[0]);
  if (!v || isObj(args[1]) || Array.isArray(args[1])) return null;
  const norm = op === '===' ? '==' : op === '!==' ? '!=' : op;
  return norm in COMPARE_OPS && norm !== 'filled' ? { variable: v, op: norm as CompareOp, value: args[1] } : null;
}

/** The clauses of an expression, or null when the builder cannot show it. */
export function readClauses(expr: unknown): Clause[] | null {
  const list = isObj(expr) && Array.isArray(expr.and) && Object.keys(expr).length === 1 ? expr.and : [expr];
  const out = list.map(readClause);
  return out.every(Boolean) ? out as Clause[] : null;
}

export function writeClauses(clauses: Clause[]): unknown {
  const one = (c: Clause) => (c.op === 'filled' ? { '!!': { var: c.variable } } : { [c.op === '==' ? '===' : c.op === '!=' ? '!==' : c.op]: [{ var: c.variable }, c.value] });
  return clauses.length === 1 ? one(clauses[0]) : { and: clauses.map(one) };
}

/** A guard as an expression: the engine's `expr` guard, or what an older named guard means. */
export const guardExpr = (g: Guard): unknown => legacyGuardToExpr(g);

export interface FieldOption { variable: string; title: string; schema: JsonSchema }

/** Fields a condition may test: the form's (groups one level down) and, when given, a decision form's. */
export function conditionFields(form: JsonSchema | undefined, decision?: JsonSchema): FieldOption[] {
  const out: FieldOption[] = [];
  const walk = (s: JsonSchema | undefined, prefix: string, label: string, depth: number) => {
    const props = isObj(s?.properties) ? s!.properties as Record<string, JsonSchema> : {};
    for (const [k, p] of Object.entries(props)) {
      const title = `${label}${typeof p.title === 'string' ? p.title : k}`;
      if (p.type === 'object' && depth < 1) walk(p, `${prefix}.${k}`, `${title} › `, depth + 1);
      else if (p.type !== 'array' && p.type !== 'object') out.push({ variable: `${prefix}.${k}`, title, schema: p });
    }
  };
  walk(form, 'data', '', 0);
  walk(decision, 'decision', '办理意见 › ', 0);
  return out;
}

/** A typed value for a field from what was typed or chosen. */
export function coerce(schema: JsonSchema | undefined, raw: string): unknown {
  if (schema?.type === 'number' || schema?.type === 'integer') return raw === '' ? 0 : Number(raw);
  if (schema?.type === 'boolean') return raw === 'true';
  return raw;
}
