// The condition builder's part of JSON Logic: comparisons and 已填写 joined by 并且 are read into
// clauses and written back as the same expression; what it cannot show (或者, arithmetic) is
// refused; older named guards read as the expressions they mean; the fields offered are the
// form's (groups one level down) and the decision form's, typed.
import { describe, expect, it } from 'vitest';
import { describeExpr } from '../engine/expression/index.js';
import { coerce, conditionFields, guardExpr, readClauses, writeClauses } from '../renderer/src/admin/workflow/conditions.js';

describe('条件分支：条件编辑', () => {
  it('reads and writes comparisons joined by 并且, the same expression', () => {
    const expr = { and: [{ '>=': [{ var: 'data.area' }, 1000] }, { '===': [{ var: 'decision.pass' }, true] }, { '!!': { var: 'data.report' } }] };
    const clauses = readClauses(expr)!;
    expect(clauses).toEqual([
      { variable: 'data.area', op: '>=', value: 1000 }, { variable: 'decision.pass', op: '==', value: true }, { variable: 'data.report', op: 'filled', value: undefined },
    ]);
    expect(writeClauses(clauses)).toEqual(expr);
    expect(writeClauses([clauses[0]])).toEqual({ '>=': [{ var: 'data.area' }, 1000] });
  });

  it('refuses what it cannot show', () => {
    expect(readClauses({ or: [{ '>=': [{ var: 'data.area' }, 1] }, { '!!': { var: 'data.x' } }] })).toBeNull();
    expect(readClauses({ '>': [{ '+': [{ var: 'data.a' }, 1] }, 2] })).toBeNull();
    expect(readClauses({ '>': [{ var: 'data.a' }, { var: 'data.b' }] })).toBeNull();
  });

  it('shows an older named guard as its expression, in Chinese', () => {
    const expr = guardExpr({ type: 'decisionEquals', params: { path: '/substantiated', value: true } });
    expect(readClauses(expr)).toEqual([{ variable: 'decision.substantiated', op: '==', value: true }]);
    expect(describeExpr(expr)).toBe('办理意见「substantiated」为“是”');
    expect(guardExpr({ type: 'unknownGuard', params: {} })).toBeNull();
  });

  it('offers the form fields (a group one level down) and the decision form fields, with typed values', () => {
    const form = { type: 'object', properties: { area: { type: 'number', title: '总面积' }, owner: { type: 'object', title: '业主', properties: { name: { type: 'string', title: '姓名' } } }, rooms: { type: 'array', title: '房屋' } } };
    const decision = { type: 'object', properties: { pass: { type: 'boolean', title: '是否通过' } } };
    const fields = conditionFields(form as never, decision as never);
    expect(fields.map((f) => [f.variable, f.title])).toEqual([['data.area', '总面积'], ['data.owner.name', '业主 › 姓名'], ['decision.pass', '办理意见 › 是否通过']]);
    expect(coerce(fields[0].schema, '1000')).toBe(1000);
    expect(coerce(fields[2].schema, 'false')).toBe(false);
    expect(coerce(fields[1].schema, '张三')).toBe('张三');
  });
});
