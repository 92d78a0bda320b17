// 小区动态: a property company (or the owners' committee) of an area writes a notice, saves it as a
// draft, publishes it — then anyone reads it on the portal under that area, newest first — and
// may withdraw it (gone from the portal) and publish it again after editing. Only the company with
// a filed contract for the area, or the area's filed committee, may publish there. Nobody lodges
// 异议 against a notice. Another company sees nothing of the drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import schema from '../forms/community-news.schema.json';
import { AREA_ID, COMMITTEE, COMPANY, OTHER_COMPANY, act, addAndSave, errorOn, exampleOf, givenContract, titles } from './helpers/registers.js';
import { givenCommitteeFiled } from './helpers/filings-a.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
let company: Client;
let committee: Client;
let other: Client;
const portal = () => app.client();
beforeAll(async () => {
  app = await startTestApp();
  await givenContract(app, AREA_ID, COMPANY);
  await givenCommitteeFiled(app, AREA_ID, COMMITTEE);
  company = await app.login(COMPANY);
  committee = await app.login(COMMITTEE);
  other = await app.login(OTHER_COMPANY);
});
afterAll(async () => { await app?.close(); });

const news = (title: string, overrides: Data = {}) => exampleOf(schema, { title, ...overrides });
const onPortal = async (area = AREA_ID): Promise<Data[]> =>
  (await portal().get(`/api/public/publicity?type=community-news&area=${area}`)).body.items;

describe('小区动态', () => {
  it('保存草稿不公开；发布后公众可在该小区的动态中查看，最新的在前', async () => {
    const first = await company.post('/api/cases', { type: 'community-news', data: news('关于清洗二次供水水箱的通知') });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.state).toBe('draft');
    expect(first.body.data.publisher).toBe('佛山市安居物业服务有限公司');
    expect((await onPortal()).map((x) => x.title)).not.toContain('关于清洗二次供水水箱的通知');

    const published = await act(company, first.body.id, 'PUBLISH');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.state).toBe('published');
    expect(published.body.data.publishedAt).toMatch(/^\d{4}-/);
    await new Promise((r) => setTimeout(r, 20));
    const { saved: second } = await addAndSave(committee, 'community-news', news('业主大会筹备工作进展公告', { category: '业委会筹备' }), 'PUBLISH');
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.data.publisher).toBe('锦绣花园业主委员会');

    const listed = await onPortal();
    expect(listed.map((x) => x.title).slice(0, 2)).toEqual(['业主大会筹备工作进展公告', '关于清洗二次供水水箱的通知']);
    const item = listed[1];
    expect(item).toMatchObject({ typeTitle: '小区动态', stateTitle: '已发布', area: { id: AREA_ID, title: '锦绣花园' }, org: { name: '佛山市安居物业服务有限公司' } });
    const fields = Object.fromEntries(item.fields.map((f: Data) => [f.title, f.value]));
    expect(fields).toMatchObject({ 标题: '关于清洗二次供水水箱的通知', 类别: '停水停电', 发布单位: '佛山市安居物业服务有限公司' });
    expect(fields.正文).toContain('二次供水水箱进行清洗消毒');
    expect((await portal().get(`/api/public/publicity/${first.body.id}`)).status).toBe(200);
    // Another area's page does not show them.
    expect(await onPortal(999)).toEqual([]);
    // A notice takes no 异议: the portal is told not to offer it, and its form and the lodging answer 404.
    expect(item.objections).toBe(false);
    expect((await portal().get(`/api/public/publicity/${first.body.id}/objection-form`)).status).toBe(404);
    const objection = await portal().post(`/api/public/publicity/${first.body.id}/objections`, { name: '张三', contact: '13800138000', content: '不同意停水时间' });
    expect(objection.status).toBe(404);
  });

  it('撤回后从公众服务平台消失；重新编辑后可再次发布', async () => {
    const { created, saved } = await addAndSave(company, 'community-news', news('电梯年检安排'), 'PUBLISH');
    expect(saved.status).toBe(200);
    expect((await onPortal()).map((x) => x.title)).toContain('电梯年检安排');
    const withdrawn = await act(company, created.id, 'WITHDRAW', { opinion: '时间有变，另行通知' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.stateTitle).toBe('已撤回');
    expect((await onPortal()).map((x) => x.title)).not.toContain('电梯年检安排');
    expect((await portal().get(`/api/public/publicity/${created.id}`)).status).toBe(404);

    const revised = await act(company, created.id, 'REVISE');
    expect(revised.body.state).toBe('draft');
    const edited = await company.post(`/api/cases/${created.id}/events`, {
      event: 'PUBLISH', version: revised.body.version, data: { ...revised.body.data, title: '电梯年检安排（更新）' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await onPortal()).map((x) => x.title)).toContain('电梯年检安排（更新）');
    expect(edited.body.history.map((h: Data) => h.event)).toEqual(['CREATE', 'PUBLISH', 'WITHDRAW', 'REVISE', 'PUBLISH']);
  });

  describe('规则', () => {
    it('物业服务企业须在该物业区域有已备案的物业服务合同', async () => {
      const { saved } = await addAndSave(other, 'community-news', news('非本企业服务的小区'), 'PUBLISH');
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/areaId').message).toBe('物业区域：本单位在该物业区域没有已备案的物业服务合同，不能发布该小区的动态');
    });

    it('标题与正文须填写完整', async () => {
      const data = news('未写完的动态');
      delete data.title;
      delete data.body;
      const { saved } = await addAndSave(company, 'community-news', data, 'PUBLISH');
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/title').message).toBe('「标题」为必填项');
      expect(errorOn(saved, '/body').message).toBe('「正文」为必填项');
    });
  });

  it('其他企业看不到本企业的草稿', async () => {
    const draft = await company.post('/api/cases', { type: 'community-news', data: news('尚未发布的草稿') });
    expect((await other.get(`/api/cases/${draft.body.id}`)).status).toBe(404);
    expect(titles(await other.get('/api/cases?type=community-news&pageSize=100'))).not.toContain('尚未发布的草稿');
    expect((await other.post(`/api/cases/${draft.body.id}/events`, { event: 'PUBLISH', version: draft.body.version })).status).toBe(404);
  });
});
