// 企业信息备案 over HTTP: what a company fills in depends on 是否本地企业 chosen at registration —
// the server takes it from the registration, whatever the browser sends. 保存 completes the filing
// and registers the company's information; filing again re-files it and keeps the history.
// Non-local companies file their 总公司 and 本地分支机构; pilot-era credit codes pass with a warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, example, type TestApp, type Client } from './helpers/app.js';
import { LOCAL_COMPANY, NONLOCAL_COMPANY, createDraft, detailOf, submit, uploadFiles, withChanges } from './helpers/filings-b.js';
import enterpriseSchema from '../forms/enterprise-filing.schema.json';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function localData(c: Client, changes: Record<string, unknown> = {}): Promise<Data> {
  const [license] = await uploadFiles(c, '营业执照.pdf');
  return withChanges({ ...example(enterpriseSchema), attachments: { businessLicense: [license] } }, changes);
}

async function nonLocalData(c: Client, changes: Record<string, unknown> = {}): Promise<Data> {
  const [license] = await uploadFiles(c, '营业执照.pdf');
  return withChanges({
    address: '佛山市南海区桂城街道南海大道 8 号', contactPerson: '刘洋', contactPhone: '13711112222',
    headOffice: { name: '上海中环物业管理有限公司', creditCode: '91310115MA1H8Q3LXQ', registeredPlace: '上海市浦东新区' },
    branch: { name: '上海中环物业管理有限公司佛山分公司', creditCode: '91440605MA55RR7T37', manager: '刘洋', address: '佛山市南海区桂城街道南海大道 8 号', phone: '0757-86281234' },
    attachments: { businessLicense: [license] },
  }, changes);
}

/** 保存: one step from the draft to filed. */
async function save(c: Client, data: Data) {
  const draft = await createDraft(c, 'enterprise-filing', {});
  return submit(c, draft, data);
}

