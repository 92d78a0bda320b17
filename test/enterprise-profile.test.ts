// 企业信息详情: one page per property company, read from what the platform already holds — its
// latest enterprise filing (or, before it files, its registration), professional staff counted by
// 职称 and management staff by 专业 from its personnel, the facilities of its areas, its credit
// record and its projects (areas under contract). The company and the departments see every
// section; the portal shows the public ones with ID numbers masked. A profile naming a register or
// a type this installation does not have answers that section empty instead of failing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, startTestApp, type Client, type TestApp } from './helpers/app.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import personnelSchema from '../forms/personnel.schema.json';
import facilitySchema from '../forms/facility.schema.json';
import enterpriseSchema from '../forms/enterprise-filing.schema.json';
import { AREA_ID, COMPANY, OTHER_COMPANY, act, added, exampleOf, freshId, givenContract } from './helpers/registers.js';
import { createDraft, submit, uploadFiles } from './helpers/filings-b.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
let company: Client;
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app, AREA_ID, COMPANY);
  company = await app.login(COMPANY);
});
afterAll(async () => { await app?.close(); });

const section = (body: Data, name: string): Data => body.sections.find((s: Data) => s.name === name);
const staff = (name: string, overrides: Data) => exampleOf(personnelSchema, { name, idNumber: freshId('19900307', true), birthDate: '1990-03-07', sex: '男', ...overrides });

