// A new type is complete by default: completeBundle adds an 申请表 print written from the form
// (groups as sections, lists as tables, an attachments list, the signature and date boxes), a title
// field, list columns and a menu group, without touching what the administrator chose. The bundle
// it makes passes the server's check, publishes, and its print renders on the example data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { newBundle } from '../renderer/src/admin/newBundle.js';
import { completeBundle } from '../renderer/src/admin/completeBundle.js';
import { newField, readForm, writeForm, type Field } from '../renderer/src/admin/form/fieldModel.js';
import { repairExample } from '../renderer/src/admin/form/fieldSamples.js';
import { loadPinyin } from '../renderer/src/admin/identifiers.js';

// New fields are named from their titles: the console loads the pinyin dictionary on first need.
beforeAll(() => loadPinyin());

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

function field(kind: Field['kind'], title: string, name: string, extra: Partial<Field> = {}): Field {
  return { ...newField([], kind, title), name, ...extra };
}

/** 装修备案 built as the field editor builds it: a group with an attachment list, a list, tags, a multi-select, a date range. */
function renovation() {
  const b = newBundle('zhuang-xiu-bei-an', '装修备案', '440604');
  const house = field('group', '房屋信息', 'house', { required: true });
  house.children = [field('text', '房号', 'room', { required: true }), field('number', '建筑面积', 'area', { min: 0 }), field('attachments', '房产证', 'deed', { required: true })];
  const fields = [
    ...readForm(b.schema, b.uiSchema).fields,
    field('text', '装修项目名称', 'projectName', { required: true }),
    house,
    field('table', '施工人员', 'workers', { required: true }),
    field('tags', '联系电话', 'phones'),
    field('multiselect', '装修内容', 'works', { options: ['水电', '墙面', '地面'] }),
    field('daterange', '施工期限', 'period', { required: true }),
    field('attachments', '施工方案', 'plan'),
  ];
  const { schema, uiSchema } = writeForm(b.schema, b.uiSchema, fields, ['district']);
  schema.examples = [repairExample(b.schema.examples![0], fields, { previous: ['district'], district: '440604' })];
  return { ...b, schema, uiSchema };
}

describe('新业务类型默认完整', () => {
  it('fills the 申请表, the title field, list columns and the menu, and keeps what is set', () => {
    const done = completeBundle(renovation());
    expect(done.settings.titleField).toBe('/projectName');
    expect(done.settings.listColumns).toEqual([{ field: '/district', title: '所属区县' }]);
    expect(done.settings.menu).toBe('物业管理');
    expect(done.settings.prints).toEqual({ application: { title: '申请表' } });
    const t = done.prints.application;
    for (const s of ['<h2>房屋信息</h2>', '{{data.house.room}}', '<h2>施工人员</h2>', '{{#each data.workers}}', '<h2>附件清单</h2>', '房产证', '施工方案', '{{join data.phones "、"}}', '{{> signature']) expect(t).toContain(s);
    const chosen = { ...done, settings: { ...done.settings, titleField: '/house/room', menu: '公众服务' }, prints: { application: 'mine' } };
    expect(completeBundle(chosen)).toEqual(chosen);
  });

  it('the completed bundle passes the server check, publishes, and its 申请表 renders on the example', async () => {
    const admin = await app.login('admin');
    const done = completeBundle(renovation());
    const lint = await admin.post('/api/admin/lint', done);
    expect(lint.body.problems).toEqual([]);
    const preview = await admin.post('/api/admin/print-preview', { bundle: done, template: 'application', format: 'html' });
    expect(preview.status).toBe(200);
    for (const s of ['申请表', '房屋信息', '示例房号', '施工人员', '示例名称', '附件清单', '房产证', '经办人（签名）']) expect(preview.body).toContain(s);
    // Optional values left out still print (templates are strict: a missing value must be guarded).
    const sparse = { ...done.schema.examples![0] as Record<string, unknown> };
    delete sparse.phones;
    delete sparse.plan;
    const again = await admin.post('/api/admin/print-preview', { bundle: done, template: 'application', data: sparse });
    expect(again.status).toBe(200);
    const published = await admin.post('/api/admin/types/zhuang-xiu-bei-an/publish', done);
    expect(published.status).toBe(200);
  });
});
