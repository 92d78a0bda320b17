// Guard and condition expressions (JSON Logic): evaluation over the case scope, the check that
// refuses unsafe or unknown parts, the Chinese sentence, and the round trip with JSON Schema `if`.
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import {
  checkExpr, describeExpr, evaluateExpr, exprHolds, exprToSchemaIf, legacyGuardToExpr, schemaIfToExpr, statePaths,
} from '../engine/expression/index.js';

const scope = {
  data: { area: 1200, type: '住宅', name: '锦绣花园', houses: [{ room: '101' }, { room: '102' }], start: '2026-01-01', end: '2026-03-02', group: { kind: '前期' } },
  decision: { pass: true, score: 88 },
  flags: ['pilotCode'],
  state: statePaths(['review.legal', 'review.finance']),
  now: '2026-12-07T08:00:00Z',
};

describe('expressions as guards', () => {
  it('compares numbers, dates, string lengths and list sizes', () => {
    expect(exprHolds({ '>=': [{ var: 'data.area' }, 1000] }, scope)).toBe(true);
    expect(exprHolds({ '<': [{ var: 'data.area' }, 1000] }, scope)).toBe(false);
    expect(exprHolds({ '<': [{ var: 'data.start' }, { var: 'data.end' }] }, scope)).toBe(true);
    expect(evaluateExpr({ daysBetween: [{ var: 'data.start' }, { var: 'data.end' }] }, scope)).toBe(60);
    expect(evaluateExpr({ addDays: [{ var: 'data.start' }, 31] }, scope)).toBe('2026-02-01');
    expect(exprHolds({ '==': [{ length: { var: 'data.name' } }, 4] }, scope)).toBe(true);
    expect(exprHolds({ '>': [{ length: { var: 'data.houses' } }, 1] }, scope)).toBe(true);
  });

  it('combines with and / or / not, membership, flags, decision and stateIn', () => {
    expect(exprHolds({ and: [{ in: [{ var: 'data.type' }, ['住宅', '商业']] }, { '===': [{ var: 'decision.pass' }, true] }] }, scope)).toBe(true);
    expect(exprHolds({ or: [{ '!': { var: 'data.type' } }, { in: ['pilotCode', { var: 'flags' }] }] }, scope)).toBe(true);
    expect(exprHolds({ stateIn: 'review' }, scope)).toBe(true);
    expect(exprHolds({ stateIn: 'review.legal' }, scope)).toBe(true);
    expect(exprHolds({ stateIn: 'approved' }, scope)).toBe(false);
    expect(exprHolds({ some: [{ var: 'data.houses' }, { '==': [{ var: 'room' }, '102'] }] }, scope)).toBe(true);
    expect(exprHolds({ '==': [{ var: 'data.group.kind' }, '前期'] }, scope)).toBe(true);
  });

  it('cannot call methods of values', () => {
    expect(() => evaluateExpr({ method: ['abc', 'toUpperCase'] }, scope)).toThrow();
    expect(checkExpr({ method: ['abc', 'toUpperCase'] })).toEqual([{ path: '/method', message: '不认识的运算「method」' }]);
  });
});

describe('the check of an expression', () => {
  it('names unknown variables, fields, states and unsafe names in Chinese', () => {
    const problems = checkExpr(
      { and: [{ '==': [{ var: 'data.nope' }, 1] }, { '==': [{ var: 'form.area' }, 1] }, { stateIn: 'gone' }, { '==': [{ var: 'data.constructor' }, 1] }] },
      { knownField: (_root, path) => path === 'area', knownState: (s) => s === 'review' },
    );
    expect(problems.map((p) => p.path)).toEqual(['/and/0/==/0/var', '/and/1/==/0/var', '/and/2/stateIn', '/and/3/==/0/var']);
    expect(problems[0].message).toBe('表单中没有字段「nope」');
    expect(problems[1].message).toMatch(/须以 data/);
    expect(problems[2].message).toBe('环节「gone」不存在');
    expect(problems[3].message).toBe('变量「data.constructor」不允许使用');
  });

  it('lets iteration bodies name the item', () => {
    expect(checkExpr({ some: [{ var: 'data.houses' }, { '==': [{ var: 'room' }, '1'] }] }, { knownField: (_r, p) => p === 'houses' })).toEqual([]);
  });
});