describe('企业信息详情', () => {
  it('备案前显示注册信息，项目情况来自已备案的物业服务合同', async () => {
    const res = await company.get(`/api/profiles/enterprise/${COMPANY}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.org).toMatchObject({ name: '佛山市安居物业服务有限公司', code: COMPANY });
    expect(section(res.body, 'basic').item.fields).toMatchObject({ name: '佛山市安居物业服务有限公司', code: COMPANY, legalRepresentative: '王丽', local: true });
    expect(section(res.body, 'projects').items.map((i: Data) => i.fields.projectName)).toEqual(['锦绣花园']);
    expect(section(res.body, 'professionalStaff')).toMatchObject({ total: 0, groups: [] });
  });

  it('汇总企业基本信息、专业人员、管理人员、小区设备、奖惩与项目', async () => {
    const [license] = await uploadFiles(company, '营业执照.pdf');
    const filed = await submit(company, await createDraft(company, 'enterprise-filing', {}), { ...example(enterpriseSchema), attachments: { businessLicense: [license] } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await added(company, 'personnel', staff('工程师甲', { staffCategory: '专业技术人员', qualification: '中级职称' }));
    await added(company, 'personnel', staff('工程师乙', { staffCategory: '专业技术人员', qualification: '中级职称' }));
    await added(company, 'personnel', staff('工程师丙', { staffCategory: '专业技术人员', qualification: '高级职称' }));
    await added(company, 'personnel', staff('经理甲', { staffCategory: '管理人员', specialty: '物业管理', post: '项目负责人' }));
    const gone = await added(company, 'personnel', staff('离职者', { staffCategory: '管理人员', specialty: '财务会计' }));
    await act(company, gone.id, 'LEAVE', { date: '2026-01-10', reason: '个人原因' });
    await added(company, 'facility', exampleOf(facilitySchema, { code: 'DT-X-01' }));
    const { Org, RegisterEntry } = app.engine.db.models;
    const org = await Org.findOne({ where: { code: COMPANY }, raw: true });
    await RegisterEntry.create({
      register: 'credit-records', key: 'award-1', title: '市级物业管理示范项目', orgId: org!.id, parentId: AREA_ID, district: '440604', status: 'active',
      data: { kind: '良好行为', behaviourType: '示范项目', title: '市级物业管理示范项目', level: '市级', issuer: '佛山市住房和城乡建设局', date: '2025-12-01', validUntil: '2027-11-30' },
    });

    const res = await company.get(`/api/profiles/enterprise/${COMPANY}`);
    expect(res.status).toBe(200);
    expect(res.body.sections.map((s: Data) => s.title)).toEqual(['企业基本信息', '专业人员情况（按职称）', '管理人员专业及人数', '小区设备情况', '企业受过的奖励和处罚', '项目情况']);
    const basic = section(res.body, 'basic').item;
    expect(basic.fields).toMatchObject({ companyName: '佛山市安居物业服务有限公司', creditCode: COMPANY, local: true, 'legalRepresentative/name': '王丽' });
    expect(basic.fields['legalRepresentative/idNumber']).toMatch(/^\d{17}[\dX]$/);
    expect(section(res.body, 'professionalStaff')).toMatchObject({ total: 3, groups: [{ value: '中级职称', count: 2 }, { value: '高级职称', count: 1 }] });
    expect(section(res.body, 'managementStaff')).toMatchObject({ total: 1, groups: [{ value: '物业管理', count: 1 }] });
    const facilities = section(res.body, 'facilities');
    expect(facilities).toMatchObject({ total: 1, groups: [{ value: '电梯', count: 1 }] });
    expect(facilities.items[0].fields).toMatchObject({ name: '1栋1单元1号电梯', code: 'DT-X-01', projectName: '锦绣花园' });
    expect(section(res.body, 'credit').items.map((i: Data) => i.fields.title)).toEqual(['市级物业管理示范项目']);

    // The departments see the same page; another company does not.
    const reviewer = await app.login('reviewer1');
    expect((await reviewer.get(`/api/profiles/enterprise/${COMPANY}`)).status).toBe(200);
    const other = await app.login(OTHER_COMPANY);
    expect((await other.get(`/api/profiles/enterprise/${COMPANY}`)).status).toBe(403);

    // The portal: public sections only, no case ids, the ID number masked.
    const pub = await app.client().get(`/api/public/profiles/enterprise/${COMPANY}`);
    expect(pub.status).toBe(200);
    expect(pub.body.sections.map((s: Data) => s.name)).toEqual(['basic', 'professionalStaff', 'managementStaff', 'credit', 'projects']);
    expect(section(pub.body, 'basic').item.fields['legalRepresentative/idNumber']).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(section(pub.body, 'professionalStaff').total).toBe(3);
    expect(JSON.stringify(pub.body)).not.toContain(basic.fields['legalRepresentative/idNumber']);
  });

  it('只有物业服务企业有企业信息详情；未知的信息页 404', async () => {
    expect((await app.client().get('/api/public/profiles/enterprise/91440604MA4UJ5RW2R')).status).toBe(404);
    expect((await app.client().get(`/api/public/profiles/no-such-page/${COMPANY}`)).status).toBe(404);
    expect((await app.client().get(`/api/profiles/enterprise/${COMPANY}`)).status).toBe(401);
    const list = await company.get('/api/profiles');
    expect(list.body.items.map((p: Data) => p.name)).toContain('enterprise');
  });
});

describe('名录或业务尚未建立时', () => {
  let bare: TestApp;
  let root: string;
  beforeAll(async () => {
    root = makeFixtureRoot();
    const profile = JSON.parse(fs.readFileSync(path.join(root, 'profiles', 'enterprise.json'), 'utf8'));
    profile.sections.push(
      { name: 'missingRegister', title: '尚无的名录', public: true, from: { register: 'no-such-register', select: ['org'] }, fields: [{ field: '/title', title: '名称' }] },
      { name: 'missingType', title: '尚无的业务', public: true, from: { cases: 'no-such-type', select: ['org'] }, groupBy: '/x' },
    );
    fs.writeFileSync(path.join(root, 'profiles', 'enterprise.json'), JSON.stringify(profile));
    bare = await startTestApp({ rootDir: root });
  });
  afterAll(async () => {
    await bare?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the section is answered empty and marked unavailable', async () => {
    const res = await bare.client().get(`/api/public/profiles/enterprise/${COMPANY}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(section(res.body, 'missingRegister')).toMatchObject({ available: false, total: 0, items: [] });
    expect(section(res.body, 'missingType')).toMatchObject({ available: false, total: 0, groups: [] });
    expect(section(res.body, 'basic').available).toBe(true);
  });
});
