// Choosing an organisation in a decision (转办 a complaint to a property company): the departments
// read the registered organisations of a kind — name and code only — instead of typing a number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forward from '../forms/decisions/complaint-forward.schema.json';
import { startTestApp, type TestApp } from './helpers/app.js';
import { COMPANY, DEVELOPER, OTHER_COMPANY, orgId, owner } from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('选择机构 GET /api/orgs', () => {
  it('lists the registered property companies for the reviewer, local ones of the district first; nobody else reads it', async () => {
    const res = await (await app.login('reviewer1')).get('/api/orgs?kind=company');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((o: Data) => o.code);
    expect(codes).toEqual(expect.arrayContaining([COMPANY, OTHER_COMPANY]));
    expect(codes).not.toContain(DEVELOPER);
    expect(codes.indexOf(COMPANY)).toBeLessThan(codes.indexOf(OTHER_COMPANY));
    const company = res.body.items.find((o: Data) => o.code === COMPANY);
    expect(company).toEqual({ id: await orgId(app, COMPANY), kind: 'company', code: COMPANY, name: '佛山市安居物业服务有限公司', district: '440604', local: true });

    expect((await (await app.login(COMPANY)).get('/api/orgs?kind=company')).status).toBe(403);
    expect((await (await owner(app, 'zhang')).get('/api/orgs')).status).toBe(403);
    expect((await app.client().get('/api/orgs')).status).toBe(401);
    expect((await (await app.login('clerk1')).get('/api/orgs?kind=Company;drop')).status).toBe(400);
  });

  it('the forwarding decision names the kind to choose from and the field that keeps the name', () => {
    expect((forward.properties.companyId as Data).org).toEqual({ kind: 'company', nameField: 'companyName' });
  });
});
