// The field editor's model over every built-in type, without a browser: each form reads as fields
// of kinds the editor shows (none falls back to 「仅 JSON 编辑」, nested groups and list columns
// included), and writing the fields back gives the same schema and uiSchema (a round trip).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import { canon, readForm, writeForm, newField, withKind, type Field } from '../renderer/src/admin/form/fieldModel.js';
import { loadPinyin } from '../renderer/src/admin/identifiers.js';
import { lintForm } from '../engine/registry/lint-form.js';

// New fields are named from their titles: the console loads the pinyin dictionary on first need.
beforeAll(() => loadPinyin());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc
const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, ...p), 'utf8')) as Json;
const ids = fs.readdirSync(path.join(ROOT_DIR, 'types')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

/** Every field, nested ones with their path. */
function walk(fields: Field[], prefix = ''): Array<[string, Field]> {
  return fields.flatMap((f) => [[`${prefix}${f.name}`, f] as [string, Field], ...walk([...(f.children ?? []), ...(f.columns ?? [])], `${prefix}${f.name}.`)]);
}

describe('字段编辑器：每个内置业务类型', () => {
  it('there are built-in types to check', () => expect(ids.length).toBeGreaterThan(15));
  for (const id of ids) {
    it(`${id}: every field opens in the field editor and the round trip changes nothing`, () => {
      const schema = readJson('forms', `${id}.schema.json`);
      const ui = fs.existsSync(path.join(ROOT_DIR, 'forms', `${id}.ui.json`)) ? readJson('forms', `${id}.ui.json`) : {};
      const { fields } = readForm(schema, ui);
      const fallbacks = walk(fields).filter(([, f]) => f.kind === 'other').map(([p]) => p);
      expect(fallbacks).toEqual([]);
      const out = writeForm(schema, ui, fields, fields.map((f) => f.name));
      expect(canon(out.schema)).toEqual(canon(schema));
      // The top-level order is always written (the list is the order); everything else is as it was.
      const { 'ui:order': order, ...restUi } = out.uiSchema;
      const { 'ui:order': _o, ...origUi } = ui; // eslint-disable-line @typescript-eslint/no-unused-vars
      expect(canon(restUi)).toEqual(canon(origUi));
      expect(order).toEqual(fields.map((f) => f.name));
    });
  }
});

describe('字段编辑器：新的字段种类写成 JSON Schema', () => {
  it('a group, a list of strings, a multi-select, a date range, a list as cards read back as the same kinds', () => {
    const taken: string[] = [];
    const mk = (kind: Field['kind'], title: string) => { const f = newField(taken, kind, title); taken.push(f.name); return f; };
    const fields = [mk('group', '房屋信息'), mk('tags', '联系电话'), mk('multiselect', '服务内容'), mk('daterange', '施工期限'), { ...mk('table', '施工人员'), layout: 'cards' as const }, mk('datetime', '预约时间')];
    fields[0].children!.push({ ...newField(['name'], 'number', '建筑面积'), min: 0, default: 100, ui: { 'ui:placeholder': '单位：平方米' } });
    const out = writeForm({ type: 'object', properties: {} }, {}, fields, []);
    const props = out.schema.properties as Json;
    expect(fields.map((f) => f.name)).toEqual(['fangWuXinXi', 'phone', 'fuWuNeiRong', 'shiGongQiXian', 'shiGongRenYuan', 'yuYueShiJian']);
    expect(props.fangWuXinXi).toMatchObject({ type: 'object', properties: { name: { type: 'string' }, jianZhuMianJi: { type: 'number', minimum: 0, default: 100 } } });
    expect(out.uiSchema.fangWuXinXi).toEqual({ jianZhuMianJi: { 'ui:placeholder': '单位：平方米' } });
    expect(props.phone).toEqual({ type: 'array', title: '联系电话', items: { type: 'string' } });
    expect(props.fuWuNeiRong).toEqual({ type: 'array', title: '服务内容', uniqueItems: true, items: { type: 'string', enum: ['选项一', '选项二'] } });
    expect(out.uiSchema.fuWuNeiRong).toEqual({ 'ui:widget': 'checkboxes' });
    expect(props.shiGongQiXian.properties).toEqual({ start: { type: 'string', title: '开始日期', format: 'date' }, end: { type: 'string', title: '结束日期', format: 'date' } });
    expect(out.uiSchema.shiGongRenYuan).toBeUndefined(); // cards: no table option
    expect(props.yuYueShiJian).toEqual({ type: 'string', title: '预约时间', format: 'date-time' });
    const back = readForm(out.schema, out.uiSchema).fields;
    expect(back.map((f) => f.kind)).toEqual(['group', 'tags', 'multiselect', 'daterange', 'table', 'datetime']);
    expect(back[4].layout).toBe('cards');
    expect(back[0].children![1]).toMatchObject({ kind: 'number', min: 0, default: 100 });
    expect(canon(writeForm(out.schema, out.uiSchema, back, back.map((f) => f.name)))).toEqual(canon(out));
  });

  it('options from a register: one entry or several, saved as the registerEntry widget the forms already use', () => {
    const one = { ...newField([], 'entry', '物业区域'), required: true, register: 'areas' };
    const many = { ...newField([one.name], 'entries', '服务的物业区域'), register: 'areas', max: 10 };
    const out = writeForm({ type: 'object', properties: {} }, {}, [one, many], []);
    const props = out.schema.properties as Json;
    // As contract-filing's areaId and personnel's areaIds.
    expect(props[one.name]).toEqual({ type: 'integer', title: '物业区域', minimum: 1 });
    expect(out.uiSchema[one.name]).toEqual({ 'ui:widget': 'registerEntry', 'ui:options': { register: 'areas' } });
    expect(props[many.name]).toEqual({ type: 'array', title: '服务的物业区域', uniqueItems: true, maxItems: 10, items: { type: 'integer' } });
    expect(out.uiSchema[many.name]).toEqual({ items: { 'ui:widget': 'registerEntry', 'ui:options': { register: 'areas' } } });
    expect(out.schema.required).toEqual([one.name]);
    const back = readForm(out.schema, out.uiSchema).fields;
    expect(back.map((f) => [f.kind, f.register])).toEqual([['entry', 'areas'], ['entries', 'areas']]);
    expect(canon(writeForm(out.schema, out.uiSchema, back, back.map((f) => f.name)))).toEqual(canon(out));
    // Another register keeps the entry's other options (which value it keeps, what it fills in).
    const ui = { a: { 'ui:widget': 'registerEntry', 'ui:options': { register: 'contracts', value: '/parentId', fill: { p: '/title' } } } };
    const [a] = readForm({ type: 'object', properties: { a: { type: 'integer', minimum: 1 } } }, ui).fields;
    expect(a).toMatchObject({ kind: 'entry', register: 'contracts' });
    const moved = writeForm({ type: 'object', properties: {} }, ui, [{ ...a, register: 'areas' }], ['a']);
    expect(moved.uiSchema.a).toEqual({ 'ui:widget': 'registerEntry', 'ui:options': { register: 'areas', value: '/parentId', fill: { p: '/title' } } });
    // Another kind drops the widget.
    expect(writeForm({ type: 'object', properties: {} }, ui, [withKind(a, 'text')], ['a']).uiSchema.a).toBeUndefined();
  });

  it('built-in forms offer their register entries as 「选项来自登记册」', () => {
    const contract = readForm(readJson('forms', 'contract-filing.schema.json'), readJson('forms', 'contract-filing.ui.json')).fields;
    expect(contract.find((f) => f.name === 'areaId')).toMatchObject({ kind: 'entry', register: 'areas' });
    const personnel = readForm(readJson('forms', 'personnel.schema.json'), readJson('forms', 'personnel.ui.json')).fields;
    expect(personnel.find((f) => f.name === 'areaIds')).toMatchObject({ kind: 'entries', register: 'areas' });
  });

  it('a number with its unit and attachments limited to some kinds of file, in ui:options, accepted by the form check', () => {
    const area = { ...newField([], 'number', '建筑面积'), unit: '平方米', min: 0 };
    const plans = { ...newField([area.name], 'attachments', '施工图纸'), accept: ['pdf', 'image'] };
    const out = writeForm({ type: 'object', properties: {} }, {}, [area, plans], []);
    expect(out.uiSchema[area.name]).toEqual({ 'ui:options': { unit: '平方米' } });
    expect(out.uiSchema[plans.name]).toEqual({ 'ui:options': { accept: ['pdf', 'image'] } });
    expect((out.schema.properties as Json)[area.name]).toEqual({ type: 'number', title: '建筑面积', minimum: 0 });
    const back = readForm(out.schema, out.uiSchema).fields;
    expect(back[0]).toMatchObject({ kind: 'number', unit: '平方米' });
    expect(back[1]).toMatchObject({ kind: 'attachments', accept: ['pdf', 'image'] });
    expect(canon(writeForm(out.schema, out.uiSchema, back, back.map((f) => f.name)))).toEqual(canon(out));
    // Cleared: the options go, other options stay.
    const cleared = writeForm(out.schema, { ...out.uiSchema, [area.name]: { 'ui:options': { unit: '平方米', inputType: 'tel' } } },
      [{ ...back[0], unit: undefined, ui: { 'ui:options': { unit: '平方米', inputType: 'tel' } } }, { ...back[1], accept: undefined }], back.map((f) => f.name));
    expect(cleared.uiSchema[area.name]).toEqual({ 'ui:options': { inputType: 'tel' } });
    expect(cleared.uiSchema[plans.name]).toBeUndefined();
    // The definition check takes both, and names a kind of file it does not know.
    const problems: string[] = [];
    lintForm(out.schema, out.uiSchema, (_f, p, m) => problems.push(`${p} ${m}`));
    expect(problems).toEqual([]);
    lintForm(out.schema, { [plans.name]: { 'ui:options': { accept: ['pdf', 'zip'] } } }, (_f, p, m) => problems.push(`${p} ${m}`));
    expect(problems).toEqual([expect.stringMatching(/ui:options\/accept .*允许的文件类型应为/)]);
  });

  it('a shape no kind describes stays 「其他」 and is written back untouched', () => {
    const schema = { type: 'object', properties: { x: { oneOf: [{ type: 'string' }, { type: 'number' }], title: 'X' } } };
    const { fields } = readForm(schema, {});
    expect(fields[0].kind).toBe('other');
    expect(canon(writeForm(schema, {}, fields, ['x']).schema)).toEqual(canon(schema));
  });
});
