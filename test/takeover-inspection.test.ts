// 物业承接查验备案 over HTTP: the company that filed the contract of a new area files the takeover
// inspection with both parties, the 移交资料 checklist and the facilities as rows; the window returns
// it once, the company corrects and resubmits, it is accepted and approved, and the facilities are
// registered to the area. Then the reject path, the deadline chain of 物业承接查验办法 (flags the
// reviewer sees), the dependency on the contract filing and every bad row refused at its cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import {
  COMPANY, DEVELOPER, OTHER_COMPANY, SEEDED_AREA, acceptAndApprove, clerkDoes, createAndSubmit, daysAgo, detailOn,
  exampleWithFiles, registeredArea, reviewerDoes, submitAll,
} from './helpers/filings-a.js';
import schema from '../forms/takeover-inspection.schema.json';
import contractSchema from '../forms/contract-filing.schema.json';

const TYPE = 'takeover-inspection';
let app: TestApp;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- form data is read ad hoc
type Client = Parameters<typeof exampleWithFiles>[0];

/** A new area whose 前期 contract with the company is filed and approved. */
async function contractedArea(projectName: string): Promise<number> {
  const areaId = await registeredArea(app, projectName);
  const company = await app.login(COMPANY);
  const data = await exampleWithFiles(company, contractSchema, { areaId, projectName, signingDate: daysAgo(5) });
  delete data.lateReason;
  const { created, submitted } = await createAndSubmit(company, 'contract-filing', data);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  await acceptAndApprove(app, created.number);
  return areaId;
}

/** The example for an area, its dates within every deadline: no flag, no explanation needed. */
async function takeover(c: Client, areaId: number, projectName: string, overrides: Data = {}): Promise<Data> {
  const data = await exampleWithFiles(c, schema, {
    areaId, projectName,
    docsDeliveredDate: daysAgo(60), inspectionDate: daysAgo(35), agreementDate: daysAgo(20), handoverDate: daysAgo(12), deliveryDate: daysAgo(10),
    ...overrides,
  });
  if (!('lateReason' in overrides)) delete data.lateReason;
  return data;
}

let area: number; // 金沙苑: contracted to COMPANY in beforeAll, taken over in the first test
beforeAll(async () => {
  app = await startTestApp();
  area = await contractedArea('金沙苑');
});
afterAll(async () => { await app?.close(); });

