// The case lists show each type's list columns (settings.listColumns): GET /api/cases answers, per
// case, the values of those fields only — not the form data — with ID numbers masked as in the
// public views; the inbox answers them with each task's case. A case keeps the columns of the type
// version it was started with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import areaSchema from '../forms/area-filing.schema.json';
import personnelSchema from '../forms/personnel.schema.json';
import { example, startTestApp, type TestApp } from './helpers/app.js';
import { COMPANY, DEVELOPER, applicantDoes, findTask } from './helpers/services.js';
import { exampleWithFiles } from './helpers/filings-a.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('业务列表的列（settings.listColumns）', () => {
  it('我的业务 answers the declared column values of each case, never the whole data', async () => {
    const dev = await app.login(DEVELOPER);
    const a = example(areaSchema);
    const draft = await dev.post('/api/cases', { type: 'area-filing', data: { projectName: '列测试花园', remarks: '备注很长。'.repeat(100) } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);

    const list = await dev.get('/api/cases?type=area-filing');
    expect(list.status).toBe(200);
    const item = list.body.items.find((c: Data) => c.id === draft.body.id);
    expect(Object.keys(item.columns)).toEqual(['/projectName', '/address', '/totalBuildingArea']);
    expect(item.columns['/projectName']).toBe('列测试花园');
    expect(item.columns['/address']).toBeNull(); // not filled yet
    expect(item.columns['/totalBuildingArea']).toBeNull();
    expect(item.data).toBeUndefined();
    expect(item.snapshot).toBeUndefined();

    // A number stays a number; the list of every type carries each case's own columns too.
    const patched = await dev.patch(`/api/cases/${draft.body.id}`, { data: { projectName: '列测试花园', address: '季华路 1 号', totalBuildingArea: a.totalBuildingArea }, version: draft.body.version });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const all = await dev.get('/api/cases');
    const again = all.body.items.find((c: Data) => c.id === draft.body.id);
    expect(again.columns).toEqual({ '/projectName': '列测试花园', '/address': '季华路 1 号', '/totalBuildingArea': a.totalBuildingArea });
    expect(typeof again.columns['/totalBuildingArea']).toBe('number');
  });

  it('the inbox answers the same columns with each task’s case', async () => {
    const dev = await app.login(DEVELOPER);
    const data = await exampleWithFiles(dev, areaSchema, { projectName: '待办列测试苑' });
    const created = await dev.post('/api/cases', { type: 'area-filing', data });
    expect((await applicantDoes(dev, created.body.id, 'SUBMIT')).status).toBe(200);
    const task = await findTask(await app.login('clerk1'), created.body.number);
    expect(task!.case.columns).toMatchObject({ '/projectName': '待办列测试苑', '/address': data.address });
    expect(task!.case.data).toBeUndefined();
  });

  it('an ID number in a list column is masked', async () => {
    // An administrator lists personnel by ID number (a new version of the type).
    const current = app.engine.registry.current('personnel')!;
    const listColumns = [
      { field: '/name', title: '姓名' }, { field: '/idNumber', title: '身份证号码' }, { field: '/certificates/1/number', title: '证书编号' },
      { field: '/certificates/0/issueDate', title: '发证日期' }, { field: '/remarks', title: '备注' },
    ];
    await app.engine.registry.publish({ ...current, settings: { ...current.settings, listColumns } }, { source: 'test' });
    const company = await app.login(COMPANY);
    const p = example(personnelSchema);
    const created = await company.post('/api/cases', { type: 'personnel', data: { ...p, remarks: '曾任'.repeat(150), certificates: [...p.certificates, { name: '身份证复印件', number: '11010519491231002X' }] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const item = (await company.get('/api/cases?type=personnel')).body.items.find((c: Data) => c.id === created.body.id);
    expect(item.columns['/name']).toBe(p.name);
    expect(item.columns['/idNumber']).toBe('440604********1236');
    expect(item.columns['/certificates/1/number']).toBe(p.certificates[1].number); // not an ID number
    expect(item.columns['/certificates/0/issueDate']).toBe(p.certificates[0].issueDate);
    expect(item.columns['/remarks']).toHaveLength(201); // long texts are cut for the list
    expect(item.columns['/remarks'].endsWith('…')).toBe(true);
    await app.engine.registry.publish(current, { source: 'test' });
  });

  it('a value that is an ID number is masked even where the form does not say so', async () => {
    const current = app.engine.registry.current('personnel')!;
    await app.engine.registry.publish({ ...current, settings: { ...current.settings, listColumns: [{ field: '/certificates', title: '证书' }] } }, { source: 'test' });
    const company = await app.login(COMPANY);
    const p = example(personnelSchema);
    const created = await company.post('/api/cases', { type: 'personnel', data: { ...p, certificates: [{ name: '身份证复印件', number: '11010519491231002X' }] } });
    const item = (await company.get('/api/cases?type=personnel')).body.items.find((c: Data) => c.id === created.body.id);
    expect(item.columns['/certificates']).toEqual([{ name: '身份证复印件', number: '110105********002X' }]);
    await app.engine.registry.publish(current, { source: 'test' });
  });

  it('a case keeps the columns of the type version it started with', async () => {
    const company = await app.login(COMPANY);
    const current = app.engine.registry.current('personnel')!;
    const before = await company.post('/api/cases', { type: 'personnel', data: { ...example(personnelSchema), name: '周一' } });
    await app.engine.registry.publish({ ...current, settings: { ...current.settings, listColumns: [{ field: '/post', title: '岗位' }] } }, { source: 'test' });
    const after = await company.post('/api/cases', { type: 'personnel', data: { ...example(personnelSchema), name: '周二' } });
    const items = (await company.get('/api/cases?type=personnel&pageSize=100')).body.items as Data[];
    expect(Object.keys(items.find((c) => c.id === before.body.id)!.columns)).toEqual(current.settings.listColumns!.map((c) => c.field));
    expect(items.find((c) => c.id === after.body.id)!.columns).toEqual({ '/post': '工程维修' });
    await app.engine.registry.publish(current, { source: 'test' });
  });

  it('the OpenAPI document describes the columns of the list', async () => {
    const doc = (await app.client().get('/docs/json')).body;
    const item = doc.paths['/api/cases'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.properties.columns.type).toBe('object');
    expect(item.properties.columns.description).toContain('listColumns');
  });
});
