import { describe, it, expect } from 'vitest';
import { createAjv, validateForm, compileDefinitionSchema } from '../engine/validation/index.js';

// A cut-down committee filing: titles, a nested member list behind a $ref, if/then.
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '业委会备案',
  type: 'object',
  required: ['projectName', 'landArea', 'propertyType', 'electionDate', 'creditCode', 'members'],
  properties: {
    projectName: { type: 'string', title: '项目名称', minLength: 2, maxLength: 20 },
    landArea: { type: 'number', title: '占地面积', minimum: 0 },
    propertyType: { type: 'string', title: '物业类型', enum: ['住宅', '商业', '办公'] },
    electionDate: { type: 'string', title: '选举日期', format: 'date' },
    creditCode: { type: 'string', title: '统一社会信用代码', format: 'uscc' },
    contactPhone: { type: 'string', title: '手机号码', format: 'mobile' },
    postcode: { type: 'string', title: '邮政编码', pattern: '^\\d{6}$', 'x-message': '邮政编码应为 6 位数字' },
    isLate: { type: 'boolean', title: '是否逾期' },
    lateReason: { type: 'string', title: '逾期说明' },
    agreed: { const: true, title: '机构注册协议' },
    members: { type: 'array', title: '委员', minItems: 2, items: { $ref: '#/definitions/member' } },
  },
  definitions: {
    member: {
      type: 'object',
      required: ['name', 'idNumber'],
      properties: {
        name: { type: 'string', title: '姓名', minLength: 1 },
        idNumber: { type: 'string', title: '身份证号码', format: 'idcard' },
        attachments: { type: 'array', title: '证明材料', items: { type: 'string', format: 'attachment' } },
      },
    },
  },
  if: { properties: { isLate: { const: true } }, required: ['isLate'] },
  then: { required: ['lateReason'] },
};

const valid = {
  projectName: '阳光花园',
  landArea: 0,
  propertyType: '住宅',
  electionDate: '2025-06-01',
  creditCode: '91110108551385082Q',
  contactPhone: '13800138000',
  members: [
    { name: '张三', idNumber: '11010519491231002X', attachments: ['1b4e28ba-2fa1-41d2-883f-0016d3cca427'] },
    { name: '李四', idNumber: '110105198501010039' },
  ],
};

const byField = (errors: { field: string; message: string }[]) =>
  Object.fromEntries(errors.map((e) => [e.field, e.message]));

describe('validateForm', () => {
  const ajv = createAjv();

  it('accepts valid data', () => {
    expect(validateForm(ajv, schema, valid)).toEqual([]);
  });

  it('reports one Chinese message per field, named by its title', () => {
    const errors = validateForm(ajv, schema, {
      projectName: '阳',
      landArea: -1,
      propertyType: '别墅',
      electionDate: '2025-02-30',
      creditCode: '91110108551385082A',
      contactPhone: '1380013800',
      postcode: '1000',
      agreed: false,
      isLate: true,
      members: [
        { name: '张三', idNumber: '11010519491231002X', attachments: ['not-a-uuid'] },
        { name: '', idNumber: '110105194912310021' },
        { idNumber: 12 },
      ],
    });
    expect(byField(errors)).toEqual({
      '/projectName': '「项目名称」不能少于 2 个字符',
      '/landArea': '「占地面积」不能小于 0',
      '/propertyType': '「物业类型」应为以下之一：住宅、商业、办公',
      '/electionDate': '「选举日期」应为日期（YYYY-MM-DD）',
      '/creditCode': '「统一社会信用代码」校验位错误，请核对号码',
      '/contactPhone': '「手机号码」格式不正确，长度应为 11 位，当前为 10 位',
      '/postcode': '邮政编码应为 6 位数字',
      '/agreed': '「机构注册协议」须勾选',
      '/lateReason': '「逾期说明」为必填项', // from then; the if wrapper is dropped
      '/members/0/attachments/0': '「证明材料」第 1 项不是有效的附件编号',
      '/members/1/name': '「姓名」不能为空',
      '/members/1/idNumber': '「身份证号码」校验位错误，请核对号码',
      '/members/2/name': '「姓名」为必填项',
      '/members/2/idNumber': '「身份证号码」应为文本',
    });
    expect(errors.find((e) => e.field === '/members/1/idNumber')?.title).toBe('身份证号码');
    expect(errors.some((e) => e.message.includes('if') || e.message.includes('then'))).toBe(false);
  });

  it('points required errors at the missing property, including inside array items', () => {
    const errors = validateForm(ajv, schema, { members: [{ name: '张三' }] });
    const fields = byField(errors);
    expect(fields['/projectName']).toBe('「项目名称」为必填项');
    expect(fields['/creditCode']).toBe('「统一社会信用代码」为必填项');
    expect(fields['/members']).toBe('「委员」至少需要 2 项');
    expect(fields['/members/0/idNumber']).toBe('「身份证号码」为必填项');
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
  });

  it('partial mode (draft) ignores missing fields and short lists, not bad values', () => {
    const errors = validateForm(
      ajv, schema,
      { landArea: '100', isLate: true, members: [{ idNumber: '110105194902300020' }] },
      { partial: true },
    );
    expect(byField(errors)).toEqual({
      '/landArea': '「占地面积」应为数字',
      '/members/0/idNumber': '「身份证号码」出生日期 1949-02-30 不是有效日期',
    });
    expect(validateForm(ajv, schema, {}, { partial: true })).toEqual([]);
  });

  it('merges alternative types and resolves titles through $defs', () => {
    const s = {
      type: 'object',
      properties: { amount: { $ref: '#/$defs/money' } },
      $defs: { money: { title: '金额', anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^\\d+$' }] } },
    };
    expect(validateForm(ajv, s, { amount: true })).toEqual([
      { field: '/amount', title: '金额', message: '「金额」应为数字或文本' },
    ]);
  });

  it('rejects prototype-polluting keys at their pointer', () => {
    const data = JSON.parse('{"projectName":"阳光花园","members":[{"name":"张三","__proto__":{"admin":true}}],"constructor":1}');
    expect(validateForm(ajv, schema, data)).toEqual([
      { field: '/members/0/__proto__', message: '不允许的字段名' },
      { field: '/constructor', message: '不允许的字段名' },
    ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('caches the compiled validator per schema object', () => {
    expect(compileDefinitionSchema(ajv, schema)).toBe(compileDefinitionSchema(ajv, schema));
  });

  it('refuses a definition that is not valid draft-07', () => {
    expect(() => compileDefinitionSchema(ajv, { type: 'strin' })).toThrow(/JSON Schema（draft-07）.*schema\/type/);
    expect(() => compileDefinitionSchema(ajv, { required: 'name' })).toThrow(/draft-07/);
    expect(() => compileDefinitionSchema(ajv, { $ref: '#/definitions/missing' })).toThrow(/can't resolve reference/);
  });
});
