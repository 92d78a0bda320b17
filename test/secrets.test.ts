// Secrets: a server logging at info (as in production) is taken through registration, logins with
// right and wrong passwords, a password change, uploads, an owner's registration and a committee
// filing full of members' ID numbers. Its whole log holds no password, no session token (nor its
// hash) and no ID number. And every public view — registers, entries, 公示, organisations'
// public entries, public profiles — shows ID numbers only masked (110105********002X), never whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Client, DEMO_PASSWORD, example, freshDatabaseUrl, isPostgres, tinyPdf } from './helpers/app.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { makeFixtureRoot } from './helpers/fixture-root.js';
import { spawnServer, type ServerProcess } from './helpers/server-process.js';
import { AREA_ID, COMMITTEE, createDraft, decideOk, submit, uploadFiles } from './helpers/filings-b.js';
import { added, exampleOf, freshId } from './helpers/registers.js';
import committeeSchema from '../forms/committee-filing.schema.json';
import enterpriseSchema from '../forms/enterprise-filing.schema.json';
import personnelSchema from '../forms/personnel.schema.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc
const DEV_CODE = '91440605MA4X1A2BXD';
const DEV_PASSWORD = 'Kaifa#Secret2026';
const DEV_NEW_PASSWORD = 'Kaifa#Renewed2027';
const WRONG_PASSWORD = 'Wrong#Guess-7731';
const OWNER_ID = '11010519491231002X';
const OWNER_PASSWORD = 'Owner@Secret2026';
const MEMBER_IDS: string[] = (example(committeeSchema).members as Json[]).map((m) => m.idNumber);
const COMPANY = '91440604MA51C3XK4K';
const LEGAL_REPRESENTATIVE_ID: string = example(enterpriseSchema).legalRepresentative.idNumber;
const STAFF_ID = freshId('19900307', true);
const ID_NUMBERS = [...new Set([OWNER_ID, ...MEMBER_IDS, LEGAL_REPRESENTATIVE_ID, STAFF_ID])];

let root: string;
let db: { url: string; drop(): Promise<void> };
let server: ServerProcess;
/** Every session token the server handed out in this file. */
const tokens: string[] = [];

