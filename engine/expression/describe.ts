// An expression as a Chinese sentence, for the step editor, the field editor and the simulator:
// {"and": [{">=": [{"var": "data.area"}, 1000]}, {"==": [{"var": "decision.pass"}, true]}]}
// → 「总面积」大于或等于 1000，并且 办理意见「是否通过」为“是”.
import type { Expr } from './evaluate.js';

/** The Chinese name of a variable (e.g. 'data.area' → 总面积); undefined: the name itself is shown. */
export type VarLabel = (name: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const COMPARE: Record<string, string> = {
  '==': '为', '===': '为', '!=': '不为', '!==': '不为', '>': '大于', '>=': '大于或等于', '<': '小于', '<=': '小于或等于',
};

function literal(v: unknown): string {
  if (v === true) return '“是”';
  if (v === false) return '“否”';
  if (v === null) return '空';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `“${v}”`;
  if (Array.isArray(v)) return v.map(literal).join('、');
  return JSON.stringify(v);
}

function varName(name: unknown, label: VarLabel): string {
  const n = String(name ?? '');
  const own = label(n);
  if (own) return own;
  const [root, ...rest] = n.split('.');
  const field = rest.join('.');
  if (root === 'data') return `「${field || '表单'}」`;
  if (root === 'decision') return `办理意见「${field}」`;
  if (root === 'flags') return '标记';
  if (root === 'state') return '当前环节';
  if (root === 'now') return '当前日期';
  return `「${n}」`;
}

export function describeExpr(expr: Expr, label: VarLabel = () => undefined): string {
  const d = (e: Expr): string => describeExpr(e, label);
  const value = (e: Expr): string => {
    if (isObj(e) && 'var' in e) return varName(Array.isArray(e.var) ? e.var[0] : e.var, label);
    if (isObj(e) && 'length' in e) return `${value(Array.isArray(e.length) ? e.length[0] : e.length)}的长度（项数）`;
    if (isObj(e) && 'daysBetween' in e && Array.isArray(e.daysBetween)) return `${value(e.daysBetween[0])}到${value(e.daysBetween[1])}的天数`;
    if (isObj(e) && 'addDays' in e && Array.isArray(e.addDays)) return `${value(e.addDays[0])}加 ${literal(e.addDays[1])} 天`;
    if (isObj(e)) return `（${d(e)}）`;
    return literal(e);
  };
  if (!isObj(expr)) return expr === true ? '总是' : expr === false ? '从不' : literal(expr);
  const [op] = Object.keys(expr);
  const raw = expr[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op in COMPARE) {
    if (args.length === 3 && (op === '<' || op === '<=')) return `${value(args[1])}在 ${value(args[0])} 与 ${value(args[2])} 之间`;
    if (op === '==' && args[1] === null) return `${value(args[0])}为空`;
    return `${value(args[0])}${COMPARE[op]} ${value(args[1])}`.replace(/」 “/, '」“').replace(/为 “/, '为“');
  }
  switch (op) {
    case 'and': return args.map(d).join('，并且 ');
    case 'or': return args.map(d).join('，或者 ');
    case '!': {
      const inner = args[0];
      if (isObj(inner) && 'var' in inner) return `${value(inner)}未填写`;
      return `并非（${d(inner)}）`;
    }
    case '!!': return `${value(args[0])}已填写`;
    case 'var': return `${value(expr)}已填写`;
    case 'in': {
      if (Array.isArray(args[1])) return `${value(args[0])}是 ${literal(args[1])} 之一`;
      if (isObj(args[1]) && 'var' in args[1] && String(args[1].var) === 'flags') return `带有标记 ${value(args[0])}`;
      if (isObj(args[1]) && 'var' in args[1] && String(args[1].var) === 'state') return `处于环节 ${value(args[0])}`;
      return `${value(args[1])}包含 ${value(args[0])}`;
    }
    case 'stateIn': return `处于环节“${String(args[0])}”`;
    case 'missing': return `${args.map(value).join('、')}有未填写的`;
    case 'some': return `${value(args[0])}中有一项满足：${d(args[1])}`;
    case 'all': return `${value(args[0])}中每一项都满足：${d(args[1])}`;
    case 'none': return `${value(args[0])}中没有一项满足：${d(args[1])}`;
    default: return `${op}（${args.map(value).join('，')}）`;
  }
}
