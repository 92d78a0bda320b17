// 物业服务合同备案 over HTTP: a company files the 前期 contract the developer signed for a registered
// area (its own details filled from its registration), the window returns it once, the company
// corrects and resubmits, it is accepted and approved, and the area becomes one of the company's
// projects. A 后期 contract with the area's filed committee supersedes it. Then the late filing
// (逾期, kept as a flag with a required explanation), the reject path and every bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import {
  COMMITTEE, COMPANY, DEVELOPER, OTHER_COMPANY, SEEDED_AREA, acceptAndApprove, clerkDoes, createAndSubmit, daysAgo, detailOn,
  exampleWithFiles, givenCommitteeFiled, registeredArea, reviewerDoes, submitAll,
} from './helpers/filings-a.js';
import schema from '../forms/contract-filing.schema.json';

const TYPE = 'contract-filing';
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- form data is read ad hoc

/** The example, signed three days ago (in time: no explanation needed), for an area. */
async function contract(c: Parameters<typeof exampleWithFiles>[0], overrides: Data = {}): Promise<Data> {
  const data = await exampleWithFiles(c, schema, { signingDate: daysAgo(3), ...overrides });
  if (!('lateReason' in overrides)) delete data.lateReason;
  return data;
}

const committeeClient = { type: '业主委员会', name: '锦绣花园业主委员会', code: COMMITTEE, contactPerson: '张伟', contactPhone: '13622223333' };

