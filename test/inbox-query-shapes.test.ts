// The inbox and case-list queries are built from per-branch, index-ordered SQL (tasks.ts, views.ts,
// access.ts). They must answer exactly what the plain Sequelize queries they replaced answered —
// same items, same order, same totals, same scoping — on both databases. The reference
// implementations below are those former queries, run over random data made to hit the edges:
// overlapping scope branches (an applicant with district / any tasks of its own organisation), NULL
// due dates, equal due dates and update times, drafts, done and cancelled tasks, tasks completed by
// or assigned to the caller, tasks of an organisation in a role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op, literal, type WhereOptions } from 'sequelize';
import { startTestApp, type TestApp } from './helpers/app.js';
import type { Engine } from '../engine/context.js';
import type { SessionUser } from '../engine/auth/sessions.js';
import { caseListWhere, canSeeCase, listCases, listInbox, type CaseListQuery, type InboxQuery } from '../engine/runtime/index.js';
import { loadSessionUser, createSession } from '../engine/auth/index.js';

let app: TestApp;
let engine: Engine;

// A small deterministic random generator: the same data on every run.
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

const ORG_A = 900001, ORG_B = 900002, ORG_C = 900003;
const users: SessionUser[] = [
  { id: 990001, username: 'x-admin', role: 'admin', orgId: null, district: null, street: null, displayName: 'a' },
  { id: 990002, username: 'x-clerk', role: 'clerk', orgId: null, district: '440604', street: null, displayName: 'c' },
  { id: 990003, username: 'x-reviewer', role: 'reviewer', orgId: null, district: '440605', street: null, displayName: 'r' },
  { id: 990004, username: 'x-applicant', role: 'applicant', orgId: ORG_A, district: '440604', street: null, displayName: 'p' },
  { id: 990005, username: 'x-company', role: 'company', orgId: ORG_B, district: '440605', street: null, displayName: 'b' },
  { id: 990006, username: 'x-orgclerk', role: 'clerk', orgId: ORG_B, district: '440604', street: null, displayName: 'oc' },
  { id: 990007, username: 'x-loner', role: 'inspector', orgId: null, district: null, street: null, displayName: 'l' },
  { id: 990008, username: 'x-applicant-c', role: 'applicant', orgId: ORG_C, district: null, street: null, displayName: 'pc' },
];
const userIds = users.map((u) => u.id);
let numbers: string[] = [];
let typeVersion = 1;

beforeAll(async () => {
  app = await startTestApp();
  engine = app.engine;
  const { Case, Task, TypeVersion } = engine.db.models;
  typeVersion = (await TypeVersion.findOne({ where: { typeId: 'area-filing' }, order: [['version', 'DESC']], raw: true }))!.version as number;
  const base = Date.UTC(2026, 0, 1);
  const times = Array.from({ length: 25 }, (_, i) => new Date(base + i * 3600_000)); // few distinct times: ties
  const cases = Array.from({ length: 300 }, (_, i) => {
    const n = `ZQX-2026-${String(i + 1).padStart(6, '0')}`;
    const t = pick(times);
    return {
      number: n, typeId: 'area-filing', typeVersion, title: pick(['花园小区', '滨江 物业', '测试_标题', null, '花园 二期']), state: pick(['draft', 'submitted', 'accepted']),
      status: pick(['draft', 'active', 'active', 'closed']), data: {}, snapshot: {}, flags: [],
      orgId: pick([ORG_A, ORG_B, ORG_C, 123, null]), district: pick(['440604', '440605', null]), search: pick(['abc', null]),
      tags: pick(['|area:5|', '|area:6|', null]), createdAt: t, updatedAt: t,
    };
  });
  // Enough cases of one organisation for its list count to stop at the cap.
  for (let i = 0; i < 1030; i++) {
    cases.push({
      number: `ZQY-2026-${String(i + 1).padStart(6, '0')}`, typeId: 'area-filing', typeVersion, title: 'cap', state: 'draft', status: 'draft',
      data: {}, snapshot: {}, flags: [], orgId: 900009, district: '440605', search: null, tags: null, createdAt: times[0], updatedAt: times[0],
    });
  }
  await Case.bulkCreate(cases);
  const rows = await Case.findAll({ where: { number: { [Op.like]: 'ZQX-%' } }, attributes: ['id', 'number', 'orgId', 'district'], raw: true });
  numbers = rows.map((r) => r.number as string);
  const tasks: Record<string, unknown>[] = [];
  for (const c of rows) {
    for (let k = Math.floor(rnd() * 4); k > 0; k--) {
      const status = pick(['open', 'open', 'done', 'cancelled']);
      tasks.push({
        caseId: c.id, typeId: 'area-filing', state: pick(['submitted', 'accepted', 'fill']), name: 't', title: 'T', events: {},
        role: pick(['applicant', 'clerk', 'reviewer', 'company', 'inspector']), scope: pick(['district', 'org', 'any', 'street']),
        district: pick([c.district, '440604', '440605', null]), orgId: pick([c.orgId, ORG_A, ORG_B, null]),
        assigneeId: pick([null, null, ...userIds]), status, dueAt: pick([null, ...times.slice(0, 8), new Date(Date.now() + 86400_000)]),
        completedBy: status === 'open' ? null : pick([null, ...userIds]),
      });
    }
  }
  // Enough open tasks of one district's inspectors for the inbox count to stop at its cap.
  const capCases = await Case.findAll({ where: { number: { [Op.like]: 'ZQY-%' } }, attributes: ['id'], raw: true });
  for (const [i, c] of capCases.entries()) {
    tasks.push({
      caseId: c.id, typeId: 'area-filing', state: 'submitted', name: 't', title: 'T', events: {}, role: 'inspector', scope: 'district',
      district: '440699', orgId: null, assigneeId: null, status: 'open', dueAt: times[i % times.length], completedBy: null,
    });
  }
  await Task.bulkCreate(tasks);
}, 120_000);
afterAll(async () => { await app?.close(); });

