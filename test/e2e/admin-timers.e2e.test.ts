// 系统管理 >> 定时任务 in a real browser: the administrator finds a timer the poller gave up on, with
// its case, attempts and last error, and puts it back in the poll with 重试, where it fires (the API
// side, and how a timer dies, are poison-timers.test.ts).
import { describe, expect, it } from 'vitest';
import { goto, hasChromium, press, screenshot, useBrowserApp, waitForText } from '../helpers/browser.js';
import { owner } from '../helpers/services.js';
import { deadTimer } from '../helpers/timers.js';

const WAIT = 45_000;

describe.skipIf(!hasChromium())('定时任务：重试已停止重试的定时任务（浏览器）', () => {
  const b = useBrowserApp();

  it('the dead timer shows with its case, 3 次 and the error; 重试 puts it back in the poll, which fires it', async () => {
    const zhang = await owner(b.app, 'zhang');
    const complaint = await zhang.post('/api/cases', { type: 'complaint', data: {
      areaId: 1, category: '维修不及时', subject: '5 号楼门禁损坏', content: '5 号楼单元门禁损坏一周，无人维修。', contact: { name: '张伟', phone: '13622223333' },
    } });
    expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
    const timerId = await deadTimer(b.app, complaint.body.id, '找不到业务类型 complaint 的版本 99');

    const admin = await b.as('管理部门', 'admin');
    await goto(admin.page, b.app.url, '/admin/timers');
    const number = complaint.body.number as string;
    await admin.page.waitForFunction((n) => document.querySelector('.timers-table tbody')?.textContent?.includes(n), { timeout: WAIT }, number);
    const row = await admin.page.$$eval('.timers-table tbody tr', (trs, n) => trs.find((tr) => tr.textContent?.includes(n))?.textContent ?? '', number);
    expect(row).toContain('3 次');
    expect(row).toContain('找不到业务类型 complaint 的版本 99');
    await screenshot(admin.page, 'admin-timers-dead');

    await press(admin.page, '.timers-table tbody tr button', '重试', WAIT);
    await waitForText(admin.page, `已重新安排 ${number} 的定时任务`, WAIT);
    await admin.page.waitForFunction((n) => !document.querySelector('.timers-table tbody')?.textContent?.includes(n), { timeout: WAIT }, number);
    // Back in the poll with its attempts reset, the timer fires (the test server polls every 100 ms);
    // its event moves nothing, so the complaint stays where it was.
    const { Timer } = b.app.engine.db.models;
    await expect.poll(async () => (await Timer.findByPk(timerId, { raw: true }))?.status, { timeout: WAIT, interval: 200 }).toBe('fired');
    expect(await Timer.findByPk(timerId, { raw: true })).toMatchObject({ attempts: 0 });
    expect((await zhang.get(`/api/cases/${complaint.body.id}`)).body.state).toBe(complaint.body.state);
    // Retried once: a second retry of the same timer is refused (it is no longer dead).
    const again = await (await b.app.login('admin')).post(`/api/admin/timers/${timerId}/retry`, {});
    expect(again.status).toBe(404);
  });
});