describe('物业承接查验备案', () => {
  it('company files the takeover, clerk returns, company corrects, approved: the facilities belong to the area', async () => {
    const company = await app.login(COMPANY);
    const type = await company.get(`/api/types/${TYPE}`);
    expect(type.body.prefill.company).toMatchObject({ name: '佛山市安居物业服务有限公司', code: COMPANY, contactPhone: '13912345678' });
    // The checklist opens with the documents 物业承接查验办法 names.
    expect(type.body.schema.properties.documents.default).toHaveLength(6);

    const { created, submitted } = await createAndSubmit(company, TYPE, await takeover(company, area, '金沙苑'));
    expect(created.number).toMatch(/^CJCY-\d{4}-\d{6}$/);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.flags).toEqual([]);

    const returned = await clerkDoes(app, created.number, 'RETURN', { opinion: '请补正。', items: ['补充 1 栋 2 号电梯', '查验记录缺少签字页'] });
    expect(returned.body.state).toBe('returned');
    const seen = await company.get(`/api/cases/${created.id}`);
    const lift2 = { name: '1栋1单元2号电梯', category: '电梯', code: 'DT-1-1-02', building: '1栋', unit: '1单元', registrationNumber: '梯11440604202500124', nextInspectionDate: daysAgo(-300) };
    const resubmitted = await company.post(`/api/cases/${created.id}/events`, {
      event: 'SUBMIT', data: { ...seen.body.data, facilities: [...seen.body.data.facilities, lift2] }, version: seen.body.version,
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    await acceptAndApprove(app, created.number);

    // The facilities of the area: the gate of the whole area, a pump of a building, lifts of a unit.
    const facilities = await company.get(`/api/registers/facilities?parentId=${area}`);
    expect(facilities.body.items.map((f: Data) => [f.title, f.data.building ?? null, f.data.unit ?? null])).toEqual([
      ['小区正门门禁', null, null],
      ['1栋消防水泵', '1栋', null],
      ['1栋1单元1号电梯', '1栋', '1单元'],
      ['1栋1单元2号电梯', '1栋', '1单元'],
    ]);
    expect(facilities.body.items[2]).toMatchObject({ key: 'DT-1-1-01', parentId: area, district: '440604', sourceNumber: created.number });
    expect(facilities.body.items[2].data).toMatchObject({ category: '电梯', registrationNumber: '梯11440604202500123', projectName: '金沙苑' });
    expect((await (await app.login('reviewer1')).get(`/api/registers/facilities?parentId=${area}`)).body.total).toBe(4);
    expect((await (await app.login('clerk2')).get(`/api/registers/facilities?parentId=${area}`)).body.total).toBe(0);

    // 设备编号 is unique in the area: a registered one cannot be filed again.
    const again = await submitAll(company, TYPE, await takeover(company, area, '金沙苑', {
      facilities: [{ name: '2栋消防水泵', category: '消防', code: 'XF-2-01', building: '2栋' }, { name: '门禁', category: '门禁', code: 'MJ-001' }],
    }));
    const d = detailOn(again.submitted, '/facilities/1/code');
    expect(d).toMatchObject({ row: 2, column: '设备编号', message: '第 2 行：设备编号已在该物业区域登记，同一物业区域内设备编号不能重复' });
  });

  it('the reviewer rejects with an opinion and no facility is registered', async () => {
    const areaId = await contractedArea('银湖苑');
    const company = await app.login(COMPANY);
    const { created, submitted } = await createAndSubmit(company, TYPE, await takeover(company, areaId, '银湖苑'));
    expect(submitted.status).toBe(200);
    expect((await clerkDoes(app, created.number, 'ACCEPT', { opinion: '受理。' })).status).toBe(200);
    const rejected = await reviewerDoes(app, created.number, 'REJECT', { opinion: '查验记录与现场不符，不予备案。' });
    expect(rejected.body.state).toBe('rejected');
    expect((await company.get(`/api/registers/facilities?parentId=${areaId}`)).body.total).toBe(0);
  });

  it('only an area with this company\'s filed contract can be chosen: otherwise file the contract first', async () => {
    const message = '本单位在所选物业区域没有已备案的前期物业服务合同（承接查验依据前期物业服务合同办理），请先办理物业服务合同备案';
    // The demo area has no contract at all; 金沙苑's contract is another company's.
    const company = await app.login(COMPANY);
    const noContract = await submitAll(company, TYPE, await takeover(company, SEEDED_AREA, '锦绣花园'));
    expect(detailOn(noContract.submitted, '/areaId').message).toBe(message);
    const other = await app.login(OTHER_COMPANY);
    const notTheirs = await submitAll(other, TYPE, await takeover(other, area, '金沙苑', { facilities: [{ name: '水泵', category: '供水', code: 'GS-9' }] }));
    expect(detailOn(notTheirs.submitted, '/areaId').message).toBe(message);
    const noArea = await submitAll(company, TYPE, await takeover(company, 999, '某小区'));
    expect(detailOn(noArea.submitted, '/areaId').message).toBe(message);
    // A 后期 contract (chosen by the owners' assembly) is no ground: 物业承接查验办法 ties the
    // inspection to the 前期 contract with the developer. Given the company's active contract is 后期:
    const later = await registeredArea(app, '榕城苑');
    const { Org, RegisterEntry } = app.engine.db.models;
    const org = await Org.findOne({ where: { code: COMPANY }, raw: true });
    await RegisterEntry.create({
      register: 'contracts', key: String(later), title: '榕城苑', parentId: later, orgId: org!.id, status: 'active',
      data: { contractType: '后期', companyCode: COMPANY, sourceNumber: '测试前提' },
    });
    const afterAssembly = await submitAll(company, TYPE, await takeover(company, later, '榕城苑'));
    expect(detailOn(afterAssembly.submitted, '/areaId').message).toBe(message);
    expect((await (await app.login(DEVELOPER)).post('/api/cases', { type: TYPE, data: {} })).status).toBe(403);
  });

  it('the deadline chain of 物业承接查验办法: late steps are accepted with flags, a late filing needs an explanation', async () => {
    const areaId = await contractedArea('星河苑');
    const company = await app.login(COMPANY);
    const late = await takeover(company, areaId, '星河苑', {
      docsDeliveredDate: daysAgo(100), inspectionDate: daysAgo(90), agreementDate: daysAgo(80), handoverDate: daysAgo(45), deliveryDate: daysAgo(85),
    });
    const noReason = await submitAll(company, TYPE, late);
    expect(detailOn(noReason.submitted, '/lateReason').message).toBe('物业交接已超过 30 日（45 日），请填写逾期备案说明');

    const { submitted } = await createAndSubmit(company, TYPE, { ...late, lateReason: '建设单位迟迟未提供设施设备清单。' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const flags = Object.fromEntries(submitted.body.flags.map((f: { code: string; message: string }) => [f.code, f.message]));
    expect(flags).toEqual({
      'RULE:/docsDeliveredDate': '建设单位应在现场查验 20 日前移交资料，现仅提前 10 日',
      'RULE:/deliveryDate': '承接查验应在物业交付使用 15 日前完成，现相隔 5 日',
      'RULE:/agreementDate': '物业交接应在承接查验协议签订后 10 日内办理，现相隔 35 日',
      'RULE:/handoverDate': '逾期备案：应自物业交接之日起 30 日内办理承接查验备案，现已过 45 日',
    });
  });

  describe('bad input is refused at its field or cell, and nothing changes', () => {
    const lift = { name: '2号电梯', category: '电梯', code: 'DT-2', building: '2栋', unit: '1单元', registrationNumber: '梯1144060420250099', nextInspectionDate: '2026-12-31' };
    const cases: Array<[string, Data, string, RegExp]> = [
      ['a unit without its building', { facilities: [{ name: '单元门禁', category: '门禁', code: 'MJ-2', unit: '1单元' }] }, '/facilities/0/building', /^第 1 行：「楼栋」为必填项$/],
      ['an elevator without its 使用登记证号', { facilities: [{ ...lift, registrationNumber: undefined }] }, '/facilities/0/registrationNumber', /^第 1 行：「使用登记证号」为必填项$/],
      ['a pressure vessel without its 下次检验日期', { facilities: [{ name: '储气罐', category: '压力容器', code: 'YL-1', registrationNumber: '容11440604202500001' }] }, '/facilities/0/nextInspectionDate', /^第 1 行：「下次检验日期」为必填项$/],
      ['the same 设备编号 twice', { facilities: [lift, { name: '水泵', category: '供水', code: 'GS-1' }, { ...lift, name: '3号电梯' }] }, '/facilities/2/code', /^第 3 行：设备编号与第 1 行重复$/],
      ['a missing document without a promised date', { documents: [{ name: '业主名册', status: '无' }] }, '/documents/0/promisedDate', /^第 1 行：「承诺移交日期」为必填项$/],
      ['a present document without its count', { documents: [{ name: '竣工图', status: '有' }] }, '/documents/0/count', /^第 1 行：「份数」为必填项$/],
      ['the same document twice', { documents: [{ name: '竣工图', status: '有', count: 1 }, { name: '竣工图', status: '有', count: 2 }] }, '/documents/1/name', /^第 2 行：移交资料与第 1 行重复$/],
      ['a developer who is not the area\'s', { developer: { name: '别家开发商', code: COMPANY, contactPerson: '某人', contactPhone: '13800000000' } }, '/developer/code', /^建设单位应为该物业区域备案的开发建设单位/],
      ['an inspection in the future', { inspectionDate: daysAgo(-3), agreementDate: daysAgo(-4), handoverDate: daysAgo(-5) }, '/inspectionDate', /^现场查验完成日期不能晚于今天$/],
      ['an agreement before the inspection', { agreementDate: daysAgo(40) }, '/agreementDate', /^承接查验协议应在现场查验后签订/],
      ['only one participant', { participants: [{ name: '王丽', party: '物业服务企业' }] }, '/participants', /「参加人员」至少需要 2 项/],
    ];
    for (const [name, overrides, field, message] of cases) {
      it(name, async () => {
        const company = await app.login(COMPANY);
        const data = await takeover(company, area, '金沙苑', overrides);
        for (const f of data.facilities) for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
        const { created, submitted } = await submitAll(company, TYPE, data);
        expect(detailOn(submitted, field).message).toMatch(message);
        const after = await company.get(`/api/cases/${created.id}`);
        expect(after.body.state).toBe('draft');
        expect(after.body.version).toBe(created.version);
      });
    }
  });
});
