// 设施设备管理: a property company registers the facilities of an area it serves — of the whole
// area, of a building or of a unit — edits them (each edit in the history, the facility keeps its
// register id), scraps them; imports them from Excel; facilities of an approved takeover inspection
// appear here as editable facilities too. 设备编号 is unique in an area; 电梯 and 压力容器 need a
// 使用登记证号 and a 下次检验日期. Each facility lists its maintenance (and repair) records.
// Another company sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import schema from '../forms/facility.schema.json';
import takeoverSchema from '../forms/takeover-inspection.schema.json';
import contractSchema from '../forms/contract-filing.schema.json';
import {
  AREA_ID, COMPANY, OTHER_COMPANY, act, addAndSave, added, errorOn, exampleOf, filledTemplate, givenContract, importCases, titles, update,
} from './helpers/registers.js';
import { acceptAndApprove, createAndSubmit, daysAgo, exampleWithFiles, registeredArea } from './helpers/filings-a.js';

let app: TestApp;
let company: Client;
let other: Client;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app, AREA_ID, COMPANY);
  company = await app.login(COMPANY);
  other = await app.login(OTHER_COMPANY);
});
afterAll(async () => { await app?.close(); });

const gate = (code: string, overrides: Record<string, unknown> = {}) => exampleOf(schema, {
  name: '小区东门门禁', category: '门禁', code, building: undefined, unit: undefined, registrationNumber: undefined, nextInspectionDate: undefined,
  location: '小区东门', ...overrides,
});

