// 物业服务投诉: an owner (logged in) or a member of the public (no account, contact required, rate
// limited) complains about the property company of an area → the district reviewer registers it
// and forwards it to the company → the company answers before a due time (overdue: a 逾期 flag and
// a 督办 task for the reviewer) → the reviewer checks the answer → the complainant rates it;
// unsatisfied goes back to the company; a substantiated complaint enters the company's credit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import {
  AREA_ID, COMPANY, DEVELOPER, OTHER_COMPANY, applicantDoes, complete, completeOk, detail, findTask, orgId, owner, publishWithDelays, waitFor,
} from './helpers/services.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read ad hoc

let app: TestApp;
let companyOrg: number;
beforeAll(async () => {
  app = await startTestApp();
  companyOrg = await orgId(app, COMPANY);
});
afterAll(async () => { await app?.close(); });

const complaint = (changes: Data = {}): Data => ({
  areaId: AREA_ID, category: '维修不及时', subject: '3 号楼电梯停运三天无人处理',
  content: '3 号楼 2 号电梯自本周一起停运，多次向物业服务中心反映，至今无人维修。', contact: { name: '张伟', phone: '13622223333' }, ...changes,
});

async function lodged(c: Client, changes: Data = {}): Promise<Data> {
  const res = await c.post('/api/cases', { type: 'complaint', data: complaint(changes) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function forwarded(number: string): Promise<Data> {
  return completeOk(await app.login('reviewer1'), number, 'FORWARD', { companyId: companyOrg, companyName: '佛山市安居物业服务有限公司', opinion: '请于 5 日内核实处理并答复投诉人。' });
}

const listed = async (c: Client, id: number) => (await c.get('/api/cases?type=complaint&pageSize=100')).body.items.some((x: Data) => x.id === id);

describe('物业服务投诉', () => {
  it('an owner complains; the reviewer forwards it; the company answers; unsatisfied, it is handled again; substantiated, it enters the credit record', async () => {
    const zhang = await owner(app, 'zhang');
    const form = await zhang.get('/api/types/complaint');
    expect(form.body.prefill).toMatchObject({ areaId: AREA_ID, contact: { name: '张伟' } });

    const created = await lodged(zhang);
    expect(created.state).toBe('registering');
    expect(created.stateTitle).toBe('待登记转办');
    expect(created.data.areaName).toBe('锦绣花园');
    expect(created.number).toMatch(/^WYTS-/);

    // Only the reviewer of the area's district has it.
    expect(await findTask(await app.login('reviewer2'), created.number)).toBeUndefined();
    const afterForward = await forwarded(created.number);
    expect(afterForward.state).toBe('answering.waiting');
    expect(afterForward.data.companyId).toBe(companyOrg);
    expect(afterForward.data.forward.opinion).toContain('5 日内');

    // The company has it in its inbox and its list, with a due time; the other company and another owner do not see it.
    const company = await app.login(COMPANY);
    const task = await findTask(company, created.number);
    expect(task).toMatchObject({ title: '答复投诉', overdue: false });
    expect(new Date(task!.dueAt).getTime() - Date.now()).toBeGreaterThan(4.9 * 86_400_000);
    expect(await listed(company, created.id)).toBe(true);
    const other = await app.login(OTHER_COMPANY);
    expect((await other.get(`/api/cases/${created.id}`)).status).toBe(404);
    expect(await listed(other, created.id)).toBe(false);
    expect(await findTask(other, created.number)).toBeUndefined();
    expect((await other.post(`/api/tasks/${task!.id}/complete`, { event: 'ANSWER', data: { content: '与我公司无关，不予答复。' } })).status).toBe(404);
    const li = await owner(app, 'li');
    expect((await li.get(`/api/cases/${created.id}`)).status).toBe(404);
    expect(await listed(li, created.id)).toBe(false);
    expect(await listed(zhang, created.id)).toBe(true);

    // The company answers with a photo of the repair.
    const photo = await company.upload('电梯修复.pdf', tinyPdf('lift'));
    const answered = await completeOk(company, created.number, 'ANSWER', { content: '经核实，电梯主板故障，已于今日更换并恢复运行。', attachments: [photo.body.id] });
    expect(answered.state).toBe('checking');
    expect(answered.data.answer.attachments).toEqual([photo.body.id]);
    expect(answered.attachments.map((f: Data) => f.id)).toContain(photo.body.id);
    expect((await zhang.get(`/api/files/${photo.body.id}`)).status).toBe(200);

    const reviewer = await app.login('reviewer1');
    const ok1 = await completeOk(reviewer, created.number, 'ACCEPT', { substantiated: false, opinion: '答复合格。' });
    expect(ok1.state).toBe('rating');

    // Unsatisfied: back to the company, flagged.
    const unhappy = await applicantDoes(zhang, created.id, 'RATE', { satisfied: false, score: 2, opinion: '电梯又坏了' });
    expect(unhappy.status, JSON.stringify(unhappy.body)).toBe(200);
    expect(unhappy.body.state).toBe('answering.waiting');
    expect(unhappy.body.flags.map((f: Data) => f.code)).toContain('重新办理');
    await completeOk(company, created.number, 'ANSWER', { content: '已联系电梯维保单位全面检修，更换曳引机编码器。' });

    // The reviewer finds it substantiated: a bad record in the company's credit record.
    const ok2 = await completeOk(reviewer, created.number, 'ACCEPT', { substantiated: true, finding: '物业服务企业未及时组织电梯维修，投诉属实。' });
    expect(ok2.data.substantiated).toBe(true);
    const records = (await app.client().get(`/api/public/credit-records?pageSize=100`)).body.items.filter((r: Data) => r.data.sourceNumber === created.number);
    expect(records).toHaveLength(1);
    expect(records[0].data).toMatchObject({ kind: '不良记录', behaviourType: '投诉属实', companyName: '佛山市安居物业服务有限公司', creditCode: COMPANY, description: '物业服务企业未及时组织电梯维修，投诉属实。' });
    expect(records[0].data.validUntil).toBeTruthy();
    expect(records[0].data.contact).toBeUndefined(); // the complainant's contact is not public
    const own = (await company.get('/api/registers/credit-records')).body.items.filter((r: Data) => r.sourceNumber === created.number);
    expect(own).toHaveLength(1); // the entry is the company's, not the complainant's

    const happy = await applicantDoes(zhang, created.id, 'RATE', { satisfied: true, score: 4 });
    expect(happy.body).toMatchObject({ state: 'closed', status: 'closed' });
    expect(happy.body.data.ratings.map((r: Data) => r.satisfied)).toEqual([false, true]);
  });

  it('a member of the public complains without an account, follows it with the 查询码 and rates the answer', async () => {
    const pub = app.client();
    const noContact = await pub.post('/api/public/cases', { type: 'complaint', data: complaint({ contact: { name: '匿名' } }) });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.details[0].field).toBe('/contact/phone');
    const created = await pub.post('/api/public/cases', { type: 'complaint', data: complaint({ contact: { name: '路人', phone: '13900001111' }, subject: '小区垃圾堆放多日未清运', category: '环境卫生' }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { number, accessCode } = created.body;

    await forwarded(number);
    await completeOk(await app.login(COMPANY), number, 'ANSWER', { content: '已安排保洁于当日清运完毕，并增加清运频次。' });
    await completeOk(await app.login('reviewer1'), number, 'ACCEPT', { substantiated: false });

    const view = await pub.get(`/api/public/cases/${number}?code=${accessCode}`);
    expect(view.body).toMatchObject({ stateTitle: '待投诉人评价', data: { areaName: '锦绣花园' } });
    expect(view.body.actions.map((a: Data) => a.event)).toEqual(['RATE']);
    // The company's answer is shown to the complainant, titled as its form titles it.
    const answered = view.body.history.find((h: Data) => h.event === 'ANSWER');
    expect(answered.details).toEqual([{ title: '答复内容', value: '已安排保洁于当日清运完毕，并增加清运频次。' }]);
    expect((await pub.get(`/api/public/cases/${number}?code=wrong`)).status).toBe(404);
    const rated = await pub.post(`/api/public/cases/${number}/events`, { code: accessCode, event: 'RATE', data: { satisfied: true, score: 5 } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.status).toBe('closed');
  });

  it('a company that does not answer in time: 逾期 flag, overdue in its inbox, a 督办 task for the reviewer', async () => {
    await publishWithDelays(app, 'complaint', { answer: 'PT1S' });
    const zhang = await owner(app, 'zhang');
    const created = await lodged(zhang, { subject: '楼道灯坏了一个月' });
    await forwarded(created.number);
    const reviewer = await app.login('reviewer1');
    await waitFor(async () => (await reviewer.get(`/api/cases/${created.id}`)).body.state === 'answering.overdue', 15_000, '答复逾期');

    const view = (await reviewer.get(`/api/cases/${created.id}`)).body;
    expect(view.stateTitle).toBe('逾期未答复（督办）');
    expect(view.flags.find((f: Data) => f.code === '逾期')?.message).toContain('未在答复期限内');
    const escalation = await findTask(reviewer, created.number);
    expect(escalation?.title).toBe('逾期督办');
    const company = await app.login(COMPANY);
    const late = (await company.get('/api/tasks?overdue=true&type=complaint')).body.items.find((t: Data) => t.case.number === created.number);
    expect(late).toMatchObject({ title: '答复投诉', overdue: true });

    // 督办: the company gets a new period; it answers; the 逾期 flag stays on the case.
    const urged = await completeOk(reviewer, created.number, 'URGE', { opinion: '请立即处理并答复。' });
    expect(urged.tasks.filter((t: Data) => t.status === 'open').map((t: Data) => t.title)).toContain('答复投诉');
    expect(urged.history.at(-1)).toMatchObject({ event: 'URGE', toState: 'answering.waiting' });
    const answered = await completeOk(company, created.number, 'ANSWER', { content: '已更换楼道灯具并检查全部楼层照明。' });
    expect(answered.state).toBe('checking');
    expect(answered.flags.map((f: Data) => f.code)).toContain('逾期');
    await publishWithDelays(app, 'complaint', { answer: 'P5D' });
  });

  it('the reviewer may recall an overdue complaint and forward it again', async () => {
    await publishWithDelays(app, 'complaint', { answer: 'PT1S' });
    const created = await lodged(await owner(app, 'zhang'), { subject: '绿化带被占用停车' });
    await forwarded(created.number);
    const reviewer = await app.login('reviewer1');
    await waitFor(async () => (await reviewer.get(`/api/cases/${created.id}`)).body.state === 'answering.overdue', 15_000, '答复逾期');
    await publishWithDelays(app, 'complaint', { answer: 'P5D' });
    const recalled = await completeOk(reviewer, created.number, 'RECALL', { opinion: '经核实非该企业管理范围，收回重新转办。' });
    expect(recalled.state).toBe('registering');
    expect(await findTask(await app.login(COMPANY), created.number)).toBeUndefined();
  });

  it('refuses what breaks the rules, each with a clear message', async () => {
    const zhang = await owner(app, 'zhang');
    const noArea = await zhang.post('/api/cases', { type: 'complaint', data: complaint({ areaId: 9999 }) });
    expect(noArea.status).toBe(400);
    expect(detail(noArea, '/areaId')?.message).toBe('所选小区不存在或尚未备案');
    const short = await zhang.post('/api/cases', { type: 'complaint', data: complaint({ content: '太差' }) });
    expect(short.status).toBe(400);
    expect(detail(short, '/content')?.message).toContain('投诉内容');

    // Forwarded to an organisation that is not a property company: refused, nothing changes.
    const created = await lodged(zhang, { subject: '物业费收取不合理' });
    const reviewer = await app.login('reviewer1');
    const wrong = await complete(reviewer, created.number, 'FORWARD', { companyId: await orgId(app, DEVELOPER), opinion: '请答复。' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('不是物业服务企业');
    expect((await reviewer.get(`/api/cases/${created.id}`)).body.state).toBe('registering');

    // Substantiated needs a finding (核查结论).
    await forwarded(created.number);
    await completeOk(await app.login(COMPANY), created.number, 'ANSWER', { content: '物业费按合同约定标准收取，已向业主解释。' });
    const noFinding = await complete(reviewer, created.number, 'ACCEPT', { substantiated: true });
    expect(noFinding.status).toBe(400);
    expect(detail(noFinding, '/finding')?.message).toBe('「核查结论」为必填项');
    // Only the complainant rates.
    await completeOk(reviewer, created.number, 'ACCEPT', { substantiated: false });
    const li = await owner(app, 'li');
    expect((await li.post(`/api/cases/${created.id}/events`, { event: 'RATE', version: 1, decision: { satisfied: true } })).status).toBe(404);
    // 不予受理 needs a reason.
    const outOfScope = await lodged(zhang, { subject: '邻居装修噪音扰民' });
    const noReason = await complete(reviewer, outOfScope.number, 'REJECT', {});
    expect(noReason.status).toBe(400);
    expect(detail(noReason, '/opinion')?.message).toBe('「意见」为必填项');
    const rejected = await completeOk(reviewer, outOfScope.number, 'REJECT', { opinion: '属邻里纠纷，不属于物业服务投诉受理范围，请向社区调解。' });
    expect(rejected).toMatchObject({ state: 'notAccepted', stateTitle: '不予受理', status: 'closed' });
    // A company may not raise a complaint.
    expect((await (await app.login(COMPANY)).post('/api/cases', { type: 'complaint', data: complaint() })).status).toBe(403);
  });

  it('anonymous complaints are rate limited per address', async () => {
    const pub = app.client();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await pub.post('/api/public/cases', { type: 'complaint', data: complaint({ subject: `噪音扰民第 ${i + 1} 次反映`, contact: { name: '路人', phone: '13900001111' } }) })).status);
    }
    expect(statuses).toContain(429);
  });
});