beforeAll(async () => {
  root = makeFixtureRoot();
  db = await freshDatabaseUrl();
  // Logging as in production (LOG_LEVEL defaults to info); stdout and stderr are kept.
  server = await spawnServer({ databaseUrl: db.url, root, capture: true, env: { LOG_LEVEL: 'info' } });
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await db?.drop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function login(username: string, password: string): Promise<Client> {
  const c = new Client(server.url);
  const res = await c.post('/api/auth/login', { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  tokens.push(c.cookie.replace('beian_sid=', ''));
  return c;
}

describe('日志中没有秘密', () => {
  it('registration, logins, a password change, uploads, an owner and a committee filing leave no password, token or ID number in the log', async () => {
    const anon = new Client(server.url);
    const reg = await anon.post('/api/auth/register', {
      orgType: 'developer', password: DEV_PASSWORD, agreementAccepted: true, uscc: DEV_CODE, name: '佛山市保密置业有限公司',
      legalRepresentative: '张三', contactPerson: '张三', mobile: '13800138000', address: '佛山市禅城区', district: '440604',
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const developer = await login(DEV_CODE, DEV_PASSWORD);
    expect((await anon.post('/api/auth/login', { username: DEV_CODE, password: WRONG_PASSWORD })).status).toBe(401);
    expect((await anon.post('/api/auth/login', { username: OWNER_ID, password: WRONG_PASSWORD })).status).toBe(401);
    expect((await developer.upload('营业执照.pdf', tinyPdf('license'))).status).toBe(201);
    expect((await developer.post('/api/me/password', { oldPassword: DEV_PASSWORD, newPassword: DEV_NEW_PASSWORD })).status).toBe(200);
    await login(DEV_CODE, DEV_NEW_PASSWORD);

    // An owner registers with the ID number (also the login name) and logs in with it.
    const owner = await anon.post('/api/auth/register', {
      orgType: 'owner', areaId: AREA_ID, building: '1栋', unit: '1单元', room: '101', name: '张伟', idNumber: OWNER_ID,
      mobile: '13622223333', password: OWNER_PASSWORD, agreementAccepted: true,
    });
    expect(owner.status, JSON.stringify(owner.body)).toBe(201);
    const ownerClient = await login(OWNER_ID, OWNER_PASSWORD);
    expect((await ownerClient.get('/api/me')).status).toBe(200);

    // The committee files its members (ID numbers in the body), checked, submitted, accepted, approved.
    const committee = await login(COMMITTEE, DEMO_PASSWORD);
    const [notice, minutes] = await uploadFiles(committee, '选举结果公告.pdf', '会议记录.pdf');
    const data = { ...example(committeeSchema), attachments: { electionNotice: [notice], meetingMinutes: [minutes] } };
    expect((await committee.post('/api/types/committee-filing/check', { data })).body.ok).toBe(true);
    const draft = await createDraft(committee, 'committee-filing', data);
    expect((await submit(committee, draft)).status).toBe(200);
    await decideOk(await login('clerk1', DEMO_PASSWORD), draft.number, 'ACCEPT', { opinion: '受理。' });
    const approved = await decideOk(await login('reviewer1', DEMO_PASSWORD), draft.number, 'APPROVE', { opinion: '同意。' });
    expect(approved.status).toBe('closed');
    // A property company files its enterprise information (the legal representative's ID number) and a staff member.
    const company = await login(COMPANY, DEMO_PASSWORD);
    const [license] = await uploadFiles(company, '营业执照.pdf');
    const filed = await submit(company, await createDraft(company, 'enterprise-filing', {}), { ...example(enterpriseSchema), attachments: { businessLicense: [license] } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await added(company, 'personnel', exampleOf(personnelSchema, { name: '工程师甲', idNumber: STAFF_ID, birthDate: '1990-03-07', sex: '男', staffCategory: '专业技术人员', qualification: '中级职称' }));
    // Failures are logged too: an unknown route, a refused form.
    expect((await committee.get('/api/no-such-route')).status).toBe(404);
    expect((await committee.post('/api/cases', { type: 'committee-filing', data: { members: [{ idNumber: OWNER_ID, name: 1 }] } })).status).toBe(400);
    expect((await developer.post('/api/auth/logout')).status).toBe(200);

    await new Promise((r) => setTimeout(r, 300)); // let the last log lines reach the pipe
    const log = server.output();
    // Logging was on: the requests are there.
    expect(log).toMatch(/"url":"\/api\/auth\/login"/);
    expect(log).toMatch(/"url":"\/api\/cases"/);
    expect(tokens.length).toBeGreaterThanOrEqual(6);
    for (const secret of [DEV_PASSWORD, DEV_NEW_PASSWORD, WRONG_PASSWORD, OWNER_PASSWORD, DEMO_PASSWORD]) {
      expect(log.includes(secret), `a password in the log: ${secret}`).toBe(false);
    }
    for (const token of tokens) {
      expect(log.includes(token), 'a session token in the log').toBe(false);
      expect(log.includes(createHash('sha256').update(token).digest('hex')), 'a session id (token hash) in the log').toBe(false);
    }
    expect(log).not.toContain('scrypt$');
    for (const id of ID_NUMBERS) expect(log.includes(id), `an ID number in the log: ${id}`).toBe(false);
  });
});

describe('数据库出错时的日志', () => {
  it.skipIf(!isPostgres())('a database failure is logged with its message and stack but without the SQL or values it carries (PostgreSQL only: the failure is made by cutting its connection)', async () => {
    const direct = new URL(db.url);
    const proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await proxy.listen());
    const behind = await spawnServer({ databaseUrl: proxied.toString(), root, capture: true, env: { LOG_LEVEL: 'info', BEIAN_DB_QUERY_TIMEOUT_MS: '2000' } });
    try {
      const committee = new Client(behind.url);
      expect((await committee.post('/api/auth/login', { username: COMMITTEE, password: DEMO_PASSWORD })).status).toBe(200);
      const token = committee.cookie.replace('beian_sid=', '');
      // Open pooled connections, so the failures below happen inside queries (where errors carry SQL).
      await Promise.all(Array.from({ length: 4 }, () => committee.get('/api/me')));
      // The database stops answering: the session lookup (by the token's hash), the rules over the
      // members' ID numbers and a login by ID number fail in SQL.
      proxy.freeze();
      const failed = await Promise.all([
        committee.get('/api/me'),
        committee.post('/api/types/committee-filing/check', { data: example(committeeSchema) }),
        new Client(behind.url).post('/api/auth/login', { username: OWNER_ID, password: OWNER_PASSWORD }),
      ]);
      expect(failed.map((r) => r.status)).toEqual([503, 503, 503]);
      await proxy.restore();
      await new Promise((r) => setTimeout(r, 300));
      const log = behind.output();
      expect(log, 'the failures were logged').toMatch(/"level":50.*DB_UNAVAILABLE/);
      expect(log).not.toMatch(/"sql"|"parameters"|SELECT |INSERT |UPDATE /);
      expect(log.includes(token)).toBe(false);
      expect(log.includes(createHash('sha256').update(token).digest('hex')), 'the session id is not logged').toBe(false);
      for (const id of ID_NUMBERS) expect(log.includes(id), `an ID number in the log: ${id}`).toBe(false);
      for (const secret of [OWNER_PASSWORD, DEMO_PASSWORD]) expect(log.includes(secret)).toBe(false);
    } finally {
      await behind.kill();
      await proxy.close();
    }
  });
});

describe('公开页面中的身份证号码已遮蔽', () => {
  it('no /api/public/* answer carries a whole ID number; masked forms may appear', async () => {
    const admin = await login('admin', DEMO_PASSWORD);
    const spec = (await admin.get('/docs/json')).body as Json;
    const publicGets = Object.entries(spec.paths as Record<string, Json>)
      .filter(([p, ops]) => p.startsWith('/api/public/') && ops.get)
      .map(([p]) => p);
    expect(publicGets.length).toBeGreaterThanOrEqual(5);

    // Values for every path parameter: every register (public or not), entry, case, organisation and profile there is.
    const registers = [...new Set([
      ...((await admin.get('/api/public/registers')).body.registers as Json[]).map((r) => r.name as string),
      ...fs.readdirSync(`${root}/registers`).map((f) => f.replace(/\.json$/, '')),
    ])];
    const entryIds = new Set<number>();
    for (const r of registers) {
      const list = await admin.get(`/api/public/${r}?pageSize=100`);
      for (const item of list.body?.items ?? []) entryIds.add(item.id);
    }
    for (let id = 1; id <= 40; id++) entryIds.add(id); // non-public entries too (houses hold owners' ID numbers)
    const caseIds = ((await admin.get('/api/cases?pageSize=100')).body.items as Json[]).map((c) => c.id as number);
    const orgCodes = [DEV_CODE, COMMITTEE, OWNER_ID, COMPANY, '91440604MA4UJ5RW2R', '91310115MA1H8Q3LXQ'];
    const profiles = (((await admin.get('/api/profiles')).body?.items ?? []) as Json[]).map((p) => p.name as string);
    const values: Record<string, Array<string | number>> = {
      register: registers, id: [...entryIds], caseId: caseIds, code: orgCodes, profile: profiles.length ? profiles : ['enterprise'],
      number: ['YWBA-2026-000001'],
    };

    const expand = (pattern: string): string[] => {
      const m = /\{(\w+)\}/.exec(pattern);
      if (!m) return [pattern];
      const options = values[m[1]];
      expect(options, `a value for {${m[1]}} in ${pattern}`).toBeTruthy();
      return options.flatMap((v) => expand(pattern.replace(m[0], encodeURIComponent(String(v)))));
    };
    const anonymous = new Client(server.url);
    let answered = 0;
    let masked = 0;
    for (const pattern of publicGets) {
      for (const url of expand(pattern)) {
        const res = await anonymous.get(url);
        expect(res.status, `${url}: ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        for (const id of ID_NUMBERS) {
          // Asked about a person by ID number, the portal says nothing it would not say of an unknown
          // number (no lookup of names by ID); anywhere else the number must not appear at all.
          if (url.includes(id)) expect(res.status, `${url} answers about a person: ${text.slice(0, 300)}`).toBe(404);
          else expect(text.includes(id), `${url} shows the ID number ${id}: ${text.slice(0, 300)}`).toBe(false);
        }
        if (res.status === 200) answered++;
        if (/\d{6}\*{8}\d{3}[\dX]/.test(text)) masked++;
      }
    }
    expect(answered).toBeGreaterThan(10);
    // The enterprise page shows the legal representative's ID number, masked.
    const profile = JSON.stringify((await anonymous.get(`/api/public/profiles/enterprise/${COMPANY}`)).body);
    expect(profile).toContain(`${LEGAL_REPRESENTATIVE_ID.slice(0, 6)}********${LEGAL_REPRESENTATIVE_ID.slice(-4)}`);
    expect(masked).toBeGreaterThan(0);
    console.log(`secrets: ${answered} public answers checked, ${masked} with masked ID numbers`);
  });
});
