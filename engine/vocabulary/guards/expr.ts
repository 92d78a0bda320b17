// The general guard: a JSON Logic expression over the case data, the decision, the flags and the
// active state (engine/expression explains the language and why JSON Logic).
import { checkExpr, exprHolds } from '../../expression/index.js';
import { guard } from '../entry.js';

export default guard({
  title: '条件表达式（比较数值、日期、长度，并且/或者/不是，属于，处于环节）',
  params: {
    type: 'object', required: ['expr'],
    properties: { expr: { title: '条件', description: 'JSON Logic 表达式，变量 data.字段、decision.字段、flags、state、now' } },
    additionalProperties: false,
  },
  test: (scope, p) => exprHolds(p.expr, scope),
  check: (p, ctx) => checkExpr(p.expr, ctx).map((x) => ({ path: `/expr${x.path}`, message: x.message })),
});
