// Checks an expression before it is published: only known operations, variables that name the
// scope (data, decision, flags, state, now) and, where the caller knows the forms, fields that
// exist. Problems are Chinese sentences for administrators, each at a JSON pointer into the
// expression.
import { OPERATORS, SCOPE_ROOTS, type Expr } from './evaluate.js';

export interface ExprProblem { path: string; message: string }

export interface ExprCheckOptions {
  /** Whether a field exists: root is 'data' or 'decision', path the dotted path after it. */
  knownField?: (root: 'data' | 'decision', path: string) => boolean;
  /** Whether a state path exists in the workflow (for stateIn). */
  knownState?: (path: string) => boolean;
}

const ITERATING = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function checkExpr(expr: Expr, opts: ExprCheckOptions = {}): ExprProblem[] {
  const problems: ExprProblem[] = [];
  const known = new Set<string>(OPERATORS);
  const walk = (node: unknown, path: string, inItem: boolean) => {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${path}/${i}`, inItem)); return; }
    if (!isObj(node)) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ path, message: '每个条件只能有一个运算（如 {"==": [...]}），这里有 ' + keys.length + ' 个' });
      return;
    }
    const op = keys[0];
    const arg = node[op];
    const here = `${path}/${esc(op)}`;
    if (!known.has(op)) { problems.push({ path: here, message: `不认识的运算「${op}」` }); return; }
    if (op === 'var') { checkVar(Array.isArray(arg) ? arg[0] : arg, here, inItem); return; }
    if (op === 'stateIn') {
      const target = Array.isArray(arg) ? arg[0] : arg;
      if (typeof target !== 'string') problems.push({ path: here, message: '「处于环节」须写环节的名称' });
      else if (opts.knownState && !opts.knownState(target)) problems.push({ path: here, message: `环节「${target}」不存在` });
      return;
    }
    if (ITERATING.has(op) && Array.isArray(arg)) {
      // The first argument is the list (outer scope); the rest run once per item, where var names the item.
      walk(arg[0], `${here}/0`, inItem);
      arg.slice(1).forEach((n, i) => walk(n, `${here}/${i + 1}`, true));
      return;
    }
    walk(arg, here, inItem);
  };
  const checkVar = (name: unknown, path: string, inItem: boolean) => {
    if (name === undefined || name === null || name === '') { if (!inItem) problems.push({ path, message: '变量须写出名称，如 data.字段标识' }); return; }
    if (typeof name !== 'string' && typeof name !== 'number') { problems.push({ path, message: '变量名称须是文字' }); return; }
    const parts = String(name).split('.');
    if (parts.some((p) => FORBIDDEN.has(p))) { problems.push({ path, message: `变量「${name}」不允许使用` }); return; }
    if (inItem) return;
    const root = parts[0];
    if (!(SCOPE_ROOTS as readonly string[]).includes(root)) {
      problems.push({ path, message: `变量「${name}」须以 data（表单）、decision（办理意见）、flags（标记）、state（环节）或 now（当前时间）开头` });
      return;
    }
    if ((root === 'data' || root === 'decision') && parts.length > 1 && opts.knownField && !opts.knownField(root, parts.slice(1).join('.'))) {
      problems.push({ path, message: `${root === 'data' ? '表单' : '办理意见'}中没有字段「${parts.slice(1).join('.')}」` });
    }
  };
  walk(expr, '', false);
  return problems;
}
