// 企业人员管理: a property company adds a person (with certificates and scans), finds them by area
// and name, edits them (each edit in the history), and deletes them (离职, with a confirmation; the
// record is kept). ID number, birth date and sex must agree; a certificate's 有效期至 is after its
// 发证日期 and an expired one is flagged; a person is 在职 in one company only. Bulk add from the
// Excel template answers per row. Another company sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tinyPdf, type Client, type TestApp } from './helpers/app.js';
import schema from '../forms/personnel.schema.json';
import {
  AREA_ID, COMPANY, OTHER_COMPANY, act, addAndSave, added, errorOn, exampleOf, filledTemplate, freshId, importCases, titles, update,
} from './helpers/registers.js';

let app: TestApp;
let company: Client;
let other: Client;
beforeAll(async () => {
  app = await startTestApp();
  company = await app.login(COMPANY);
  other = await app.login(OTHER_COMPANY);
});
afterAll(async () => { await app?.close(); });

const person = (name: string, overrides: Record<string, unknown> = {}) =>
  exampleOf(schema, { name, idNumber: freshId('19900307', true), birthDate: '1990-03-07', sex: '男', ...overrides });

describe('企业人员管理', () => {
  it('添加人员：证书带扫描件，保存后在职，可按物业区域筛选、按姓名查询', async () => {
    const scan = await company.upload('电梯作业证.pdf', tinyPdf('证书扫描件'));
    expect(scan.status).toBe(201);
    const data = person('张明远');
    data.certificates[0].scans = [scan.body.id];
    const saved = await added(company, 'personnel', data);
    expect(saved.state).toBe('active');
    expect(saved.stateTitle).toBe('在职');
    expect(saved.title).toBe('张明远');
    expect(saved.attachments.map((f: { name: string }) => f.name)).toContain('电梯作业证.pdf');
    // The person stays editable: the maintenance task remains open.
    expect(saved.actions.map((a: { event: string }) => a.event).sort()).toEqual(['LEAVE', 'UPDATE']);

    await added(company, 'personnel', person('王秀英', { idNumber: freshId('19850612', false), birthDate: '1985-06-12', sex: '女', areaIds: [] }));
    const byArea = await company.get(`/api/cases?type=personnel&filter=area:${AREA_ID}&q=${encodeURIComponent('张')}`);
    expect(titles(byArea)).toEqual(['张明远']);
    const inArea = await company.get(`/api/cases?type=personnel&filter=area:${AREA_ID}`);
    expect(titles(inArea)).toContain('张明远');
    expect(titles(inArea)).not.toContain('王秀英');
    expect(titles(await company.get(`/api/cases?type=personnel&q=${encodeURIComponent('秀英')}`))).toEqual(['王秀英']);
  });

  it('修改人员信息：每次修改都记入办理记录，人员仍在职', async () => {
    const saved = await added(company, 'personnel', person('刘海波'));
    const edited = await update(company, saved.id, (d) => ({ ...d, post: '项目负责人', position: '项目经理' }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.state).toBe('active');
    expect(edited.body.data.post).toBe('项目负责人');
    expect(edited.body.data.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT/);
    const again = await update(company, saved.id, (d) => ({ ...d, mobile: '13800001111' }));
    expect(again.status).toBe(200);
    const history = again.body.history.map((h: { event: string; toState: string }) => `${h.event}→${h.toState}`);
    expect(history).toEqual(['CREATE→draft', 'SAVE→active', 'UPDATE→active', 'UPDATE→active']);
    expect(again.body.tasks.filter((t: { status: string }) => t.status === 'open')).toHaveLength(1);
    // A stale version is refused and changes nothing.
    const stale = await company.post(`/api/cases/${saved.id}/events`, { event: 'UPDATE', data: { ...again.body.data, post: '财务' }, version: saved.version });
    expect(stale.status).toBe(409);
  });

  it('删除人员（离职）须确认日期与原因；记录保留，此后可到另一家企业任职', async () => {
    const id = freshId('19880101', true);
    const saved = await added(company, 'personnel', person('陈国栋', { idNumber: id, birthDate: '1988-01-01' }));
    const unconfirmed = await act(company, saved.id, 'LEAVE', {});
    expect(unconfirmed.status).toBe(400);
    expect(errorOn(unconfirmed, '/reason').message).toContain('原因');
    const left = await act(company, saved.id, 'LEAVE', { date: '2026-01-31', reason: '合同期满离职' });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.state).toBe('left');
    expect(left.body.status).toBe('closed');
    expect(left.body.data).toMatchObject({ leaveDate: '2026-01-31', leaveReason: '合同期满离职', name: '陈国栋' });
    expect(titles(await company.get('/api/cases?type=personnel&state=active'))).not.toContain('陈国栋');
    expect(titles(await company.get('/api/cases?type=personnel&state=left'))).toContain('陈国栋');
    // Left: no longer editable.
    expect((await update(company, saved.id, (d) => d)).status).toBe(409);
    // Once left, the person may join another company.
    const hired = await added(other, 'personnel', person('陈国栋', { idNumber: id, birthDate: '1988-01-01' }));
    expect(hired.state).toBe('active');
  });

  describe('规则', () => {
    it('出生日期、性别须与身份证号码一致', async () => {
      const { saved } = await addAndSave(company, 'personnel', person('赵志强', { birthDate: '1990-03-08', sex: '女' }));
      expect(saved.status).toBe(400);
      expect(errorOn(saved, '/birthDate').message).toBe('出生日期与身份证号码不符：按身份证号码应为「1990-03-07」');
      expect(errorOn(saved, '/sex').message).toBe('性别与身份证号码不符：按身份证号码应为「男」');
    });

    it('身份证号码校验位错误', async () => {
      const bad = freshId().slice(0, 17) + (freshId().endsWith('0') ? '1' : '0');
      // Refused already when the draft is saved: a malformed value is never stored.
      const res = await company.post('/api/cases', { type: 'personnel', data: person('钱伟', { idNumber: bad }) });
      expect(res.status).toBe(400);
      expect(errorOn(res, '/idNumber').message).toMatch(/^「身份证号码」校验位错误，请核对号码$/);
    });

    it('证书有效期至须晚于发证日期；已过期的证书予以提示', async () => {
      const wrong = person('孙立新');
      wrong.certificates[0].validUntil = '2021-01-01';
      const { saved } = await addAndSave(company, 'personnel', wrong);
      expect(saved.status).toBe(400);
      const e = errorOn(saved, '/certificates/0/validUntil');
      expect(e.message).toBe('第 1 行：证书「特种设备作业人员证（电梯作业）」的有效期至（2021-01-01）应晚于发证日期（2022-05-10）');
      expect(e).toMatchObject({ row: 1, column: '有效期至' });

      const expired = person('孙立新');
      expired.certificates[0].validUntil = '2024-05-09';
      const ok = await added(company, 'personnel', expired);
      const flag = ok.flags.find((f: { code: string }) => f.code === 'RULE:/certificates/0/validUntil');
      expect(flag?.message).toBe('第 1 行：证书「特种设备作业人员证（电梯作业）」已于 2024-05-09 过期，请及时复审或换证');
      // Renewed: the warning goes with the next save.
      const renewed = await update(company, ok.id, (d) => { d.certificates[0].validUntil = '2030-05-09'; return d; });
      expect(renewed.body.flags.map((f: { code: string }) => f.code)).not.toContain('RULE:/certificates/0/validUntil');
    });

    it('一人只能在一家企业在职；本单位也不能重复添加', async () => {
      const id = freshId('19920815', true);
      await added(company, 'personnel', person('周建华', { idNumber: id, birthDate: '1992-08-15' }));
      const twice = await addAndSave(company, 'personnel', person('周建华', { idNumber: id, birthDate: '1992-08-15' }));
      expect(twice.saved.status).toBe(400);
      expect(errorOn(twice.saved, '/idNumber').message).toMatch(/^身份证号码：本单位已登记该人员（QYRY-\d{4}-\d+），请修改原记录/);
      const elsewhere = await addAndSave(other, 'personnel', person('周建华', { idNumber: id, birthDate: '1992-08-15' }));
      expect(elsewhere.saved.status).toBe(400);
      expect(errorOn(elsewhere.saved, '/idNumber').message)
        .toBe('身份证号码：该人员已在「佛山市安居物业服务有限公司」在职，一人只能在一家物业服务企业在职，请原单位先办理离职');
    });
  });

  it('其他企业看不到本企业的人员：详情 404，列表中没有，不能修改', async () => {
    const saved = await added(company, 'personnel', person('吴晓东'));
    expect((await other.get(`/api/cases/${saved.id}`)).status).toBe(404);
    expect(titles(await other.get('/api/cases?type=personnel&pageSize=100'))).not.toContain('吴晓东');
    expect(titles(await other.get(`/api/cases?type=personnel&filter=area:${AREA_ID}&q=${encodeURIComponent('吴晓东')}`))).toEqual([]);
    const res = await other.post(`/api/cases/${saved.id}/events`, { event: 'UPDATE', data: saved.data, version: saved.version });
    expect(res.status).toBe(404);
    // A department or the developer cannot add people either.
    const dev = await app.login('91440604MA4UJ5RW2R');
    expect((await dev.post('/api/cases', { type: 'personnel', data: person('郑') })).status).toBe(403);
  });

  describe('Excel 批量添加', () => {
    const row = (name: string, id: string, birth: string, sex = '男') => ({
      姓名: name, 身份证号码: id, 性别: sex, 出生日期: birth, 学历: '大学专科', 人员类别: '作业人员', 岗位: '秩序维护', 工作物业区域: String(AREA_ID),
    });

    it('每行新增一名在职人员，答复每行的业务单号', async () => {
      const file = await filledTemplate(company, 'personnel', [
        row('黄志明', freshId('19950505', true), '1995-05-05'),
        row('林小燕', freshId('19960606', false), '1996-06-06', '女'),
      ]);
      const res = await importCases(company, 'personnel', file);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.created).toBe(2);
      expect(res.body.rows.map((r: { row: number; title: string; state: string }) => [r.row, r.title, r.state])).toEqual([[2, '黄志明', 'active'], [3, '林小燕', 'active']]);
      const listed = await company.get(`/api/cases?type=personnel&filter=area:${AREA_ID}&q=${encodeURIComponent('林小燕')}`);
      expect(titles(listed)).toEqual(['林小燕']);
      const view = await company.get(`/api/cases/${res.body.rows[0].id}`);
      expect(view.body.history.map((h: { event: string }) => h.event)).toEqual(['CREATE', 'SAVE']);
    });

    it('模板含证书列（证书1–证书3）：填写的证书随人员导入，只填一半的证书指明列名', async () => {
      const cert = { 证书名称: '物业管理师', 证书编号: 'WY-2023-0815', 发证机关: '广东省物业管理行业协会', 发证日期: '2023-08-15' };
      const slot = (n: number, c: Record<string, string>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [`证书${n}-${k}`, v]));
      const id = freshId('19880808', true);
      // The holder filled the second group and left the first blank: the certificate still lands.
      const file = await filledTemplate(company, 'personnel', [{ ...row('邓建华', id, '1988-08-08'), ...slot(2, cert) }]);
      const res = await importCases(company, 'personnel', file);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const view = await company.get(`/api/cases/${res.body.rows[0].id}`);
      expect(view.body.data.certificates).toEqual([{ name: '物业管理师', number: 'WY-2023-0815', issuer: '广东省物业管理行业协会', issueDate: '2023-08-15' }]);

      const half = await filledTemplate(company, 'personnel', [{ ...row('邓建国', freshId('19890909', true), '1989-09-09'), '证书1-证书名称': '电工证' }]);
      const bad = await importCases(company, 'personnel', half);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toContainEqual(expect.objectContaining({ row: 2, column: expect.stringMatching(/^证书1-/) }));
    });

    it('任一行有误则不导入，逐行列出行号、列名、填写值和原因', async () => {
      const taken = freshId('19930303', true);
      await added(other, 'personnel', person('何永强', { idNumber: taken, birthDate: '1993-03-03' }));
      const before = (await company.get('/api/cases?type=personnel')).body.total;
      const file = await filledTemplate(company, 'personnel', [
        row('马丽娟', freshId('19970707', false), '1997-07-07', '女'),
        row('何永强', taken, '1993-03-03'),
        row('罗斌', freshId('19980808', true), '1998-08-09'),
        { ...row('谢婷', freshId('19990909', false), '1999-09-09', '女'), 学历: '小学' },
      ]);
      const res = await importCases(company, 'personnel', file);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('IMPORT_INVALID');
      const details = res.body.error.details as Array<Record<string, unknown>>;
      // The cell errors are reported first; rows checked against the rules come only when every cell is right.
      expect(details).toEqual([expect.objectContaining({ row: 5, column: '学历', value: '小学' })]);

      const fixed = await filledTemplate(company, 'personnel', [
        row('马丽娟', freshId('19970707', false), '1997-07-07', '女'),
        row('何永强', taken, '1993-03-03'),
        row('罗斌', freshId('19980808', true), '1998-08-09'),
      ]);
      const again = await importCases(company, 'personnel', fixed);
      expect(again.status).toBe(400);
      const rows = again.body.error.details as Array<Record<string, unknown>>;
      expect(rows).toContainEqual(expect.objectContaining({
        row: 3, column: '身份证号码', value: taken,
        message: '身份证号码：该人员已在「上海中环物业管理有限公司」在职，一人只能在一家物业服务企业在职，请原单位先办理离职',
      }));
      expect(rows).toContainEqual(expect.objectContaining({ row: 4, column: '出生日期', value: '1998-08-09', message: '出生日期与身份证号码不符：按身份证号码应为「1998-08-08」' }));
      expect((await company.get('/api/cases?type=personnel')).body.total).toBe(before);
    });
  });
});
