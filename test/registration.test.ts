// 注册登录: a developer, a property company and an owners' committee register on the portal, log in
// with their credit code (or 机构代码) and see their account; every bad input is refused with the
// field named in Chinese and nothing written; then the session rules: logout, lockout after wrong
// passwords, forged cookies, cross-site writes and the cookie's flags.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, example, type TestApp } from './helpers/app.js';
import developerForm from '../forms/register-developer.schema.json';
import companyForm from '../forms/register-company.schema.json';
import committeeForm from '../forms/register-committee.schema.json';

const PASSWORD = 'Fangguan#2026';
// Valid GB 32100 codes (check characters D, J, G) and a valid GB 11714 committee code.
const DEVELOPER_CODE = '91440605MA4X1A2BXD';
const COMPANY_CODE = '91440605MA7Q8R9T5J';
const COMMITTEE_CODE = 'L22334450';
// Embedded 组织机构代码 MA8H7K6LX is valid, only the final check character is wrong (should be N).
const PILOT_CODE = '91440605MA8H7K6LX0';
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

type Body = Record<string, unknown>;
const developer = (fields: Body = {}): Body =>
  ({ orgType: 'developer', password: PASSWORD, agreementAccepted: true, ...example(developerForm), uscc: DEVELOPER_CODE, name: '佛山市南庄置业有限公司', ...fields });
const company = (fields: Body = {}): Body =>
  ({ orgType: 'company', password: PASSWORD, agreementAccepted: true, ...example(companyForm), uscc: COMPANY_CODE, ...fields });
const committee = (fields: Body = {}): Body =>
  ({ orgType: 'committee', password: PASSWORD, agreementAccepted: true, ...example(committeeForm), orgCode: COMMITTEE_CODE, ...fields });

const register = (body: Body) => app.client().post('/api/auth/register', body);
const counts = async () => [await app.engine.db.models.Org.count(), await app.engine.db.models.User.count()];
const detailOf = (res: { body: { error: { details: Array<{ field: string; message: string }> } } }, field: string) =>
  res.body.error.details.find((d) => d.field === field);

describe('机构注册', () => {
  it('the portal lists the kinds of organisation that may register, the three applicants among them, each with its form', async () => {
    const res = await app.client().get('/api/auth/registration-types');
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(res.body.map((t: { orgType: string }) => [t.orgType, t]));
    expect(Object.keys(byType)).toEqual(expect.arrayContaining(['committee', 'company', 'developer']));
    expect(byType.developer.schema.properties.uscc.title).toBe('统一社会信用代码');
    expect(byType.company.schema.required).toContain('local');
    expect(byType.committee.schema.properties.orgCode.title).toBe('机构代码');
    expect(byType.committee.uiSchema['ui:order']).toBeTruthy();
  });

  for (const [kind, body, code, role] of [
    ['a developer', developer, DEVELOPER_CODE, 'developer'],
    ['a property company', company, COMPANY_CODE, 'company'],
    ['an owners\' committee', committee, COMMITTEE_CODE, 'committee'],
  ] as const) {
    it(`${kind} registers, logs in with its code and sees its account`, async () => {
      const res = await register(body());
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.user).toMatchObject({ username: code, role });
      expect(res.body.org).toMatchObject({ code, kind: role, warnings: [] });
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);

      const c = await app.login(code, PASSWORD);
      const me = await c.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ username: code, role, district: body().district });
      expect(me.body.org).toMatchObject({ code, name: body().name, kind: role, district: body().district });
      expect(me.body.org.data.mobile).toBe(body().mobile);
      expect(JSON.stringify(me.body.org.data)).not.toMatch(/password|agreement/i);
    });
  }

  it('a property company says whether it is local, and the organisation keeps it', async () => {
    const c = await app.login(COMPANY_CODE, PASSWORD);
    expect((await c.get('/api/me')).body.org.local).toBe(true);
  });

  it('a code typed in lower case with spaces is the same code: login works either way', async () => {
    const code = '91440605MA5Y3C4D8G';
    const res = await register(developer({ uscc: ` ${code.toLowerCase()} ` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.org.code).toBe(code);
    await app.login(code.toLowerCase(), PASSWORD);
  });
});