describe('物业服务合同备案', () => {
  it('company files a 前期 contract, clerk returns, company corrects, approved: the area is one of its projects', async () => {
    const areaId = await registeredArea(app, '翠湖居');
    const company = await app.login(COMPANY);
    // The company's own details come from its registration.
    const type = await company.get(`/api/types/${TYPE}`);
    expect(type.body.prefill).toEqual({
      company: { name: '佛山市安居物业服务有限公司', code: COMPANY, legalRepresentative: '王丽', contactPerson: '王丽', contactPhone: '13912345678', address: '佛山市禅城区季华五路 22 号' },
    });

    // Name and credit code are the applicant's whatever the browser sends.
    const data = await contract(company, { areaId, projectName: '翠湖居', company: { ...type.body.prefill.company, name: '别家公司' } });
    const { created, submitted } = await createAndSubmit(company, TYPE, data);
    expect(created.number).toMatch(/^WYHT-\d{4}-\d{6}$/);
    expect(created.data.company.name).toBe('佛山市安居物业服务有限公司');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.flags).toEqual([]);
    expect(submitted.body.district).toBe('440604');

    const returned = await clerkDoes(app, created.number, 'RETURN', { opinion: '请补正。', items: ['补充项目负责人', '合同文本缺少附件页'] });
    expect(returned.body.state).toBe('returned');
    const seen = await company.get(`/api/cases/${created.id}`);
    const resubmitted = await company.post(`/api/cases/${created.id}/events`, {
      event: 'SUBMIT', data: { ...seen.body.data, company: { ...seen.body.data.company, projectManager: '李建国' } }, version: seen.body.version,
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    await acceptAndApprove(app, created.number);

    // The company's projects: the contracts register links it to the area.
    const projects = await company.get('/api/registers/contracts');
    expect(projects.body.items).toHaveLength(1);
    expect(projects.body.items[0]).toMatchObject({ title: '翠湖居', parentId: areaId, key: String(areaId), status: 'active', sourceNumber: created.number });
    expect(projects.body.items[0].data).toMatchObject({ contractType: '前期', companyName: '佛山市安居物业服务有限公司', companyCode: COMPANY, clientName: '佛山市锦绣房地产开发有限公司' });
    const pub = await app.client().get(`/api/public/contracts?parentId=${areaId}`);
    expect(pub.body.items).toHaveLength(1);
    expect(pub.body.items[0].data).toMatchObject({ projectName: '翠湖居', contractType: '前期', companyName: '佛山市安居物业服务有限公司' });
    expect(pub.body.items[0].data.company).toBeUndefined();

    // One active 前期 contract per area: another company's 前期 for it is refused.
    const other = await app.login(OTHER_COMPANY);
    const second = await submitAll(other, TYPE, await contract(other, { areaId, projectName: '翠湖居' }));
    expect(detailOn(second.submitted, '/areaId').message).toMatch(/^该物业区域已有有效的物业服务合同，前期物业服务合同不能重复备案/);
  });

  it('a 后期 contract needs the area\'s filed committee as client and supersedes the 前期 one', async () => {
    const areaId = await registeredArea(app, '榕树湾');
    const company = await app.login(COMPANY);
    const first = await createAndSubmit(company, TYPE, await contract(company, { areaId, projectName: '榕树湾' }));
    expect(first.submitted.status).toBe(200);
    await acceptAndApprove(app, first.created.number);

    const other = await app.login(OTHER_COMPANY);
    const later = await contract(other, { areaId, projectName: '榕树湾', contractType: '后期', selectionMethod: '业主大会决定', client: committeeClient });
    // No committee filing for the area yet: the client cannot be checked.
    const refused = await submitAll(other, TYPE, later);
    expect(detailOn(refused.submitted, '/client/code').message).toBe('后期物业服务合同的委托方应为该物业区域已备案的业主委员会，请核对机构代码或先办理业委会备案');
    // 前期 needs the developer as client, 后期 a committee.
    const wrongKind = await submitAll(other, TYPE, { ...later, contractType: '前期' });
    expect(detailOn(wrongKind.submitted, '/client/type').message).toBe('「委托方类型」应为 开发建设单位');

    await givenCommitteeFiled(app, areaId);
    const { created, submitted } = await createAndSubmit(other, TYPE, later);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await acceptAndApprove(app, created.number);

    // The area has one active contract, the 后期 one; the 前期 one is kept as superseded.
    const pub = await app.client().get(`/api/public/contracts?parentId=${areaId}`);
    expect(pub.body.items.map((i: Data) => [i.data.contractType, i.data.companyName])).toEqual([['后期', '上海中环物业管理有限公司']]);
    const mine = await company.get('/api/registers/contracts?status=all');
    expect(mine.body.items.find((i: Data) => i.parentId === areaId)).toMatchObject({ status: 'superseded', sourceNumber: first.created.number });
    expect((await company.get('/api/registers/contracts')).body.items.find((i: Data) => i.parentId === areaId)).toBeUndefined();
  });

  it('a contract filed more than 15 days after signing needs an explanation and carries a 逾期 flag; the reviewer may reject it', async () => {
    const company = await app.login(COMPANY);
    const late = await contract(company, { signingDate: daysAgo(40) });
    const noReason = await submitAll(company, TYPE, late);
    expect(detailOn(noReason.submitted, '/lateReason').message).toBe('合同签订已超过 15 日（40 日），请填写逾期备案说明');

    const { created, submitted } = await createAndSubmit(company, TYPE, { ...late, lateReason: '开发建设单位盖章延误。' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.flags).toEqual([expect.objectContaining({ code: 'RULE:/signingDate', message: '逾期备案：物业服务合同应自签订之日起 15 日内备案，现已过 40 日' })]);
    // The flag stays on the case through acceptance, where the reviewer sees it.
    expect((await clerkDoes(app, created.number, 'ACCEPT', { opinion: '受理。' })).status).toBe(200);
    const reviewer = await app.login('reviewer1');
    expect((await reviewer.get(`/api/cases/${created.id}`)).body.flags[0].message).toMatch(/^逾期备案/);
    const rejected = await reviewerDoes(app, created.number, 'REJECT', { opinion: '逾期理由不成立，不予备案。' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    const projects = await company.get(`/api/registers/contracts?parentId=${SEEDED_AREA}`);
    expect(projects.body.total).toBe(0);
  });

  it('only a registered area can be chosen: otherwise file the area first', async () => {
    const company = await app.login(COMPANY);
    const res = await submitAll(company, TYPE, await contract(company, { areaId: 999 }));
    expect(detailOn(res.submitted, '/areaId').message).toBe('所选物业区域尚未备案，请先办理物业区域备案后再办理物业服务合同备案');
    expect((await (await app.login(DEVELOPER)).post('/api/cases', { type: TYPE, data: {} })).status).toBe(403);
  });

  describe('bad input is refused with the field named, and nothing changes', () => {
    const cases: Array<[string, Data, string, RegExp]> = [
      ['the project name is not the area\'s', { projectName: '别的小区' }, '/projectName', /^项目名称与所选物业区域的备案名称不一致$/],
      ['委托期限 ends before it starts', { termStart: '2026-01-01', termEnd: '2025-12-31' }, '/termEnd', /^委托期限的结束日期不能早于开始日期$/],
      ['签订日期 in the future', { signingDate: daysAgo(-2) }, '/signingDate', /^签订日期不能晚于今天$/],
      ['协议 without an approval number', { selectionMethod: '协议' }, '/approvalNumber', /「协议选聘批准文号」为必填项/],
      ['协议 without the approval document', { selectionMethod: '协议', approvalNumber: '禅住建〔2025〕12 号' }, '/attachments/approvalDocument', /「协议选聘批准文件」为必填项/],
      ['a 前期 client who is not the area\'s developer', { client: { type: '开发建设单位', name: '别家开发商', code: COMPANY, contactPerson: '某人', contactPhone: '13800000000' } }, '/client/code', /^前期物业服务合同的委托方应为该物业区域的开发建设单位/],
      ['a bad developer credit code', { client: { type: '开发建设单位', name: '别家开发商', code: '91440604MA4UJ5RW2X', contactPerson: '某人', contactPhone: '13800000000' } }, '/client/code', /校验位错误/],
      ['the same property type twice in the fees', { feeStandards: [{ propertyType: '住宅', price: 2 }, { propertyType: '住宅', price: 3 }] }, '/feeStandards/1/propertyType', /^第 2 行：物业类型与第 1 行重复$/],
      ['a negative fee', { feeStandards: [{ propertyType: '住宅', price: -1 }] }, '/feeStandards/0/price', /^第 1 行：「收费标准（元\/㎡·月）」不能小于 0$/],
      ['no service content', { serviceContent: [] }, '/serviceContent', /「服务内容」至少需要 1 项/],
    ];
    for (const [name, overrides, field, message] of cases) {
      it(name, async () => {
        const company = await app.login(COMPANY);
        const { created, submitted } = await submitAll(company, TYPE, await contract(company, overrides));
        expect(detailOn(submitted, field).message).toMatch(message);
        const after = await company.get(`/api/cases/${created.id}`);
        expect(after.body.state).toBe('draft');
        expect(after.body.version).toBe(created.version);
      });
    }
  });
});