describe('expressions in Chinese', () => {
  const label = (n: string) => ({ 'data.area': '「总面积」', 'data.type': '「物业类型」', 'decision.pass': '办理意见「是否通过」' } as Record<string, string>)[n];
  it('reads as a sentence', () => {
    expect(describeExpr({ and: [{ '>=': [{ var: 'data.area' }, 1000] }, { '===': [{ var: 'decision.pass' }, true] }] }, label))
      .toBe('「总面积」大于或等于 1000，并且 办理意见「是否通过」为“是”');
    expect(describeExpr({ '==': [{ var: 'data.type' }, '住宅'] }, label)).toBe('「物业类型」为“住宅”');
    expect(describeExpr({ in: [{ var: 'data.type' }, ['住宅', '商业']] }, label)).toBe('「物业类型」是 “住宅”、“商业” 之一');
    expect(describeExpr({ '!': { var: 'data.type' } }, label)).toBe('「物业类型」未填写');
    expect(describeExpr({ in: ['pilotCode', { var: 'flags' }] })).toBe('带有标记 “pilotCode”');
    expect(describeExpr({ '>': [{ length: { var: 'data.houses' } }, 0] })).toBe('「houses」的长度（项数）大于 0');
  });
});

describe('conditional fields as JSON Schema if', () => {
  const cases: unknown[] = [
    { '==': [{ var: 'data.type' }, '住宅'] },
    { '!=': [{ var: 'data.type' }, '住宅'] },
    { in: [{ var: 'data.type' }, ['住宅', '商业']] },
    { '>=': [{ var: 'data.area' }, 1000] },
    { '<': [{ var: 'data.area' }, 1000] },
    { '!!': { var: 'data.name' } },
    { '!': { var: 'data.name' } },
    { and: [{ '==': [{ var: 'data.type' }, '住宅'] }, { '>': [{ var: 'data.area' }, 10] }] },
    { or: [{ '==': [{ var: 'data.type' }, '住宅'] }, { '==': [{ var: 'data.group.kind' }, '前期'] }] },
  ];
  const samples = [
    {}, { type: '住宅' }, { type: '商业', area: 5 }, { type: '住宅', area: 2000, name: 'x' }, { area: 999, group: { kind: '前期' } },
    { name: '', type: '其他', area: 1000 },
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c]))('%s means the same in ajv as in json-logic, and reads back', (_n, expr) => {
    const schema = exprToSchemaIf(expr);
    expect(schema).not.toBeNull();
    // strict: false — an `if` condition names properties without restating their types.
    const validate = new Ajv({ strict: false }).compile(schema!);
    for (const data of samples) {
      // Presence in JSON Schema is `required`; JSON Logic's truthiness also treats "" as absent.
      if (JSON.stringify(expr).includes('"!') && (data as { name?: string }).name === '') continue;
      expect(validate(data), JSON.stringify(data)).toBe(exprHolds(expr, { data }));
    }
    expect(exprToSchemaIf(schemaIfToExpr(schema))).toEqual(schema);
  });
  it('reads the console\'s existing conditions', () => {
    expect(schemaIfToExpr({ properties: { type: { const: '住宅' } }, required: ['type'] })).toEqual({ '==': [{ var: 'data.type' }, '住宅'] });
    expect(schemaIfToExpr({ properties: { type: { pattern: 'x' } } })).toBeNull();
  });
});

describe('named guards of earlier definitions', () => {
  it('are shown as the expressions they equal', () => {
    expect(legacyGuardToExpr({ type: 'dataEquals', params: { path: '/urgency', value: '急修' } })).toEqual({ '===': [{ var: 'data.urgency' }, '急修'] });
    expect(legacyGuardToExpr({ type: 'hasFlag', params: { code: 'x' } })).toEqual({ in: ['x', { var: 'flags' }] });
  });
});
