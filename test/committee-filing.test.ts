// 业委会备案 end to end over HTTP: the committee fills in its basic information, 表决情况 and members;
// each member is checked against the registered houses of the area before submitting; the filing is
// late (more than 30 days after the election) and says so; the clerk returns it once, the committee
// corrects it, the clerk accepts, the reviewer approves and the committee is registered for the area
// (a later filing supersedes it). Then the reject path and every rule of the regulations once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, example, type TestApp, type Client } from './helpers/app.js';
import { AREA_ID, COMMITTEE, LOCAL_COMPANY, createDraft, decide, decideOk, detailOf, fileNew, submit, uploadFiles, withChanges } from './helpers/filings-b.js';
import committeeSchema from '../forms/committee-filing.schema.json';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The schema's example (a committee of 锦绣花园) with real uploaded 要件. */
async function committeeData(c: Client, changes: Record<string, unknown> = {}): Promise<Data> {
  const [notice, minutes] = await uploadFiles(c, '选举结果公告.pdf', '会议记录.pdf');
  return withChanges({ ...example(committeeSchema), attachments: { electionNotice: [notice], meetingMinutes: [minutes] } }, changes);
}

const NOT_AN_OWNER = { name: '张三', idNumber: '44060419900101123X', building: '3栋', unit: '1单元', room: '301', position: '委员', alternate: false };

