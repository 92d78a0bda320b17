// 企业良好行为申报（诚信登记） over HTTP: the company declares an award; the clerk returns it once and
// then accepts it at the window; it is 公示 on the portal for the configured period, during which
// anyone may lodge an 异议 (and after which nobody can); the reviewer decides with the objections in
// view; an approved declaration is 公告 on the portal and enters the company's credit record; an
// upheld objection leads to rejection. The period is configured by publishing a new version of the
// type with a short delay, as an administrator would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, example, type TestApp, type Client } from './helpers/app.js';
import { AREA_ID, LOCAL_COMPANY, createDraft, decide, decideOk, detailOf, fileNew, submit, uploadFiles, waitFor, withChanges } from './helpers/filings-b.js';
import behaviourSchema from '../forms/good-behaviour.schema.json';

let app: TestApp;
// The objection flood below speaks as a local proxy would: the operator trusts loopback.
beforeAll(async () => { app = await startTestApp({ trustProxy: 'loopback' }); });
afterAll(async () => { await app?.close(); });

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PERIOD_MS = 2000;
const OBJECTION = { name: '黄先生', contact: '13811112222', content: '该项目去年曾因电梯事故被通报，不应评为示范项目。' };

async function declaration(c: Client, changes: Record<string, unknown> = {}): Promise<Data> {
  const [certificate] = await uploadFiles(c, '示范项目证书.pdf');
  return withChanges({ ...example(behaviourSchema), attachments: { certificate: [certificate] } }, changes);
}

/** An administrator configures a short 公示期 by publishing a new version of the type. */
async function publishShortPeriod() {
  const current = app.engine.registry.current('good-behaviour')!;
  const published = await app.engine.registry.publish(
    { ...current, settings: { ...current.settings, delays: { publicity: `PT${PERIOD_MS / 1000}S` } } },
    { source: 'test' },
  );
  expect(published.version).toBeGreaterThan(current.version);
}

/** Declared, accepted at the window: the case is in 公示. */
async function declaredAndAccepted(company: Client, changes: Record<string, unknown> = {}): Promise<Data> {
  const filed = await fileNew(company, 'good-behaviour', await declaration(company, changes));
  const accepted = await decideOk(await app.login('clerk1'), filed.number, 'ACCEPT', { opinion: '材料齐全，予以受理并公示。' });
  expect(accepted.state).toBe('publicity');
  return accepted;
}

const inReview = (c: Client, id: number) => waitFor(async () => (await c.get(`/api/cases/${id}`)).body.state === 'review', 15_000, '公示期满');