describe('设施设备管理', () => {
  it('添加设施设备：保存后在用并登记到该物业区域的设施名录，可按位置与类型筛选', async () => {
    const lift = await added(company, 'facility', exampleOf(schema, { code: 'DT-A-01' }));
    expect(lift.state).toBe('inUse');
    expect(lift.stateTitle).toBe('在用');
    expect(lift.areaId).toBe(AREA_ID);
    expect(lift.district).toBe('440604');
    expect(lift.data.entryId).toEqual(expect.any(Number));
    const entry = await company.get(`/api/registers/facilities/${lift.data.entryId}`);
    expect(entry.body).toMatchObject({ title: '1栋1单元1号电梯', parentId: AREA_ID, caseId: lift.id, sourceNumber: lift.number });
    expect(entry.body.data).toMatchObject({ category: '电梯', code: 'DT-A-01', building: '1栋', unit: '1单元' });

    await added(company, 'facility', gate('MJ-A-01'));
    await added(company, 'facility', exampleOf(schema, { name: '2栋消防水泵', category: '消防', code: 'XF-2-01', building: '2栋', unit: undefined, registrationNumber: undefined, nextInspectionDate: undefined }));
    const lifts = await company.get(`/api/cases?type=facility&filter=area:${AREA_ID}&filter=${encodeURIComponent('category:电梯')}`);
    expect(titles(lifts)).toEqual(['1栋1单元1号电梯']);
    expect(titles(await company.get(`/api/cases?type=facility&filter=${encodeURIComponent('building:2栋')}`))).toEqual(['2栋消防水泵']);
    expect(titles(await company.get('/api/cases?type=facility&q=MJ-A'))).toEqual(['小区东门门禁']);
  });

  it('修改设施设备：记入办理记录，名录条目随之更新且编号不变；报废后注销', async () => {
    const saved = await added(company, 'facility', gate('MJ-B-01'));
    const edited = await update(company, saved.id, (d) => ({ ...d, name: '小区东门人脸门禁', model: 'DS-K5671' }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data.entryId).toBe(saved.data.entryId);
    expect(edited.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SAVE', 'UPDATE']);
    const entry = await company.get(`/api/registers/facilities/${saved.data.entryId}`);
    expect(entry.body).toMatchObject({ title: '小区东门人脸门禁', status: 'active' });
    expect(entry.body.data.model).toBe('DS-K5671');

    const scrapped = await act(company, saved.id, 'SCRAP', { date: '2026-02-01', reason: '设备老化无法修复' });
    expect(scrapped.status, JSON.stringify(scrapped.body)).toBe(200);
    expect(scrapped.body.state).toBe('scrapped');
    expect(scrapped.body.data).toMatchObject({ scrapDate: '2026-02-01', scrapReason: '设备老化无法修复' });
    expect((await company.get(`/api/registers/facilities/${saved.data.entryId}`)).body.status).toBe('withdrawn');
    // The code is free again for a new facility of the area.
    await added(company, 'facility', gate('MJ-B-01', { name: '小区东门新门禁' }));
  });

  describe('规则', () => {
    it('同一物业区域内设备编号不能重复', async () => {
      const first = await added(company, 'facility', gate('MJ-C-01'));
      const { saved } = await addAndSave(company, 'facility', gate('MJ-C-01', { name: '另一门禁' }));
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/code').message).toBe(`设备编号：该物业区域已登记相同设备编号的设施设备（${first.number}），同一物业区域内设备编号不能重复`);
    });

    it('电梯、压力容器须填写使用登记证号和下次检验日期', async () => {
      const { saved } = await addAndSave(company, 'facility', exampleOf(schema, { code: 'YL-01', category: '压力容器', name: '锅炉房储气罐', registrationNumber: undefined, nextInspectionDate: undefined, unit: undefined }));
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/registrationNumber').message).toContain('使用登记证号');
      expect(errorOn(saved, '/nextInspectionDate').message).toContain('下次检验日期');
    });

    it('填写单元须填写楼栋', async () => {
      const { saved } = await addAndSave(company, 'facility', gate('MJ-D-01', { unit: '1单元' }));
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/building').message).toBe('「楼栋」为必填项');
    });

    it('本单位在该物业区域须有已备案的物业服务合同', async () => {
      const { saved } = await addAndSave(other, 'facility', gate('MJ-E-01'));
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/areaId').message).toBe('物业区域：本单位在该物业区域没有已备案的物业服务合同，不能登记其设施设备');
    });

    it('下次检验日期已过的予以提示', async () => {
      const saved = await added(company, 'facility', exampleOf(schema, { code: 'DT-F-01', nextInspectionDate: daysAgo(3) }));
      expect(saved.flags.find((f: { code: string }) => f.code === 'RULE:/nextInspectionDate')?.message).toBe('下次检验日期已过 3 日，请尽快安排检验');
    });
  });

  it('每台设施设备可查看其维保记录', async () => {
    const lift = await added(company, 'facility', exampleOf(schema, { code: 'DT-G-01', name: '3栋电梯', building: '3栋', unit: undefined }));
    const record = await company.post('/api/cases', {
      type: 'maintenance',
      data: { areaId: AREA_ID, facilityId: lift.data.entryId, facilityName: '3栋电梯', maintenanceTime: `${daysAgo(1)}T10:00:00+08:00`, worker: '陈师傅', results: [{ item: '曳引机', result: '正常' }] },
    });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    const done = await act(company, record.body.id, 'RECORD');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const records = await company.get(`/api/cases?filter=facility:${lift.data.entryId}`);
    expect(records.body.items.map((x: { typeId: string; number: string }) => [x.typeId, x.number])).toEqual([['maintenance', record.body.number]]);
  });

  it('从 Excel 导入设施设备：每行一台，任一行有误则都不导入', async () => {
    const rows = [
      { 物业区域: AREA_ID, 设施设备名称: '4栋生活水泵', 设施设备类型: '供水', 设备编号: 'GS-4-01', 楼栋: '4栋' },
      { 物业区域: AREA_ID, 设施设备名称: '4栋1单元电梯', 设施设备类型: '电梯', 设备编号: 'DT-4-1-01', 楼栋: '4栋', 单元: '1单元', 使用登记证号: '梯11440604202100777', 下次检验日期: daysAgo(-200) },
    ];
    const bad = await importCases(company, 'facility', await filledTemplate(company, 'facility', [
      ...rows, { 物业区域: AREA_ID, 设施设备名称: '4栋2单元电梯', 设施设备类型: '电梯', 设备编号: 'DT-4-2-01', 楼栋: '4栋', 单元: '2单元' },
    ]));
    expect(bad.status).toBe(400);
    const details = bad.body.error.details as Array<Record<string, unknown>>;
    expect(details).toContainEqual(expect.objectContaining({ row: 4, column: '使用登记证号' }));
    expect(details.every((d) => d.row === 4)).toBe(true);
    expect(titles(await company.get('/api/cases?type=facility&q=GS-4-01'))).toEqual([]);

    const good = await importCases(company, 'facility', await filledTemplate(company, 'facility', rows));
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.body.rows.map((r: { row: number; title: string; state: string }) => [r.row, r.title, r.state])).toEqual([[2, '4栋生活水泵', 'inUse'], [3, '4栋1单元电梯', 'inUse']]);
    const entries = await company.get(`/api/registers/facilities?parentId=${AREA_ID}&q=GS-4-01`);
    expect(entries.body.items).toHaveLength(1);
  });

  it('承接查验备案通过后，导入的设施设备出现在设施设备管理中，可修改', async () => {
    const area = await registeredArea(app, '金沙苑');
    const contract = await exampleWithFiles(company, contractSchema, { areaId: area, projectName: '金沙苑', signingDate: daysAgo(5) });
    delete contract.lateReason;
    const filed = await createAndSubmit(company, 'contract-filing', contract);
    expect(filed.submitted.status, JSON.stringify(filed.submitted.body)).toBe(200);
    await acceptAndApprove(app, filed.created.number);
    const data = await exampleWithFiles(company, takeoverSchema, {
      areaId: area, projectName: '金沙苑',
      docsDeliveredDate: daysAgo(60), inspectionDate: daysAgo(35), agreementDate: daysAgo(20), handoverDate: daysAgo(12), deliveryDate: daysAgo(10),
    });
    delete data.lateReason;
    const takeover = await createAndSubmit(company, 'takeover-inspection', data);
    expect(takeover.submitted.status, JSON.stringify(takeover.submitted.body)).toBe(200);
    await acceptAndApprove(app, takeover.created.number);

    const listed = await company.get(`/api/cases?type=facility&filter=area:${area}&pageSize=100`);
    expect(listed.body.items.map((x: { title: string; state: string }) => [x.title, x.state]).sort())
      .toEqual([['1栋1单元1号电梯', 'inUse'], ['1栋消防水泵', 'inUse'], ['小区正门门禁', 'inUse']]);
    const entries = (await company.get(`/api/registers/facilities?parentId=${area}`)).body.items;
    expect(entries).toHaveLength(3);
    const lift = listed.body.items.find((x: { title: string }) => x.title === '1栋1单元1号电梯');
    const view = (await company.get(`/api/cases/${lift.id}`)).body;
    expect(view.data).toMatchObject({ originNumber: takeover.created.number, areaId: area, projectName: '金沙苑', code: 'DT-1-1-01' });
    // The facility took over the entry the approval registered: same id, now kept by the facility.
    const entry = entries.find((e: { title: string }) => e.title === '1栋1单元1号电梯');
    expect(view.data.entryId).toBe(entry.id);
    expect(entry).toMatchObject({ caseId: lift.id, sourceNumber: takeover.created.number });
    expect(view.history.map((h: { event: string; actorName: string }) => [h.event, h.actorName.startsWith('系统')])).toEqual([['CREATE', true], ['SAVE', true]]);
    const edited = await update(company, lift.id, (d) => ({ ...d, maintainer: '佛山市安达电梯工程有限公司' }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data.entryId).toBe(entry.id);
  });

  it('其他企业看不到本企业的设施设备', async () => {
    const saved = await added(company, 'facility', gate('MJ-H-01', { name: '小区北门门禁' }));
    expect((await other.get(`/api/cases/${saved.id}`)).status).toBe(404);
    expect(titles(await other.get(`/api/cases?type=facility&filter=area:${AREA_ID}&pageSize=100`))).not.toContain('小区北门门禁');
    expect((await other.get(`/api/registers/facilities/${saved.data.entryId}`)).status).toBe(404);
    const res = await other.post(`/api/cases/${saved.id}/events`, { event: 'SCRAP', decision: { date: '2026-01-01', reason: '恶意报废' }, version: saved.version });
    expect(res.status).toBe(404);
  });
});
