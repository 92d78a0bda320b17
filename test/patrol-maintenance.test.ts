// 巡检 and 维保: a company's plans (an area or a facility, a period, a checklist) create the due work
// themselves on durable timers — one record at once, then one each period, each a task due by the
// next period that shows as overdue in the company's inbox when missed; plans can be paused,
// resumed and stopped. A patrol record with an abnormal item opens a 报修 for that facility in the
// same step. Elevators are maintained at least every 15 days. Periods here count in seconds (a
// test version of each type is published with the unit "second"); that nothing comes after a
// pause or a stop is checked by looking past the period on the engine's clock, not by sleeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../engine/clock.js';
import { startTestApp, type Client, type TestApp } from './helpers/app.js';
import facilitySchema from '../forms/facility.schema.json';
import patrolPlanSchema from '../forms/patrol-plan.schema.json';
import maintenancePlanSchema from '../forms/maintenance-plan.schema.json';
import {
  AREA_ID, COMPANY, OTHER_COMPANY, act, addAndSave, added, delaysInSeconds, errorOn, exampleOf, givenContract, titles, update, waitFor,
} from './helpers/registers.js';
import { daysAgo } from './helpers/filings-a.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
let company: Client;
let other: Client;
let lift: Data; // an elevator of 锦绣花园
let pump: Data; // a water pump of 锦绣花园
// The engine's clock: the system clock, except while firedAfter looks past a period.
let ahead = 0;
const clock: Clock = { now: () => Date.now() + ahead };
beforeAll(async () => {
  app = await startTestApp({}, { clock });
  await givenContract(app, AREA_ID, COMPANY);
  for (const type of ['patrol-plan', 'patrol', 'maintenance-plan', 'maintenance']) await delaysInSeconds(app, type);
  company = await app.login(COMPANY);
  other = await app.login(OTHER_COMPANY);
  lift = await added(company, 'facility', exampleOf(facilitySchema, { code: 'DT-P-01', name: '5栋电梯', building: '5栋', unit: undefined }));
  pump = await added(company, 'facility', exampleOf(facilitySchema, {
    code: 'GS-P-01', name: '5栋生活水泵', category: '供水', building: '5栋', unit: undefined, registrationNumber: undefined, nextInspectionDate: undefined,
  }));
});
afterAll(async () => { await app?.close(); });

/**
 * Fires the timers that would be due `ms` from now, then comes back to the present: the plans of
 * the other steps count their periods in real time, with the records' due dates.
 */
async function firedAfter(ms: number): Promise<number> {
  ahead = ms;
  try {
    return await app.timers.runDue();
  } finally {
    ahead = 0;
  }
}

const recordsOf = async (type: string, plan: Data): Promise<Data[]> =>
  (await company.get(`/api/cases?type=${type}&filter=${encodeURIComponent(`plan:${plan.number}`)}&pageSize=100`)).body.items;

const patrolPlan = (overrides: Data = {}) => exampleOf(patrolPlanSchema, { facilityId: lift.data.entryId, facilityName: '5栋电梯', frequencyDays: 2, ...overrides });
const maintenancePlan = (overrides: Data = {}) => exampleOf(maintenancePlanSchema, { facilityId: lift.data.entryId, facilityName: '5栋电梯', frequencyDays: 2, ...overrides });