describe('业委会备案', () => {
  it('the example of the form is valid in a fresh installation (锦绣花园, its registered owners)', async () => {
    const committee = await app.login(COMMITTEE);
    const area = await app.client().get(`/api/public/areas/${AREA_ID}`);
    expect(area.body.title).toBe('锦绣花园');
    const res = await committee.post('/api/types/committee-filing/check', { data: example(committeeSchema) });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.ok).toBe(true);
    expect(res.body.rows['/members'].every((r: { ok: boolean }) => r.ok)).toBe(true);
  });

  it('committee checks its members before submitting, files late with a warning, is returned once, corrects, and is approved and registered', async () => {
    const committee = await app.login(COMMITTEE);
    const data = await committeeData(committee);
    // A draft with a member who is not an owner of 锦绣花园 in row 3; the check shows it per row.
    const members = [...data.members];
    members.splice(2, 1, NOT_AN_OWNER);
    const draft = await createDraft(committee, 'committee-filing', { ...data, members, committeeName: '随便写的名字' });
    expect(draft.number).toMatch(/^YWBA-\d{4}-\d{6}$/);
    expect(draft.data.committeeName).toBe('锦绣花园业主委员会'); // taken from the registration, not the browser
    expect(draft.areaId).toBe(AREA_ID);
    expect(draft.district).toBe('440604');

    const check = await committee.post(`/api/cases/${draft.id}/check`, {});
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    const rows = check.body.rows['/members'];
    expect(rows.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false, true, true, true]);
    expect(rows[2].errors[0]).toMatchObject({ field: '/members/2/idNumber', row: 3 });
    expect(rows[2].errors[0].message).toMatch(/^第 3 行：张三 不是该物业区域登记的业主/);
    // The shares of the vote are computed by the server and shown.
    expect(check.body.data.voting).toMatchObject({ ownerTurnout: 0.7292, areaTurnout: 0.7455, ownerApproval: 0.8, areaApproval: 0.7927 });
    // Filed more than 30 days after the election: a warning, not a refusal.
    expect(check.body.warnings.map((w: { message: string }) => w.message).join()).toMatch(/逾期备案：应自选举产生之日起 30 日内备案，现已过 \d+ 日/);

    // Submitting as it is is refused with the same row error.
    const refused = await submit(committee, draft);
    expect(detailOf(refused, '/members/2/idNumber').message).toMatch(/^第 3 行：张三 不是该物业区域登记的业主/);

    // Unsaved edits can be checked too: the corrected list is all valid.
    const fixed = await committee.post(`/api/cases/${draft.id}/check`, { data });
    expect(fixed.body.ok).toBe(true);
    expect(fixed.body.rows['/members']).toHaveLength(6);

    const submitted = await submit(committee, draft, data);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(submitted.body.flags.map((f: { message: string }) => f.message).join()).toMatch(/逾期备案/);
    expect(submitted.body.data.voting.ownerTurnout).toBe(0.7292);

    const clerk = await app.login('clerk1');
    const returned = await decideOk(clerk, draft.number, 'RETURN', { opinion: '材料需补正。', items: ['补充业主大会会议记录签到表', '选举结果公告需加盖业主大会印章'] });
    expect(returned.state).toBe('returned');
    const seen = await committee.get(`/api/cases/${draft.id}`);
    expect(seen.body.notice.items).toHaveLength(2);
    const [signIn] = await uploadFiles(committee, '签到表.pdf');
    const corrected = { ...seen.body.data, attachments: { ...seen.body.data.attachments, others: [signIn] } };
    const resubmitted = await submit(committee, seen.body, corrected);
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body.state).toBe('submitted');

    expect((await decideOk(clerk, draft.number, 'ACCEPT', { opinion: '材料齐全，予以受理。' })).state).toBe('accepted');
    const reviewer = await app.login('reviewer1');
    const review = await reviewer.get(`/api/cases/${draft.id}`);
    expect(review.body.flags.some((f: { message: string }) => /逾期备案/.test(f.message))).toBe(true);
    const approved = await decideOk(reviewer, draft.number, 'APPROVE', { opinion: '准予备案。' });
    expect(approved.state).toBe('approved');
    expect(approved.stateTitle).toBe('已备案');
    expect(approved.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'SUBMIT', 'ACCEPT', 'APPROVE']);

    // The committee of 锦绣花园 is registered (and public, without the members' ID numbers).
    const committees = await app.client().get(`/api/public/committees?parentId=${AREA_ID}`);
    expect(committees.body.items).toHaveLength(1);
    expect(committees.body.items[0]).toMatchObject({ title: '锦绣花园业主委员会', parentId: AREA_ID, district: '440604' });
    expect(committees.body.items[0].data).toMatchObject({ termEnd: '2030-10-17', sessionNumber: 1 });
    expect(committees.body.items[0].data.members).toBeUndefined();

    // The next term's filing supersedes it: one active committee per area, the old one kept.
    const next = await fileNew(committee, 'committee-filing', await committeeData(committee, {
      '/sessionNumber': 2, '/electionDate': '2025-11-01', '/firstMeetingDate': '2025-11-05', '/termStart': '2025-11-01', '/termEnd': '2030-10-31',
    }));
    await decideOk(clerk, next.number, 'ACCEPT', { opinion: '受理。' });
    await decideOk(reviewer, next.number, 'APPROVE', { opinion: '准予备案。' });
    const after = await app.client().get(`/api/public/committees?parentId=${AREA_ID}`);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].data.sessionNumber).toBe(2);
    const all = await app.engine.db.models.RegisterEntry.findAll({ where: { register: 'committees' }, order: [['id', 'ASC']], raw: true });
    expect(all.map((e) => e.status)).toEqual(['superseded', 'active']);
  });

  it('the reviewer rejects a filing with a reason, and nothing is registered', async () => {
    const committee = await app.login(COMMITTEE);
    const filed = await fileNew(committee, 'committee-filing', await committeeData(committee, { '/sessionNumber': 9 }));
    await decideOk(await app.login('clerk1'), filed.number, 'ACCEPT');
    const reviewer = await app.login('reviewer1');
    const noReason = await decide(reviewer, filed.number, 'REJECT', {});
    expect(detailOf(noReason, '/opinion').message).toMatch(/意见/);
    const rejected = await decideOk(reviewer, filed.number, 'REJECT', { opinion: '选举程序不符合业主大会议事规则，不予备案。' });
    expect(rejected.state).toBe('rejected');
    const entries = await app.engine.db.models.RegisterEntry.findAll({ where: { register: 'committees', caseId: filed.id }, raw: true });
    expect(entries).toHaveLength(0);
  });

  it('only committees file it, and a clerk of another district never sees it', async () => {
    const company = await app.login(LOCAL_COMPANY);
    expect((await company.post('/api/cases', { type: 'committee-filing', data: {} })).status).toBe(403);
    const committee = await app.login(COMMITTEE);
    const filed = await fileNew(committee, 'committee-filing', await committeeData(committee));
    const other = await app.login('clerk2');
    expect((await other.get(`/api/cases/${filed.id}`)).status).toBe(404);
  });

  describe('every rule of the filing, broken once, is refused with the field and a clear reason', () => {
    const alt = (i: number, changes: Data) => ({ [`/members/${i}`]: { ...example(committeeSchema).members[i], ...changes } });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['an area that is not registered', { '/areaId': 9999 }, '/areaId', /物业区域不存在或尚未备案/],
      ['an election date in the future', { '/electionDate': '2999-01-01', '/firstMeetingDate': '2999-01-02', '/termStart': '2999-01-01', '/termEnd': '2999-12-31' }, '/electionDate', /选举日期不能晚于今天/],
      ['the first meeting more than 7 days after the election', { '/firstMeetingDate': '2025-10-30' }, '/firstMeetingDate', /7 日内召开，现相隔 12 日/],
      ['the first meeting before the election', { '/firstMeetingDate': '2025-10-10' }, '/firstMeetingDate', /不能早于选举日期/],
      ['a term longer than 5 years', { '/termEnd': '2030-10-19' }, '/termEnd', /任期不能超过 5 年/],
      ['a term that ends before it starts', { '/termEnd': '2025-01-01' }, '/termEnd', /不能早于任期开始日期/],
      ['more voters than owners', { '/voting/participatingOwners': 1000 }, '/voting/participatingOwners', /不能超过业主总人数/],
      ['more agreeing than voting owners', { '/voting/agreeingOwners': 800 }, '/voting/agreeingOwners', /不能超过参与表决业主人数/],
      ['more agreeing than voting area', { '/voting/agreeingArea': 90000 }, '/voting/agreeingArea', /不能超过参与表决业主专有部分面积/],
      ['fewer than two thirds of the owners voted', { '/voting/participatingOwners': 600, '/voting/agreeingOwners': 500 }, '/voting/participatingOwners', /业主总人数的 62\.50%，未达到三分之二/],
      ['fewer than two thirds of the area voted', { '/voting/participatingArea': 70000, '/voting/agreeingArea': 60000 }, '/voting/participatingArea', /总面积的 63\.64%，未达到三分之二/],
      ['only half of the voting owners agreed', { '/voting/agreeingOwners': 350 }, '/voting/agreeingOwners', /参与表决业主人数的 50\.00%，未过半数/],
      ['only half of the voting area agreed', { '/voting/agreeingArea': 41000 }, '/voting/agreeingArea', /参与表决面积的 50\.00%，未过半数/],
      ['four members (the alternate does not count)', { '/members/4': undefined }, '/members', /5 至 11 人（候补委员不计），现为 4 人/],
      ['six members: not an odd number', alt(5, { alternate: false }), '/members', /应为单数（候补委员不计），现为 6 人/],
      ['no 主任', alt(0, { position: '委员' }), '/members', /有且只有 1 名主任，现为 0 名/],
      ['two 主任', alt(2, { position: '主任' }), '/members', /有且只有 1 名主任，现为 2 名/],
      ['no 副主任', alt(1, { position: '委员' }), '/members', /至少应有 1 名副主任/],
      ['a member who is not an owner of the area', { '/members/2': NOT_AN_OWNER }, '/members/2/idNumber', /^第 3 行：张三 不是该物业区域登记的业主/],
      ['an owner with the wrong ID number', alt(3, { idNumber: '11010519491231002X' }), '/members/3/idNumber', /^第 4 行：陈静 不是该物业区域登记的业主/],
      // The owner check is by house: a real owner of the area named with another house is refused.
      ['an owner named with a house that is not theirs', alt(3, { room: '1901' }), '/members/3/idNumber', /^第 4 行：陈静 不是该物业区域登记的业主（2栋 1901 登记的/],
      ['an ID number with a wrong check digit', alt(1, { idNumber: '440604198203153021' }), '/members/1/idNumber', /^第 2 行：「身份证号码」校验位错误，请核对号码/],
      ['an ID number born before 1900 (GB 11643 sample)', alt(1, { name: '李娜', idNumber: '440524188001010014' }), '/members/1/idNumber', /^第 2 行：.*早于 1900 年/],
      ['a member listed twice', alt(4, { name: '张伟', idNumber: '11010519491231002X' }), '/members/4/idNumber', /^第 5 行：身份证号码与第 1 行重复/],
      ['a member without a position', alt(2, { position: undefined }), '/members/2/position', /^第 3 行：「职务」为必填项/],
      ['a bad contact phone', { '/contactPhone': '1234' }, '/contactPhone', /联系电话/],
      ['no election notice', { '/attachments/electionNotice': [] }, '/attachments/electionNotice', /选举结果公告/],
    ];
    for (const [name, changes, field, message] of cases) {
      it(name, async () => {
        const committee = await app.login(COMMITTEE);
        const data = await committeeData(committee, changes);
        const draft = await createDraft(committee, 'committee-filing', { areaId: AREA_ID });
        const res = await submit(committee, draft, data);
        detailOf(res, field, message);
        const after = await committee.get(`/api/cases/${draft.id}`);
        expect(after.body.state).toBe('draft');
        expect(after.body.version).toBe(draft.version);
      });
    }
  });
});