describe('企业良好行为申报', () => {
  it('the example of the form is valid for the local demo company', async () => {
    const company = await app.login(LOCAL_COMPANY);
    const res = await company.post('/api/types/good-behaviour/check', { data: example(behaviourSchema) });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
  });

  it('by default the declaration is 公示 for 7 days', async () => {
    const company = await app.login(LOCAL_COMPANY);
    const accepted = await declaredAndAccepted(company, { '/title': '2025 年度禅城区文明小区' });
    const item = await app.client().get(`/api/public/publicity/${accepted.id}`);
    expect(item.status).toBe(200);
    expect(item.body.objections).toBe(true);
    const days = (new Date(item.body.until).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('declared, returned and corrected, accepted, 公示 with an 异议, decided after the period, 公告 and in the credit record', async () => {
    await publishShortPeriod();
    const company = await app.login(LOCAL_COMPANY);
    const draft = await createDraft(company, 'good-behaviour', await declaration(company, { '/companyName': '冒名公司' }));
    expect(draft.number).toMatch(/^LHXW-\d{4}-\d{6}$/);
    expect(draft.data.companyName).toBe('佛山市安居物业服务有限公司');
    expect(draft.areaId).toBe(AREA_ID);
    expect((await submit(company, draft)).status).toBe(200);

    // An objection before 公示 is refused: the declaration is not public yet.
    const early = await app.client().post(`/api/public/publicity/${draft.id}/objections`, OBJECTION);
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/不在公示期内/);

    const clerk = await app.login('clerk1');
    await decideOk(clerk, draft.number, 'RETURN', { opinion: '证书扫描件不清晰。', items: ['重新上传清晰的证书扫描件'] });
    const seen = (await company.get(`/api/cases/${draft.id}`)).body;
    const [clearer] = await uploadFiles(company, '证书（清晰）.pdf');
    const resubmitted = await submit(company, seen, { ...seen.data, attachments: { certificate: [clearer] } });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    const accepted = await decideOk(clerk, draft.number, 'ACCEPT', { opinion: '予以受理并公示。' });
    expect(accepted.state).toBe('publicity');
    expect(accepted.stateTitle).toBe('公示中');

    // The portal lists it with the type's public fields while the period runs.
    const portal = app.client();
    const list = await portal.get('/api/public/publicity?type=good-behaviour');
    const item = list.body.items.find((i: Data) => i.id === draft.id);
    expect(item).toMatchObject({ number: draft.number, typeTitle: '企业良好行为申报', stateTitle: '公示中', districtName: '禅城区', org: { name: '佛山市安居物业服务有限公司' }, area: { id: AREA_ID, title: '锦绣花园' } });
    expect(item.fields.find((f: Data) => f.title === '文号').value).toBe('佛建物〔2025〕18 号');
    expect(new Date(item.until).getTime()).toBeGreaterThan(Date.now());
    expect(item.since).toBeTruthy();
    expect(new Date(item.since).getTime()).toBeLessThanOrEqual(Date.now());

    // Anyone may object during the period; the objection form is checked.
    const bad = await portal.post(`/api/public/publicity/${draft.id}/objections`, { ...OBJECTION, contact: '12345' });
    detailOf(bad, '/contact', /联系电话/);
    const lodged = await portal.post(`/api/public/publicity/${draft.id}/objections`, OBJECTION);
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(201);

    // After the period the case moves to review by itself, leaves the portal, and objections are refused.
    await inReview(company, draft.id);
    const late = await portal.post(`/api/public/publicity/${draft.id}/objections`, OBJECTION);
    expect(late.status).toBe(422);
    expect(late.body.error.message).toMatch(/不在公示期内|公示期已于/);
    expect((await portal.get('/api/public/publicity')).body.items.some((i: Data) => i.id === draft.id)).toBe(false);
    expect((await portal.get(`/api/public/publicity/${draft.id}`)).status).toBe(404);

    // The reviewer sees the objection with who lodged it; the company sees what was objected only.
    const reviewer = await app.login('reviewer1');
    const review = await reviewer.get(`/api/cases/${draft.id}`);
    expect(review.body.objections).toHaveLength(1);
    expect(review.body.objections[0]).toMatchObject(OBJECTION);
    const own = await company.get(`/api/cases/${draft.id}`);
    expect(own.body.objections[0].content).toBe(OBJECTION.content);
    expect(own.body.objections[0].contact).toBeUndefined();

    const approved = await decideOk(reviewer, draft.number, 'APPROVE', { opinion: '经核实，异议不成立，予以公告。' });
    expect(approved.state).toBe('approved');
    expect(approved.stateTitle).toBe('已公告');
    const events = approved.history.map((h: Data) => h.event);
    expect(events.slice(0, 5)).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'SUBMIT', 'ACCEPT']);
    expect(approved.history[5]).toMatchObject({ fromState: 'publicity', toState: 'review', actorName: '系统（到期自动办理）' });
    expect(events[6]).toBe('APPROVE');

    // 公告 on the portal, and the company's credit record holds the good record with its validity.
    const announced = await portal.get(`/api/public/credit-records?q=${encodeURIComponent('示范项目')}`);
    expect(announced.body.items).toHaveLength(1);
    expect(announced.body.items[0]).toMatchObject({ title: '2025 年度佛山市物业管理示范项目', parentId: AREA_ID, districtName: '禅城区' });
    expect(announced.body.items[0].data).toMatchObject({
      kind: '良好行为', behaviourType: '示范项目', level: '市', issuer: '佛山市住房和城乡建设局', documentNumber: '佛建物〔2025〕18 号',
      date: '2025-09-20', validFrom: '2025-09-20', validUntil: '2028-09-19', companyName: '佛山市安居物业服务有限公司',
    });
    expect(announced.body.items[0].data.contactPhone).toBeUndefined();
    const record = await portal.get(`/api/public/orgs/${LOCAL_COMPANY}/credit-records`);
    expect(record.status).toBe(200);
    expect(record.body.items).toHaveLength(1);
    expect(record.body.items[0]).toMatchObject({ status: 'active', validUntil: '2028-09-19', expired: false });
  });

  it('an upheld objection leads to rejection: nothing is announced', async () => {
    await publishShortPeriod();
    const company = await app.login(LOCAL_COMPANY);
    const accepted = await declaredAndAccepted(company, { '/title': '2025 年度省级物业服务优秀项目', '/level': '省', '/behaviourType': '获奖' });
    const lodged = await app.client().post(`/api/public/publicity/${accepted.id}/objections`, OBJECTION);
    expect(lodged.status).toBe(201);
    await inReview(company, accepted.id);
    const reviewer = await app.login('reviewer1');
    const noReason = await decide(reviewer, accepted.number, 'REJECT', {});
    detailOf(noReason, '/opinion', /意见/);
    const rejected = await decideOk(reviewer, accepted.number, 'REJECT', { opinion: '异议成立：该项目年度内发生安全责任事故，不予通过。' });
    expect(rejected.state).toBe('rejected');
    expect(rejected.objections).toHaveLength(1);
    const announced = await app.client().get(`/api/public/credit-records?q=${encodeURIComponent('优秀项目')}`);
    expect(announced.body.items).toHaveLength(0);
  });

  it('objections are refused for cases that are never public, unknown cases, and too many from one address', async () => {
    const company = await app.login(LOCAL_COMPANY);
    const enterprise = await createDraft(company, 'enterprise-filing', {});
    expect((await app.client().post(`/api/public/publicity/${enterprise.id}/objections`, OBJECTION)).status).toBe(404);
    expect((await app.client().post('/api/public/publicity/999999/objections', OBJECTION)).status).toBe(404);
    const flood = app.client();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await flood.post('/api/public/publicity/999999/objections', OBJECTION, { 'x-forwarded-for': '203.0.113.9' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  describe('bad input of the declaration is refused with the field named', () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['an area that is not registered', { '/areaId': 4242 }, '/areaId', /物业区域不存在或尚未备案/],
      ['a date in the future', { '/date': '2999-05-01' }, '/date', /取得日期不能晚于今天/],
      ['an unknown level', { '/level': '县' }, '/level', /级别/],
      ['no issuing body', { '/issuer': undefined }, '/issuer', /「颁发单位」为必填项/],
      ['no 文号', { '/documentNumber': '' }, '/documentNumber', /文号/],
      ['no certificate', { '/attachments/certificate': [] }, '/attachments/certificate', /证书或表彰文件/],
    ];
    for (const [name, changes, field, message] of cases) {
      it(name, async () => {
        const company = await app.login(LOCAL_COMPANY);
        const draft = await createDraft(company, 'good-behaviour', { areaId: AREA_ID });
        detailOf(await submit(company, draft, await declaration(company, changes)), field, message);
      });
    }
  });
});