const NUMBER_EXACT = /^[A-Z]{2,8}-\d{4}-\d{6}$/;
const NUMBER_PREFIX = /^[A-Z]{2,8}-\d{4}-\d{1,5}$/;

/** The former listInbox (one Sequelize findAndCountAll), with the number search as it is now. */
async function referenceInbox(user: SessionUser, query: InboxQuery) {
  const { Task, Case } = engine.db.models;
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const caseWhere: Record<string | symbol, unknown> = {};
  if (query.type) caseWhere.typeId = query.type;
  if (query.q) {
    const q = query.q.trim();
    if (NUMBER_EXACT.test(q)) caseWhere.number = q;
    else if (NUMBER_PREFIX.test(q)) caseWhere.number = { [Op.startsWith]: q };
    else {
      const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      caseWhere[Op.or] = [{ number: { [Op.like]: like } }, { title: { [Op.like]: like } }];
    }
  }
  const or: WhereOptions[] = [];
  if (user.orgId) or.push({ role: 'applicant', orgId: user.orgId });
  if (user.district) or.push({ role: user.role, scope: 'district', district: user.district });
  if (user.orgId) or.push({ role: user.role, scope: 'org', orgId: user.orgId });
  or.push({ role: user.role, scope: 'any' });
  const where: Record<string | symbol, unknown> = { [Op.and]: [{ status: 'open', [Op.or]: or }] };
  if (query.state) where.state = query.state;
  if (query.overdue) where.dueAt = { [Op.lt]: new Date() };
  if (query.mine) where.assigneeId = user.id;
  const { rows, count } = await Task.findAndCountAll({
    where,
    include: [{ model: Case as never, as: 'case', where: caseWhere, required: true, attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'version', 'district', 'orgId', 'flags', 'submittedAt'] }],
    order: [['dueAt', 'ASC'], ['id', 'ASC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true, nest: true,
  });
  return { total: count, ids: rows.map((r) => r.id as number), rows };
}

/** The former listCases (one findAndCountAll over caseListWhere, whose visibility is caseVisibilityWhere). */
async function referenceList(user: SessionUser, query: CaseListQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const { rows, count } = await engine.db.models.Case.findAndCountAll({
    where: caseListWhere(engine.registry.roles, user, query),
    attributes: ['id', 'number', 'typeId', 'typeVersion', 'title', 'state', 'status', 'district', 'orgId', 'version', 'flags', 'createdAt', 'updatedAt', 'submittedAt', 'closedAt'],
    order: [['updatedAt', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true,
  });
  return { total: count, ids: rows.map((r) => r.id as number), rows };
}

/** The former canSeeCase: a count over caseVisibilityWhere, then the task query. */
async function referenceCanSee(user: SessionUser, caseId: number) {
  const { Case, Task } = engine.db.models;
  let visible: WhereOptions = {};
  if (user.role !== 'admin') {
    const or: WhereOptions[] = [];
    if (user.orgId) or.push({ orgId: user.orgId });
    if (['clerk', 'reviewer'].includes(user.role) && user.district) or.push({ district: user.district, status: { [Op.ne]: 'draft' } });
    const byOrg = user.orgId ? ` OR (org_id = ${Number(user.orgId)} AND role = '${user.role}')` : '';
    or.push({ id: { [Op.in]: literal(`(SELECT case_id FROM tasks WHERE assignee_id = ${Number(user.id)} OR completed_by = ${Number(user.id)}${byOrg})`) } });
    visible = { [Op.or]: or };
  }
  if ((await Case.count({ where: { [Op.and]: [{ id: caseId }, visible] } })) > 0) return true;
  const or: WhereOptions[] = [{ assigneeId: user.id }, { completedBy: user.id }, { role: user.role, scope: 'any' }];
  if (user.orgId) or.push({ orgId: user.orgId, role: user.role });
  return (await Task.count({ where: { caseId, [Op.or]: or } })) > 0;
}

const inboxQueries = (): InboxQuery[] => [
  {}, { pageSize: 5 }, { page: 2, pageSize: 5 }, { page: 4, pageSize: 3 }, { pageSize: 100 }, { page: 50 },
  { type: 'area-filing' }, { type: 'nope' }, { state: 'submitted' }, { overdue: true }, { mine: true }, { overdue: true, state: 'fill', pageSize: 7 },
  { q: numbers[3] }, { q: ` ${numbers[10]} ` }, { q: 'ZQX-2026-0000' }, { q: 'ZQX-2026-00001' }, { q: '花园' }, { q: '_' }, { q: 'zqx-2026' },
  { q: numbers[20], type: 'area-filing', mine: false },
];
const listQueries = (): CaseListQuery[] => [
  {}, { pageSize: 7 }, { page: 3, pageSize: 7 }, { pageSize: 100 }, { page: 99 }, { status: 'active' }, { status: 'draft' }, { type: 'area-filing', status: 'closed' },
  { state: 'submitted' }, { q: numbers[5] }, { q: 'ZQX-2026-0001' }, { q: '花园' }, { q: 'abc' }, { q: '%' }, { filter: 'area:5' }, { filter: ['area:5', 'area:6'] },
  { q: 'zqx-2026-000001' },
];

describe('inbox and case lists: the index-ordered queries answer what the plain queries did', () => {
  it('the inbox: same tasks, same order, same total, same fields, for every kind of caller', async () => {
    let compared = 0;
    for (const user of users) {
      for (const query of inboxQueries()) {
        const [got, want] = await Promise.all([listInbox(engine, user, query), referenceInbox(user, query)]);
        const label = `${user.username} ${JSON.stringify(query)}`;
        expect((got.items as unknown as Array<{ id: number }>).map((t) => t.id), label).toEqual(want.ids);
        const cap = ((query.page ?? 1) - 1) * Math.min(query.pageSize ?? 20, 100) + 1000;
        if (want.total > cap) expect(got, label).toMatchObject({ total: cap, totalCapped: true });
        else {
          expect(got.total, label).toBe(want.total);
          expect(got, label).not.toHaveProperty('totalCapped');
        }
        expect(got.items.map(({ typeTitle: _t, overdue: _o, case: { columns: _c, ...c }, ...t }) => ({ ...t, case: c })), label).toEqual(want.rows); // list columns: case-list-columns.test.ts
        compared += got.items.length;
      }
    }
    expect(compared).toBeGreaterThan(200);
  }, 120_000);

  it('case lists: same cases, same order, same total below the cap, for every kind of caller', async () => {
    let compared = 0;
    for (const user of users) {
      for (const query of listQueries()) {
        const [got, want] = await Promise.all([listCases(engine, user, query), referenceList(user, query)]);
        const label = `${user.username} ${JSON.stringify(query)}`;
        expect((got.items as unknown as Array<{ id: number }>).map((c) => c.id), label).toEqual(want.ids);
        const pageSize = Math.min(query.pageSize ?? 20, 100);
        const cap = ((query.page ?? 1) - 1) * pageSize + 1000;
        if (want.total > cap) expect(got, label).toMatchObject({ total: cap, totalCapped: true });
        else {
          expect(got.total, label).toBe(want.total);
          expect(got, label).not.toHaveProperty('totalCapped');
        }
        expect(got.items.map(({ typeTitle: _t, stateTitle: _s, columns: _c, ...c }) => c), label).toEqual(want.rows);
        compared += got.items.length;
      }
    }
    expect(compared).toBeGreaterThan(200);
  }, 120_000);

  it('an inbox count past the cap says so, and the pager still reaches the later pages', async () => {
    const user: SessionUser = { id: 990010, username: 'x-inspector', role: 'inspector', orgId: null, district: '440699', street: null, displayName: 'i' };
    const first = await listInbox(engine, user, {});
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    const want = await referenceInbox(user, {});
    expect(want.total).toBeGreaterThan(1030); // the district's 1,030 and the inspectors' tasks of scope any
    expect((first.items as unknown as Array<{ id: number }>).map((t) => t.id)).toEqual(want.ids);
    // The last page: within the cap past its offset, so the count is exact again.
    const lastPage = Math.ceil(want.total / 100);
    const last = await listInbox(engine, user, { page: lastPage, pageSize: 100 });
    expect(last).toMatchObject({ total: want.total });
    expect(last).not.toHaveProperty('totalCapped');
    const wantLast = await referenceInbox(user, { page: lastPage, pageSize: 100 });
    expect((last.items as unknown as Array<{ id: number }>).map((t) => t.id)).toEqual(wantLast.ids);
    expect(last.items).toHaveLength(want.total - (lastPage - 1) * 100);
  });

  it('a count past the cap says so, and the pager still reaches the later pages', async () => {
    const user: SessionUser = { id: 990009, username: 'x-cap', role: 'applicant', orgId: 900009, district: null, street: null, displayName: 'cap' };
    const first = await listCases(engine, user, {});
    expect(first).toMatchObject({ total: 1000, totalCapped: true, page: 1, pageSize: 20 });
    const later = await listCases(engine, user, { page: 51, pageSize: 20 });
    expect(later.items).toHaveLength(20);
    // Past the first 1,000 the count runs again from the page on: here it reaches the end, exact.
    expect(later.total).toBe(1030);
    expect(later).not.toHaveProperty('totalCapped');
    const last = await listCases(engine, user, { page: 11, pageSize: 100 });
    expect(last.items).toHaveLength(30);
    expect(last.total).toBe(1030);
    expect(last).not.toHaveProperty('totalCapped');
    expect(((await listCases(engine, user, { status: 'draft', q: 'ZQY-2026-001030' })).items as unknown as Array<{ number: string }>).map((c) => c.number)).toEqual(['ZQY-2026-001030']);
  }, 60_000);

  it('canSeeCase answers as before for every caller and case (and for a case that does not exist)', async () => {
    const ids = (await engine.db.models.Case.findAll({ where: { number: { [Op.like]: 'ZQX-%' } }, attributes: ['id'], raw: true })).map((r) => r.id as number);
    for (const user of users) {
      for (const id of [...ids.slice(0, 120), 99999999]) {
        expect(await canSeeCase(engine.db, engine.registry.roles, user, id), `${user.username} case ${id}`).toBe(await referenceCanSee(user, id));
      }
    }
  }, 120_000);

  it('a session loads its user in one query; an expired session or an inactive user loads nothing', async () => {
    const { User, Session } = engine.db.models;
    const clerk = (await User.findOne({ where: { username: 'clerk1' }, raw: true }))!;
    const { token } = await createSession(engine, clerk.id as number);
    expect(await loadSessionUser(engine, token)).toEqual({
      id: clerk.id, username: 'clerk1', role: clerk.role, orgId: clerk.orgId ?? null, district: clerk.district ?? null, street: clerk.street ?? null, displayName: clerk.displayName,
    });
    expect(await loadSessionUser(engine, 'nope')).toBeNull();
    expect(await loadSessionUser(engine, undefined)).toBeNull();
    await User.update({ active: false }, { where: { id: clerk.id } });
    expect(await loadSessionUser(engine, token)).toBeNull();
    await User.update({ active: true }, { where: { id: clerk.id } });
    expect(await loadSessionUser(engine, token)).not.toBeNull();
    await Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: {} });
    expect(await loadSessionUser(engine, token)).toBeNull();
  });
});