describe('巡检计划', () => {
  it('启用后立即生成本期巡检任务，此后每个周期生成一条；逾期未巡检的在待办中显示为逾期；可暂停、恢复、停止', async () => {
    const plan = await added(company, 'patrol-plan', patrolPlan({ name: '5栋电梯日常巡检' }));
    expect(plan.state).toBe('active');
    expect(plan.stateTitle).toBe('执行中');
    const first = await recordsOf('patrol', plan);
    expect(first).toHaveLength(1);
    const record = (await company.get(`/api/cases/${first[0].id}`)).body;
    expect(record.state).toBe('open');
    expect(record.data).toMatchObject({ planNumber: plan.number, planName: '5栋电梯日常巡检', areaId: AREA_ID, facilityId: lift.data.entryId, frequencyDays: 2 });
    expect(record.data.results.map((r: Data) => r.item)).toEqual(['消防通道', '灭火器', '应急照明']);
    const task = record.tasks.find((t: Data) => t.status === 'open');
    const dueIn = new Date(task.dueAt).getTime() - new Date(record.createdAt).getTime();
    expect(dueIn).toBeGreaterThan(1500);
    expect(dueIn).toBeLessThan(2500);

    // The period ends: the next record is created by the durable timer, the first one is overdue.
    await waitFor(async () => (await recordsOf('patrol', plan)).length >= 2, 15_000, 'the second period');
    const overdue = await company.get('/api/tasks?overdue=true&type=patrol&pageSize=100');
    expect(overdue.body.items.map((t: Data) => t.case.number)).toContain(first[0].number);
    expect(overdue.body.items.every((t: Data) => t.overdue)).toBe(true);
    const planView = (await company.get(`/api/cases/${plan.id}`)).body;
    expect(planView.history.filter((h: Data) => h.event.startsWith('xstate.after')).length).toBeGreaterThanOrEqual(1);

    // Paused: the timer is cancelled and no record is created any more.
    const paused = await act(company, plan.id, 'PAUSE', { opinion: '电梯大修期间暂停巡检' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.state).toBe('paused');
    const whilePaused = (await recordsOf('patrol', plan)).length;
    expect(await firedAfter(2600)).toBe(0); // a period (2 s) later
    expect(await recordsOf('patrol', plan)).toHaveLength(whilePaused);
    const pending = await app.engine.db.models.Timer.count({ where: { caseId: plan.id, status: 'pending' } });
    expect(pending).toBe(0);

    // Resumed: this period's record at once; stopped: nothing more.
    const resumed = await act(company, plan.id, 'RESUME');
    expect(resumed.body.state).toBe('active');
    expect(await recordsOf('patrol', plan)).toHaveLength(whilePaused + 1);
    const stopped = await act(company, plan.id, 'STOP', { opinion: '设备已更换，改用新计划' });
    expect(stopped.body.state).toBe('stopped');
    expect(stopped.body.status).toBe('closed');
    expect(await firedAfter(2600)).toBe(0);
    expect(await recordsOf('patrol', plan)).toHaveLength(whilePaused + 1);
  });

  it('巡检记录：逐项填写结果；异常项目提交后自动转为该设施的报修', async () => {
    const plan = await added(company, 'patrol-plan', patrolPlan({ name: '5栋电梯每周巡检', frequencyDays: 300 }));
    const [open] = await recordsOf('patrol', plan);
    const view = (await company.get(`/api/cases/${open.id}`)).body;
    const data = {
      ...view.data, patrolTime: `${daysAgo(0)}T00:00:00+08:00`, inspector: '李建国',
      results: [
        { item: '消防通道', result: '正常' },
        { item: '灭火器', result: '异常' },
        { item: '应急照明', result: '正常' },
      ],
    };
    // An abnormal item needs its explanation, reported at the row.
    const missing = await company.post(`/api/cases/${open.id}/events`, { event: 'RECORD', data, version: view.version });
    expect(missing.status).toBe(400);
    expect(errorOn(missing, '/results/1/note').message).toMatch(/^第 2 行：/);
    // A patrol time in the future is refused.
    const future = await company.post(`/api/cases/${open.id}/events`, {
      event: 'RECORD', data: { ...data, patrolTime: `${daysAgo(-3)}T09:00:00+08:00`, results: data.results.map((r: Data) => ({ ...r, note: '灭火器压力不足，需更换' })) }, version: view.version,
    });
    expect(future.status).toBe(400);
    expect(errorOn(future, '/patrolTime').message).toBe('巡检时间不能晚于今天');

    data.results[1] = { item: '灭火器', result: '异常', note: '5栋电梯厅灭火器压力不足' } as never;
    const hasRepair = !!app.engine.registry.current('repair');
    const recorded = await company.post(`/api/cases/${open.id}/events`, { event: 'RECORD', data, version: view.version });
    if (!hasRepair) {
      // Without the 报修 business on this installation the abnormal item cannot be passed on.
      expect(recorded.status).toBe(422);
      expect(recorded.body.error.message).toContain('repair');
      return;
    }
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.state).toBe('done');
    const underFacility = await company.get(`/api/cases?filter=facility:${lift.data.entryId}&type=repair`);
    expect(underFacility.body.items).toHaveLength(1);
    const repair = (await company.get(`/api/cases/${underFacility.body.items[0].id}`)).body;
    expect(repair.data).toMatchObject({
      areaId: AREA_ID, facilityId: lift.data.entryId, description: '5栋电梯厅灭火器压力不足', location: '公共设施设备', urgency: '一般', sourceNumber: open.number,
    });
    expect(repair.state).toBe('pending.normal');
    // The company dispatches it from its inbox like any repair.
    const inbox = await company.get(`/api/tasks?q=${encodeURIComponent(repair.number)}`);
    expect(inbox.body.items.map((t: Data) => t.name)).toEqual(['dispatch']);
    await act(company, plan.id, 'STOP', { opinion: '测试结束' });
  });

  it('一条记录都正常时不发起报修', async () => {
    const plan = await added(company, 'patrol-plan', patrolPlan({ name: '水泵房巡检', facilityId: pump.data.entryId, facilityName: '5栋生活水泵', frequencyDays: 300, checklist: [{ item: '水泵运行声音' }] }));
    const [open] = await recordsOf('patrol', plan);
    const view = (await company.get(`/api/cases/${open.id}`)).body;
    const done = await company.post(`/api/cases/${open.id}/events`, {
      event: 'RECORD', version: view.version,
      data: { ...view.data, patrolTime: `${daysAgo(1)}T08:00:00+08:00`, inspector: '王师傅', results: [{ item: '水泵运行声音', result: '正常' }] },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await company.get(`/api/cases?filter=facility:${pump.data.entryId}&type=repair`)).body.total).toBe(0);
    await act(company, plan.id, 'STOP', { opinion: '测试结束' });
  });

  it('计划只能选本单位在该物业区域的设施设备；其他企业看不到本企业的计划和记录', async () => {
    const { saved } = await addAndSave(other, 'patrol-plan', patrolPlan({ name: '越权巡检' }));
    expect(saved.status).toBe(400);
    expect(errorOn(saved, '/facilityId').message).toBe('设施设备：所选设施设备不在该物业区域、已报废或不属于本单位');

    const plan = await added(company, 'patrol-plan', patrolPlan({ name: '本单位巡检', frequencyDays: 300 }));
    expect((await other.get(`/api/cases/${plan.id}`)).status).toBe(404);
    expect(titles(await other.get('/api/cases?type=patrol-plan&pageSize=100'))).toEqual(['越权巡检']); // its own refused draft only
    expect((await other.get('/api/cases?type=patrol&pageSize=100')).body.total).toBe(0);
    expect((await other.get('/api/tasks?type=patrol&pageSize=100')).body.total).toBe(0);
    expect((await other.post(`/api/cases/${plan.id}/events`, { event: 'PAUSE', decision: { opinion: '越权' }, version: plan.version })).status).toBe(404);
    // Editing the plan is kept in its history and does not restart the period.
    const edited = await update(company, plan.id, (d) => ({ ...d, inspector: '赵强' }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await recordsOf('patrol', plan)).toHaveLength(1);
    await act(company, plan.id, 'STOP', { opinion: '测试结束' });
  });
});

describe('维保计划', () => {
  it('电梯维保周期不得超过 15 日；其他设施不受此限', async () => {
    const { saved } = await addAndSave(company, 'maintenance-plan', maintenancePlan({ frequencyDays: 30 }));
    expect(saved.status).toBe(400);
    expect(errorOn(saved, '/frequencyDays').message).toBe('维保周期（天）：电梯应至少每 15 日维护保养一次，现为 30 日');
    const pumpPlan = await added(company, 'maintenance-plan', maintenancePlan({ name: '水泵月度保养', facilityId: pump.data.entryId, facilityName: '5栋生活水泵', frequencyDays: 30 }));
    expect(pumpPlan.state).toBe('active');
    await act(company, pumpPlan.id, 'STOP', { opinion: '测试结束' });
  });

  it('按周期生成维保任务，记在该设施的维保记录下；逾期的显示在待办中', async () => {
    const plan = await added(company, 'maintenance-plan', maintenancePlan({ name: '5栋电梯半月维保' }));
    await waitFor(async () => (await recordsOf('maintenance', plan)).length >= 2, 15_000, 'the second maintenance period');
    const records = await recordsOf('maintenance', plan);
    const underFacility = await company.get(`/api/cases?type=maintenance&filter=facility:${lift.data.entryId}&pageSize=100`);
    expect(underFacility.body.items.map((x: Data) => x.number)).toEqual(expect.arrayContaining(records.map((x) => x.number)));
    const overdue = await company.get('/api/tasks?overdue=true&type=maintenance&pageSize=100');
    expect(overdue.body.items.map((t: Data) => t.case.number)).toContain(records[records.length - 1].number);
    // Doing the work closes the task.
    const oldest = (await company.get(`/api/cases/${records[records.length - 1].id}`)).body;
    const done = await company.post(`/api/cases/${oldest.id}/events`, {
      event: 'RECORD', version: oldest.version,
      data: { ...oldest.data, maintenanceTime: `${daysAgo(0)}T00:00:00+08:00`, worker: '陈师傅', results: oldest.data.results.map((r: Data) => ({ ...r, result: '正常' })) },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('done');
    const after = await company.get('/api/tasks?overdue=true&type=maintenance&pageSize=100');
    expect(after.body.items.map((t: Data) => t.case.number)).not.toContain(oldest.number);
    await act(company, plan.id, 'STOP', { opinion: '测试结束' });
  });
});