describe('bad registrations are refused with the field named, and nothing is written', () => {
  const cases: Array<[string, Body, string, RegExp]> = [
    ['a credit code of the wrong length', developer({ uscc: '9144060512345' }), '/uscc', /统一社会信用代码.*长度应为 18 位/],
    ['a credit code with a wrong check character', developer({ uscc: '91440605MA4X1A2B00' }), '/uscc', /校验位错误，请核对号码/],
    ['a credit code with a forbidden letter', developer({ uscc: '91440605MA4X1O2BXD' }), '/uscc', /不允许的字符 O/],
    ['a committee with a bad 机构代码', committee({ orgCode: 'K44030130' }), '/orgCode', /机构代码.*校验位错误，请核对号码/],
    ['the agreement not accepted', developer({ agreementAccepted: false }), '/agreementAccepted', /机构注册协议/],
    ['the agreement missing', developer({ agreementAccepted: undefined }), '/agreementAccepted', /机构注册协议/],
    ['a weak password', developer({ password: 'password' }), '/password', /至少包含.*三类/],
    ['a short password', developer({ password: 'Ab#1' }), '/password', /长度/],
    ['no password', developer({ password: undefined }), '/password', /请设置密码/],
    ['a password equal to the code', developer({ password: '91440605Ma4x1a2bxd' }), '/password', /不能与登录名/],
    ['the name missing', developer({ name: undefined }), '/name', /单位名称.*必填/],
    ['the legal representative missing', developer({ legalRepresentative: undefined }), '/legalRepresentative', /法定代表人.*必填/],
    ['whether the company is local missing', company({ local: undefined }), '/local', /是否本地企业.*必填/],
    ['the committee\'s area missing', committee({ areaName: undefined }), '/areaName', /所在物业区域.*必填/],
    ['a bad mobile number', developer({ mobile: '12345678901' }), '/mobile', /手机号码.*格式不正确/],
    ['a mobile number too short', company({ mobile: '1391234' }), '/mobile', /手机号码.*11 位/],
    ['an unknown district', developer({ district: '110101' }), '/district', /所属区县/],
    ['a district that is not a code', committee({ district: '南海区' }), '/district', /所属区县/],
  ];
  for (const [name, body, field, message] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await register(JSON.parse(JSON.stringify(body)));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('FORM_INVALID');
      const detail = detailOf(res, field);
      expect(detail, JSON.stringify(res.body.error.details)).toBeTruthy();
      expect(detail!.message).toMatch(message);
      expect(detail!.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await counts()).toEqual(before);
    });
  }

  it('several mistakes at once are all named in one answer', async () => {
    const res = await register(developer({ uscc: '91440605MA4X1A2B00', mobile: '123', agreementAccepted: false, name: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort())
      .toEqual(['/agreementAccepted', '/mobile', '/name', '/uscc']);
  });

  it('an unknown kind of organisation is refused', async () => {
    const res = await register(developer({ orgType: 'bank' }));
    expect(res.status).toBe(400);
    expect(detailOf(res, '/orgType')).toBeTruthy();
  });

  it('after a refusal nothing was written: the code cannot log in, and a correct registration with it succeeds', async () => {
    const code = '91440605MA8H7K6LXN';
    const refused = await register(developer({ uscc: code, password: 'weak' }));
    expect(refused.status).toBe(400);
    expect((await app.client().post('/api/auth/login', { username: code, password: 'weak' })).status).toBe(401);
    const ok = await register(developer({ uscc: code, name: '佛山市后来置业有限公司' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.org.name).toBe('佛山市后来置业有限公司');
  });

  it('a code that is already registered is refused with 409 naming the field', async () => {
    for (const [body, field] of [[company({ uscc: DEVELOPER_CODE }), '/uscc'], [committee(), '/orgCode']] as const) {
      const res = await register(body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe('ACCOUNT_EXISTS');
      expect(res.body.error.message).toContain('已注册');
      expect(res.body.error.details[0].field).toBe(field);
    }
    // The seed developer's code too, in lower case.
    const seed = await register(developer({ uscc: '91440604ma4uj5rw2r' }));
    expect(seed.status).toBe(409);
  });
});

describe('试点期统一社会信用代码', () => {
  it('is refused unless the applicant says it is a pilot code, then accepted with a warning the reviewer sees', async () => {
    const refused = await register(company({ uscc: PILOT_CODE }));
    expect(refused.status).toBe(400);
    const detail = detailOf(refused, '/uscc');
    expect(detail!.message).toMatch(/校验位错误，请核对号码/);
    expect(detail!.message).toContain('试点期');

    const accepted = await register(company({ uscc: PILOT_CODE, pilotCode: true }));
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const c = await app.login(PILOT_CODE, PASSWORD);
    const me = await c.get('/api/me');
    expect(me.body.org.warnings).toEqual([expect.objectContaining({ code: 'PILOT_CODE', message: expect.stringContaining('试点期') })]);
    expect(me.body.org.data.pilotCode).toBeUndefined();
  });

  it('declaring a pilot code does not excuse a code whose embedded 组织机构代码 is wrong too', async () => {
    const res = await register(company({ uscc: '91440605MA4X1A2B00', pilotCode: true }));
    expect(res.status).toBe(400);
    expect(detailOf(res, '/uscc')!.message).toMatch(/校验位错误/);
  });
});

describe('登录与会话', () => {
  it('logout ends the session: the old cookie no longer works', async () => {
    const c = await app.login(DEVELOPER_CODE, PASSWORD);
    const stolen = new Client(app.url);
    stolen.cookie = c.cookie;
    expect((await stolen.get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(401);
    const replay = await stolen.get('/api/me');
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('after 5 wrong passwords the account is locked: the 6th attempt is refused even with the right password', async () => {
    const code = COMMITTEE_CODE;
    for (let i = 1; i <= 5; i++) {
      const res = await app.client().post('/api/auth/login', { username: code, password: `Wrong#${i}pass` });
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body.error.code).toBe('LOGIN_FAILED');
    }
    const sixth = await app.client().post('/api/auth/login', { username: code, password: PASSWORD });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('LOGIN_LOCKED');
    expect(sixth.body.error.message).toMatch(/\d+ 分钟后再试/);
    expect(sixth.headers.get('set-cookie')).toBeNull();
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await app.client().post('/api/auth/login', { username: COMPANY_CODE, password: 'Wrong#pass1' });
    const unknown = await app.client().post('/api/auth/login', { username: '91440605MA7Q8R9T5K', password: 'Wrong#pass1' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('a forged session cookie is not a session', async () => {
    for (const forged of [randomBytes(32).toString('base64url'), 'admin', 'x'.repeat(500)]) {
      const c = new Client(app.url);
      c.cookie = `beian_sid=${forged}`;
      const res = await c.get('/api/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a write from another site is refused, even with a valid session, and changes nothing', async () => {
    const c = await app.login(COMPANY_CODE, PASSWORD);
    const evil = { origin: 'http://evil.example' };
    const write = await c.post('/api/cases', { type: 'area-filing', data: {} }, evil);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('CSRF_REJECTED');
    expect((await c.get('/api/cases')).body.total).toBe(0);
    const reg = await app.client().post('/api/auth/register', developer({ uscc: '91440605MA5Y3C4D8X', pilotCode: true }), evil);
    expect(reg.status).toBe(403);
    expect((await app.client().post('/api/auth/logout', {}, evil)).status).toBe(403);
    // The same request from this site itself goes through.
    expect((await c.post('/api/cases', { type: 'area-filing', data: {} }, { origin: app.url })).status).toBe(201);
  });

  it('the session cookie is HttpOnly and SameSite, and carries only a random token', async () => {
    const res = await app.client().post('/api/auth/login', { username: DEVELOPER_CODE, password: PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^beian_sid=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toContain(DEVELOPER_CODE);
  });
});
