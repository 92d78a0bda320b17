// The manual's second way to an area (物业服务企业 §6–7): the developer cannot be found or no longer
// exists, so the property company files the 物业区域 itself — without the developer's name and
// credit code — and then supplements its houses (房屋信息补充). Once the houses are registered,
// their owners can register, accepting the owners' agreement. A developer's own filing still
// names the developer, and another company cannot supplement the area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { COMPANY, OTHER_COMPANY, acceptAndApprove, createAndSubmit, detailOn, exampleWithFiles, submitAll } from './helpers/filings-a.js';
import { DEVELOPER, areaData, uniqueName } from './helpers/filings.js';
import houseSchema from '../forms/house-supplement.schema.json';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const OWNER_ID = '440604198001010013'; // 黄晓明, a valid GB 11643 number from the form's example

describe('物业服务企业备案物业区域并补充房屋', () => {
  it('the company files an area without a developer, supplements its houses, and an owner of one registers', async () => {
    const company = await app.login(COMPANY);
    const projectName = uniqueName('旧城花园');
    const data = await areaData(company, { projectName, developerName: undefined, developerCode: undefined });
    const { created, submitted } = await createAndSubmit(company, 'area-filing', data);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // The server, not the browser, says who filed: the company's kind was written in.
    expect(submitted.body.data.filerKind).toBe('company');
    await acceptAndApprove(app, created.number);
    const areas = await company.get(`/api/registers/areas?q=${encodeURIComponent(projectName)}`);
    expect(areas.body.items).toHaveLength(1);
    const areaId = areas.body.items[0].id as number;

    // 房屋信息补充 is now the company's to do (it used to answer 403: developers only).
    const type = await company.get('/api/types/house-supplement');
    expect(type.body.canStart).toBe(true);
    const houses = await exampleWithFiles(company, houseSchema, { areaId, projectName });
    const supplement = await createAndSubmit(company, 'house-supplement', houses);
    expect(supplement.submitted.status, JSON.stringify(supplement.submitted.body)).toBe(200);
    await acceptAndApprove(app, supplement.created.number);
    const registered = await company.get(`/api/registers/houses?parentId=${areaId}`);
    expect(registered.body.total).toBe(houses.houses.length);

    // Another company did not file the area: it may not supplement it.
    const other = await app.login(OTHER_COMPANY);
    const refused = await submitAll(other, 'house-supplement', await exampleWithFiles(other, houseSchema, { areaId, projectName }));
    expect(detailOn(refused.submitted, '/areaId').message).toMatch(/不是本单位备案的物业区域/);

    // An owner of a supplemented house registers; the page offers the owners' agreement.
    const kinds = await app.client().get('/api/auth/registration-types');
    expect(kinds.body.find((t: { orgType: string }) => t.orgType === 'owner').agreement).toBe('业主注册协议');
    expect(kinds.body.find((t: { orgType: string }) => t.orgType === 'company').agreement).toBe('机构注册协议');
    const owner = { orgType: 'owner', areaId, building: '3栋', unit: '1单元', room: '101', name: '黄晓明', idNumber: OWNER_ID, mobile: '13622229999', password: 'Owner@2026x' };
    const noAgreement = await app.client().post('/api/auth/register', owner);
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.body.error.details.find((d: { field: string }) => d.field === '/agreementAccepted').message).toBe('请阅读并同意《业主注册协议》');
    const res = await app.client().post('/api/auth/register', { ...owner, agreementAccepted: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.user.role).toBe('owner');
  });

  it('a developer\'s own area filing still names the developer', async () => {
    const dev = await app.login(DEVELOPER);
    const data = await areaData(dev, { developerName: undefined, developerCode: undefined });
    const { submitted } = await submitAll(dev, 'area-filing', data);
    expect(submitted.status).toBe(400);
    expect(detailOn(submitted, '/developerName').message).toMatch(/开发建设单位/);
    expect(detailOn(submitted, '/developerCode').message).toMatch(/统一社会信用代码/);
    // Claiming to be a company does not help: the server writes the filer's kind.
    const cheat = await submitAll(dev, 'area-filing', { ...data, filerKind: 'company' });
    expect(detailOn(cheat.submitted, '/developerCode').message).toMatch(/统一社会信用代码/);
    const draft = await dev.post('/api/cases', { type: 'area-filing', data: { filerKind: 'company' } });
    expect(draft.body.data.filerKind).toBe('developer');
  });
});
