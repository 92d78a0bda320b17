// Who sees what: a case belongs to its applicant organisation and, once submitted, to the
// department of its district. Everyone else learns nothing about it (404, not 403), anonymous
// callers get 401 on everything but the public portal, and a task moves only between colleagues
// of the same role and district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import { COMPANY, DEVELOPER, draftArea, fileArea, findTask, taskOf } from './helpers/filings.js';

let app: TestApp;
let developer: Client;
let company: Client;
let clerk1: Client;
let clerk2: Client;

beforeAll(async () => {
  app = await startTestApp();
  [developer, company, clerk1, clerk2] = await Promise.all([DEVELOPER, COMPANY, 'clerk1', 'clerk2'].map((u) => app.login(u)));
});
afterAll(async () => { await app?.close(); });

const ids = (res: { body: { items: Array<{ id: number }> } }) => res.body.items.map((c) => c.id);
const expectNotFound = (res: { status: number; body: { error: { code: string } } }) => {
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('NOT_FOUND');
};

describe('辖区与机构范围', () => {
  it('a clerk of another district does not see the case, its task, or act on it', async () => {
    const filed = await fileArea(developer);
    // The district's own clerk does.
    expect(ids(await clerk1.get('/api/cases'))).toContain(filed.id);
    const task = await taskOf(clerk1, filed.number);

    expect(ids(await clerk2.get('/api/cases'))).not.toContain(filed.id);
    expect((await clerk2.get(`/api/cases?q=${filed.number}`)).body.total).toBe(0);
    expectNotFound(await clerk2.get(`/api/cases/${filed.id}`));
    expect(await findTask(clerk2, filed.number)).toBeUndefined();
    expect((await clerk2.get('/api/tasks')).body.items.map((t: { id: number }) => t.id)).not.toContain(task.id);
    expectNotFound(await clerk2.post(`/api/tasks/${task.id}/claim`));
    expectNotFound(await clerk2.post(`/api/tasks/${task.id}/release`));
    expectNotFound(await clerk2.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: {} }));
    expectNotFound(await clerk2.post(`/api/cases/${filed.id}/events`, { event: 'ACCEPT', version: filed.version }));

    const after = await clerk1.get(`/api/cases/${filed.id}`);
    expect(after.body).toMatchObject({ state: 'submitted', version: filed.version });
    expect(after.body.tasks.find((t: { id: number }) => t.id === task.id).assigneeId).toBeNull();
  });

  it('another applicant organisation gets 404 on the case and cannot edit it or send it events', async () => {
    const draft = await draftArea(developer);
    expectNotFound(await company.get(`/api/cases/${draft.id}`));
    expect(ids(await company.get('/api/cases'))).not.toContain(draft.id);
    expectNotFound(await company.patch(`/api/cases/${draft.id}`, { data: { projectName: '被篡改' }, version: draft.version }));
    expectNotFound(await company.post(`/api/cases/${draft.id}/events`, { event: 'SUBMIT', version: draft.version }));

    const filed = await fileArea(developer);
    expectNotFound(await company.get(`/api/cases/${filed.id}`));
    expectNotFound(await company.post(`/api/cases/${filed.id}/events`, { event: 'WITHDRAW', version: filed.version }));

    const mine = await developer.get(`/api/cases/${draft.id}`);
    expect(mine.body).toMatchObject({ state: 'draft', version: draft.version, title: draft.title });
  });

  it('a draft is invisible to the clerks until it is submitted', async () => {
    const draft = await draftArea(developer);
    expect(ids(await clerk1.get('/api/cases'))).not.toContain(draft.id);
    expectNotFound(await clerk1.get(`/api/cases/${draft.id}`));
    expect(await findTask(clerk1, draft.number)).toBeUndefined();

    const submitted = await developer.post(`/api/cases/${draft.id}/events`, { event: 'SUBMIT', version: draft.version });
    expect(submitted.status).toBe(200);
    expect(ids(await clerk1.get('/api/cases'))).toContain(draft.id);
    expect((await clerk1.get(`/api/cases/${draft.id}`)).body.state).toBe('submitted');
    expect((await taskOf(clerk1, draft.number)).title).toBe('窗口受理');
  });

  it('the applicant cannot complete or claim the clerk\'s task', async () => {
    const filed = await fileArea(developer);
    const task = await taskOf(clerk1, filed.number);
    const complete = await developer.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '自己受理' } });
    expect([403, 404]).toContain(complete.status);
    const claim = await developer.post(`/api/tasks/${task.id}/claim`);
    expect([403, 404]).toContain(claim.status);
    // Nor by sending the clerk's event as an applicant event.
    const event = await developer.post(`/api/cases/${filed.id}/events`, { event: 'ACCEPT', version: filed.version });
    expect([403, 409]).toContain(event.status);
    const after = await developer.get(`/api/cases/${filed.id}`);
    expect(after.body).toMatchObject({ state: 'submitted', version: filed.version });
    expect(after.body.actions).toEqual([]);
  });
});

