// Guard and condition expressions: JSON Logic (jsonlogic.com) evaluated by json-logic-js.
// Why JSON Logic and not CEL: an expression is plain JSON, so it lives in the type's JSON files,
// round-trips through the console and the export bundle untouched, can be walked as a tree to be
// shown as a Chinese sentence and edited by a condition builder, and is what Form.io uses; CEL is
// a text language that needs a parser on both sides and cannot be edited structurally as easily.
//
// The scope an expression sees: `data` (the case data after the step's own actions), `decision`
// (the decision form of the event), `flags` (the case's flag codes), `state` (the active state
// paths, ancestors included) and `now` (ISO time of the transition). Extra operations: `length`
// (characters of a string, items of a list), `daysBetween` and `addDays` over YYYY-MM-DD dates
// (dates compare as strings with < <= > >=; an empty value compares false), `stateIn` ("is the case in this state").
// This file is isomorphic: the engine and the renderer (condition builder, simulator) import it.
import jsonLogic from 'json-logic-js';

export type Expr = unknown;

export interface ExprScope {
  data?: unknown;
  decision?: unknown;
  flags?: string[];
  state?: string[];
  now?: string;
}

const DAY = 86_400_000;
const dayOf = (v: unknown): number | null => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const t = Date.parse(v.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(t) ? null : t / DAY;
};

/** The operations an expression may use; `method` and `log` of json-logic-js are not among them. */
export const OPERATORS = [
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', 'and', 'or', 'if', '?:',
  'in', 'var', 'missing', 'missing_some', 'cat', 'substr', '+', '-', '*', '/', '%', 'min', 'max',
  'merge', 'some', 'all', 'none', 'map', 'filter', 'reduce',
  'length', 'daysBetween', 'addDays', 'stateIn',
] as const;

/** The roots a `var` may start with. Inside `some`/`all`/`filter` etc. a var names the item. */
export const SCOPE_ROOTS = ['data', 'decision', 'flags', 'state', 'now'] as const;

let registered = false;
function register() {
  if (registered) return;
  registered = true;
  jsonLogic.add_operation('length', (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? v.length : 0));
  jsonLogic.add_operation('daysBetween', (a: unknown, b: unknown) => {
    const x = dayOf(a);
    const y = dayOf(b);
    return x === null || y === null ? null : Math.round(y - x);
  });
  jsonLogic.add_operation('addDays', (a: unknown, n: unknown) => {
    const x = dayOf(a);
    return x === null || typeof n !== 'number' ? null : new Date((x + n) * DAY).toISOString().slice(0, 10);
  });
  // An empty field is neither more nor less than anything (JavaScript would read null as 0): the
  // same answer JSON Schema gives a condition on a field that is not there.
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  const ordered = (cmp: (a: never, b: never) => boolean) => (...args: unknown[]) => {
    const vals = args.slice(0, args.length >= 3 ? 3 : 2);
    if (vals.some(empty)) return false;
    for (let i = 1; i < vals.length; i++) if (!cmp(vals[i - 1] as never, vals[i] as never)) return false;
    return true;
  };
  jsonLogic.add_operation('<', ordered((a, b) => a < b));
  jsonLogic.add_operation('<=', ordered((a, b) => a <= b));
  jsonLogic.add_operation('>', ordered((a, b) => a > b));
  jsonLogic.add_operation('>=', ordered((a, b) => a >= b));
  // json-logic-js can call any method of a value through `method`: not in an expression we run.
  jsonLogic.rm_operation('method');
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{"stateIn": "review.legal"}` → `{"in": ["review.legal", {"var": "state"}]}`: the scope lists every active path. */
function rewrite(expr: Expr): Expr {
  if (Array.isArray(expr)) return expr.map(rewrite);
  if (!isObj(expr)) return expr;
  const [op] = Object.keys(expr);
  if (op === 'stateIn') {
    const arg = expr.stateIn;
    return { in: [Array.isArray(arg) ? arg[0] : arg, { var: 'state' }] };
  }
  return { [op]: rewrite(expr[op]) };
}

/** Every active state path with its ancestors: ['review', 'review.legal']. */
export function statePaths(leaves: string[]): string[] {
  const out = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

/** The value of an expression in a scope (JSON Logic semantics). */
export function evaluateExpr(expr: Expr, scope: ExprScope): unknown {
  register();
  const data = { data: scope.data ?? {}, decision: scope.decision ?? {}, flags: scope.flags ?? [], state: scope.state ?? [], now: scope.now ?? new Date().toISOString() };
  return jsonLogic.apply(rewrite(expr) as never, data);
}

/** Whether an expression holds (JSON Logic truthiness: [] and "" are false). */
export function exprHolds(expr: Expr, scope: ExprScope): boolean {
  return jsonLogic.truthy(evaluateExpr(expr, scope));
}