describe('企业信息备案', () => {
  it('the example of the form is valid for the local demo company', async () => {
    const company = await app.login(LOCAL_COMPANY);
    const res = await company.post('/api/types/enterprise-filing/check', { data: example(enterpriseSchema) });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
  });

  it('a local company saves its information, which completes the filing; editing re-files it and keeps the history', async () => {
    const company = await app.login(LOCAL_COMPANY);
    // The form opens with what the registration says, 是否本地企业 included and not changeable.
    const type = await company.get('/api/types/enterprise-filing');
    expect(type.body.prefill).toMatchObject({ contactPerson: '王丽', contactPhone: '13912345678' });
    const draft = await createDraft(company, 'enterprise-filing', { local: false, companyName: '别的公司', creditCode: '91440604MA4UJ5RW2R' });
    expect(draft.data).toMatchObject({ local: true, companyName: '佛山市安居物业服务有限公司', creditCode: LOCAL_COMPANY, district: '440604' });
    expect(draft.number).toMatch(/^QYBA-\d{4}-\d{6}$/);

    // Claiming to be non-local does not switch the form: the local fields stay required.
    const cheat = await submit(company, draft, await nonLocalData(company, { '/local': false }));
    detailOf(cheat, '/registeredCapital', /「注册资本（万元）」为必填项/);
    detailOf(cheat, '/legalRepresentative', /法定代表人/);

    const saved = await submit(company, draft, await localData(company));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ state: 'filed', status: 'closed', stateTitle: '已备案' });
    expect(saved.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SUBMIT']);

    const records = await app.client().get(`/api/public/enterprises?q=${encodeURIComponent('安居')}`);
    expect(records.body.items).toHaveLength(1);
    expect(records.body.items[0].data).toMatchObject({ employeeCount: 86, local: true, qualificationLevel: '二级', creditCode: LOCAL_COMPANY });
    expect(records.body.items[0].data.legalRepresentative).toBeUndefined(); // ID number and mobile are not public

    // 修改: the form opens with the current filing (its scans included), not an empty one; another
    // company's form opens with its own registration only.
    const again = await company.get('/api/types/enterprise-filing');
    expect(again.body.prefill).toMatchObject({ employeeCount: 86, qualificationLevel: '二级', local: true });
    expect(again.body.prefill.attachments.businessLicense).toEqual(saved.body.data.attachments.businessLicense);
    const other = await (await app.login(NONLOCAL_COMPANY)).get('/api/types/enterprise-filing');
    expect(other.body.prefill.employeeCount).toBeUndefined();
    // 修改备案: a new filing with the changes is a new version; the old one is kept as superseded.
    const refiled = await save(company, await localData(company, { '/employeeCount': 120, '/managerCount': 15 }));
    expect(refiled.status, JSON.stringify(refiled.body)).toBe(200);
    expect(refiled.body.state).toBe('filed');
    const now = await app.client().get(`/api/public/enterprises?q=${encodeURIComponent('安居')}`);
    expect(now.body.items).toHaveLength(1);
    expect(now.body.items[0].data.employeeCount).toBe(120);
    const history = await app.client().get(`/api/public/orgs/${LOCAL_COMPANY}/enterprises`);
    expect(history.status).toBe(200);
    expect(history.body.org.name).toBe('佛山市安居物业服务有限公司');
    expect(history.body.items.map((i: Data) => [i.status, i.data.employeeCount])).toEqual([['active', 120], ['superseded', 86]]);
  });

  it('a non-local company files its head office and local branch; a pilot-era branch code passes with a warning the reviewer sees', async () => {
    const company = await app.login(NONLOCAL_COMPANY);
    const draft = await createDraft(company, 'enterprise-filing', {});
    expect(draft.data.local).toBe(false);
    expect(draft.district).toBe('440605'); // the district of the company's registration

    // Without the two blocks the filing is refused, naming them.
    const missing = await submit(company, draft, await nonLocalData(company, { '/headOffice': undefined, '/branch': undefined }));
    detailOf(missing, '/headOffice', /「总公司」为必填项/);
    detailOf(missing, '/branch', /「本地分支机构」为必填项/);
    // A branch code whose embedded organisation code is wrong is refused outright.
    const wrong = await submit(company, draft, await nonLocalData(company, { '/branch/creditCode': '91440605MA55RR7T47' }));
    detailOf(wrong, '/branch/creditCode', /分支机构统一社会信用代码不正确：/);
    // A bad shape is refused by the form itself.
    const shape = await submit(company, draft, await nonLocalData(company, { '/headOffice/creditCode': '91310115MA1H8Q3LXI' }));
    detailOf(shape, '/headOffice/creditCode', /总公司统一社会信用代码/);

    // Only the check character is off while the organisation code holds: a pilot-era code.
    const pilot = await submit(company, draft, await nonLocalData(company, { '/branch/creditCode': '91440604MA54PQ3R70' }));
    expect(pilot.status, JSON.stringify(pilot.body)).toBe(200);
    expect(pilot.body.state).toBe('filed');
    const warning = pilot.body.flags.find((f: { code: string }) => f.code === 'RULE:/branch/creditCode');
    expect(warning.message).toMatch(/分支机构统一社会信用代码校验位不符（校验位错误，请核对号码），按试点期代码受理/);
    const clerk2 = await app.login('clerk2');
    const seen = await clerk2.get(`/api/cases/${draft.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.flags.some((f: { code: string }) => f.code === 'RULE:/branch/creditCode')).toBe(true);

    const records = await app.client().get(`/api/public/orgs/${NONLOCAL_COMPANY}/enterprises`);
    expect(records.body.items).toHaveLength(1);
    expect(records.body.items[0].data).toMatchObject({ local: false, branch: { creditCode: '91440604MA54PQ3R70' } });
    expect(records.body.items[0].district).toBe('440605');
  });

  describe('bad input of the local form is refused with the field named', () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['a founding date in the future', { '/establishedDate': '2999-01-01' }, '/establishedDate', /成立日期不能晚于今天/],
      ['a legal representative ID with a wrong check digit', { '/legalRepresentative/idNumber': '440604198812083661' }, '/legalRepresentative/idNumber', /法定代表人身份证号码」校验位错误，请核对号码/],
      ['a legal representative mobile that is not one', { '/legalRepresentative/mobile': '23912345678' }, '/legalRepresentative/mobile', /法定代表人手机号码/],
      ['a negative registered capital', { '/registeredCapital': -1 }, '/registeredCapital', /注册资本/],
      ['an abolished qualification level that never existed', { '/qualificationLevel': '特级' }, '/qualificationLevel', /资质等级/],
      ['no business licence', { '/attachments/businessLicense': [] }, '/attachments/businessLicense', /营业执照/],
    ];
    for (const [name, changes, field, message] of cases) {
      it(name, async () => {
        const company = await app.login(LOCAL_COMPANY);
        const draft = await createDraft(company, 'enterprise-filing', {});
        detailOf(await submit(company, draft, await localData(company, changes)), field, message);
        expect((await company.get(`/api/cases/${draft.id}`)).body.state).toBe('draft');
      });
    }
  });
});