describe('转办', () => {
  it('a task goes to a colleague of the same role and district, who then has it as theirs; nobody else', async () => {
    const filed = await fileArea(developer);
    const task = await taskOf(clerk1, filed.number);
    expect((await clerk1.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);

    for (const other of ['clerk2', 'reviewer1', DEVELOPER, 'nobody']) {
      const refused = await clerk1.post(`/api/tasks/${task.id}/reassign`, { username: other });
      expect(refused.status, other).toBe(422);
      expect(refused.body.error.code).toBe('RULE_VIOLATION');
      expect(refused.body.error.message).toContain('同事');
    }
    const clerk1b = await app.login('clerk1b');
    expect((await clerk1b.get('/api/tasks?mine=true')).body.items).toHaveLength(0);

    const handed = await clerk1.post(`/api/tasks/${task.id}/reassign`, { username: 'clerk1b' });
    expect(handed.status).toBe(200);
    const theirs = await clerk1b.get('/api/tasks?mine=true');
    expect(theirs.body.items.map((t: { id: number }) => t.id)).toEqual([task.id]);
    expect((await clerk1.get('/api/tasks?mine=true')).body.items.map((t: { id: number }) => t.id)).not.toContain(task.id);
    // clerk2 still sees nothing of it.
    expect(await findTask(clerk2, filed.number)).toBeUndefined();

    const accepted = await clerk1b.post(`/api/tasks/${task.id}/complete`, { event: 'ACCEPT', data: { opinion: '予以受理。' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.history.at(-1)).toMatchObject({ event: 'ACCEPT', actorName: expect.stringContaining('周洁') });
  });
});

describe('未登录', () => {
  // The portal's own endpoints (GET /api/roles titles the login tabs); everything else under /api
  // needs a login. Logout is idempotent: without a session it has nothing to end and answers ok (it
  // only clears a stale cookie).
  const PUBLIC = [
    'GET /api/health', 'GET /api/districts', 'GET /api/roles', 'POST /api/auth/login', 'POST /api/auth/register', 'GET /api/auth/registration-types',
    'POST /api/auth/logout',
  ];
  const isPublic = (method: string, path: string) => PUBLIC.includes(`${method} ${path}`) || path.startsWith('/api/public/');

  /** A request body that passes the route's schema, so only the missing login can refuse it. */
  function plausibleBody(schema: { required?: string[]; properties?: Record<string, { type?: string }> } | undefined) {
    const body: Record<string, unknown> = {};
    for (const name of schema?.required ?? []) {
      const type = schema?.properties?.[name]?.type;
      body[name] = type === 'integer' || type === 'number' ? 1 : type === 'object' ? {} : type === 'boolean' ? true : 'X';
    }
    return body;
  }

  it('every API route answers 401 without a login, except the public portal', async () => {
    const anonymous = app.client();
    const filed = await fileArea(developer);
    const doc = (await anonymous.get('/docs/json')).body as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: never }> } }>> };
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const m = method.toUpperCase();
        const url = path.replace('{id}', String(filed.id)).replace(/\{[^}]+\}/g, 'areas');
        const json = op.requestBody?.content?.['application/json'];
        const res = await anonymous.request(m, url, json ? plausibleBody(json.schema) : m === 'GET' ? undefined : {});
        // Public routes may refuse the dummy input (a login with user X fails), but never ask for a login.
        if (isPublic(m, path)) expect(res.body?.error?.code, `${m} ${path}`).not.toBe('UNAUTHENTICATED');
        else {
          expect(res.status, `${m} ${path}: ${JSON.stringify(res.body)}`).toBe(401);
          expect(res.body.error.code).toBe('UNAUTHENTICATED');
        }
        checked.push(`${m} ${path}`);
      }
    }
    // The walk covered the contract, not an empty document.
    expect(checked).toEqual(expect.arrayContaining([
      'GET /api/me', 'GET /api/types', 'GET /api/types/{id}', 'POST /api/cases', 'GET /api/cases', 'GET /api/cases/{id}',
      'PATCH /api/cases/{id}', 'POST /api/cases/{id}/events', 'GET /api/tasks', 'POST /api/tasks/{id}/claim',
      'POST /api/tasks/{id}/complete', 'POST /api/files', 'POST /api/auth/logout', ...PUBLIC,
    ]));
    expect((await anonymous.get('/api/public/areas')).status).toBe(200);
    expect((await anonymous.get('/api/health')).status).toBe(200);
    // The case is untouched.
    expect((await developer.get(`/api/cases/${filed.id}`)).body).toMatchObject({ state: 'submitted', version: filed.version });
  });
});
