// Accessibility: axe-core (the library the issue's audit used) runs in the real page over the
// portal, the forms, the inbox, a case page, the console (定时任务 included) and the public complaint; no page may have
// a critical or serious violation, and every page has exactly one h1 (its title for screen readers).
// The same browser then checks the small things of rough edge 7 that users stumbled on.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { click, goto, hasChromium, screenshot, setValue, useBrowserApp, type Session } from '../helpers/browser.js';
import { exampleDraft } from '../helpers/filings-a.js';
import { COMPANY, DEVELOPER, OWNER_PASSWORD, OWNERS, owner, publishWithDelays } from '../helpers/services.js';
import { PHONE } from '../helpers/phone.js';
import { deadTimer } from '../helpers/timers.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding { page: string; id: string; impact: string; help: string; targets: string[] }

/** Runs axe on the page as it is now; returns its critical and serious violations and its h1 count. */
async function audit(page: Page, name: string): Promise<{ findings: Finding[]; h1: number }> {
  await page.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const h1 = await page.$$eval('h1', (els) => els.length);
  return { findings: violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => ({ page: name, ...v })), h1 };
}

describe.skipIf(!hasChromium())('无障碍（axe-core，浏览器）', () => {
  const b = useBrowserApp();
  let caseId = 0;
  beforeAll(async () => {
    // A complaint from an owner gives the reviewer's inbox a row and a case page to audit.
    const zhang = await owner(b.app, 'zhang');
    const res = await zhang.post('/api/cases', { type: 'complaint', data: {
      areaId: 1, category: '维修不及时', subject: '3 号楼电梯停运三天无人处理',
      content: '3 号楼 2 号电梯自本周一起停运，多次向物业服务中心反映，至今无人维修。', contact: { name: '张伟', phone: '13622223333' },
    } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.id;
    // A dead timer of it gives the 定时任务 page a row with its 重试 button.
    await deadTimer(b.app, caseId);
  });

  it('every page: 0 critical and 0 serious violations, one h1', async () => {
    const anon = await b.anonymous();
    const dev = await b.as('开发商', DEVELOPER);
    const company = await b.as('物业公司', COMPANY);
    const reviewer = await b.as('管理部门', 'reviewer1');
    const admin = await b.as('管理部门', 'admin');
    const zhang = await b.as('业主', OWNERS.zhang.idNumber, OWNER_PASSWORD);
    const pages: [Page, string, string][] = [
      [anon.page, '/', '.portal-home, main'],
      [anon.page, '/login', '#login-username'],
      [anon.page, '/register', 'main'],
      [anon.page, '/register/owner', 'form'],
      [anon.page, '/public', 'main'],
      [anon.page, '/public/credit-records', 'main'],
      [anon.page, '/track', 'main'],
      [anon.page, '/services/complaint', '#root_subject'],
      [dev.page, '/workspace', '.quick-card'],
      [dev.page, '/workspace/new/area-filing', 'form'],
      [company.page, '/workspace/cases', 'main'],
      [zhang.page, `/workspace/cases/${caseId}`, '.case-summary'],
      [reviewer.page, '/inbox', '#inbox-search'],
      [reviewer.page, `/inbox/cases/${caseId}`, '.segmented'],
      [admin.page, '/admin', '.admin-types'],
      [admin.page, '/admin/timers', '.timers-table tbody button'],
    ];
    const findings: Finding[] = [];
    const h1: Record<string, number> = {};
    for (const [page, url, ready] of pages) {
      await goto(page, b.app.url, url);
      await page.waitForSelector(ready);
      const r = await audit(page, url);
      findings.push(...r.findings);
      h1[url] = r.h1;
    }
    const notOneH1 = Object.entries(h1).filter(([, n]) => n !== 1);
    expect({ findings, notOneH1 }).toEqual({ findings: [], notOneH1: [] });
  }, 300_000);

  /** The windows and pages of the scrolling-table audit, set up once for both screen sizes. */
  let scrolling: Promise<{ sessions: Session[]; pages: [Page, string, string, string?][] }> | undefined;
  const scrollingPages = () => scrolling ??= (async () => {
    // A second version of 投诉 gives the console a version comparison (DiffTable) to audit.
    await publishWithDelays(b.app, 'complaint', { answer: 'P3D' });
    const reviewer = await b.as('管理部门', 'reviewer1');
    const admin = await b.as('管理部门', 'admin');
    const zhang = await b.as('业主', OWNERS.zhang.idNumber, OWNER_PASSWORD);
    const anon = await b.anonymous();
    // [window, page, ready when, the tab to open first]
    const pages: [Page, string, string, string?][] = [
      [zhang.page, '/workspace/cases', '.grid-table tbody tr'],
      [zhang.page, `/workspace/cases/${caseId}`, '.grid-table.history'],
      [reviewer.page, `/inbox/cases/${caseId}`, '.segmented', '附件'],
      [reviewer.page, `/inbox/cases/${caseId}`, '.segmented', '办理记录'],
      [admin.page, '/admin', '.admin-types'],
      [admin.page, '/admin/types/complaint/diff?from=1&to=2', '.diff-table'],
      [admin.page, '/admin/audit', '.audit-table'],
      [anon.page, '/track', 'main'],
    ];
    return { sessions: [reviewer, admin, zhang, anon], pages };
  })();

  // One test per screen size (each of the 16 audits takes seconds on a 2-core machine).
  for (const viewport of [{ width: 1366, height: 768 }, PHONE]) {
    it(`the pages with scrolling tables at ${viewport.width}×${viewport.height}: 0 critical and 0 serious violations`, async () => {
      const { sessions, pages } = await scrollingPages();
      const findings: Finding[] = [];
      for (const [page, url, ready, tab] of pages) {
        await page.setViewport(viewport);
        await goto(page, b.app.url, url);
        await page.waitForSelector(ready);
        if (tab) {
          await click(page, '.tabs [role=tab]', tab);
          await page.waitForFunction((t) => document.querySelector('.tab[aria-selected=true]')?.textContent?.includes(t), {}, tab);
        }
        const name = `${viewport.width} ${url}${tab ? ` ${tab}` : ''}`;
        findings.push(...(await audit(page, name)).findings);
        await screenshot(page, `a11y-${viewport.width}${url.replace(/[/?=&]+/g, '-')}${tab ? `-${tab}` : ''}`);
      }
      for (const s of sessions) await s.page.setViewport({ width: 1366, height: 768 });
      expect(findings).toEqual([]);
      // The phone's pages are tall: their audits and full-page screenshots took 173 s on a quiet
      // 2-core machine. A hang still fails.
    }, 600_000);
  }

  it('the 确认提交 dialog open over a complete draft: 0 critical and 0 serious violations', async () => {
    const draft = await exampleDraft(await b.app.login(DEVELOPER), 'area-filing');
    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, `/workspace/cases/${draft.id}`);
    await click(dev.page, '.form-actions button', '保存并提交');
    await dev.page.waitForSelector('[role="dialog"][aria-modal="true"] .modal-foot');
    const r = await audit(dev.page, 'submit-confirm-dialog');
    expect(r.findings).toEqual([]);
    await click(dev.page, '[role="dialog"] .modal-foot button', '取消');
    await dev.page.waitForFunction(() => !document.querySelector('[role="dialog"]'));
  }, 120_000);

  it('rough edge 7: real service icons, selects start with 请选择, one 草稿 tag, registration steps done only when done', async () => {
    const anon = await b.anonymous();
    await goto(anon.page, b.app.url, '/');
    await anon.page.waitForSelector('.service-icon');
    const icons = await anon.page.$$eval('.service-icon', (els) => els.map((e) => ({ svg: !!e.querySelector('svg'), text: e.textContent?.trim() })));
    expect(icons.length).toBeGreaterThan(3);
    expect(icons.every((i) => i.svg && i.text === '')).toBe(true);
    await screenshot(anon.page, 'a11y-home-service-icons');

    await goto(anon.page, b.app.url, '/register/developer');
    await anon.page.waitForSelector('#reg-password');
    const stepsOn = () => anon.page.$$eval('.steps li.on', (els) => els.map((e) => e.textContent));
    expect(await stepsOn()).toEqual([]);
    await setValue(anon.page, '#reg-password', 'Abcd@12345x');
    await setValue(anon.page, '#reg-confirm', 'Abcd@12345x');
    expect(await stepsOn()).toEqual(['设置密码']);

    const dev = await b.as('开发商', DEVELOPER);
    await goto(dev.page, b.app.url, '/workspace/new/area-filing');
    await dev.page.waitForSelector('#root_propertyType');
    const first = await dev.page.$eval('#root_propertyType', (el) => ({ value: (el as HTMLSelectElement).value, text: (el as HTMLSelectElement).options[0].text }));
    expect(first).toEqual({ value: '', text: '请选择' });

    const draft = await (await b.app.login(DEVELOPER)).post('/api/cases', { type: 'area-filing', data: { projectName: '草稿小区' } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    await goto(dev.page, b.app.url, `/workspace/cases/${draft.body.id}`);
    await dev.page.waitForSelector('.case-tags');
    expect(await dev.page.$$eval('.case-tags .tag', (els) => els.map((e) => e.textContent))).toEqual(['草稿']);

    // Rough edge 4: at 1366 × 768 the inbox's 操作 column is inside its panel, its 办理 button clickable.
    const reviewer = await b.as('管理部门', 'reviewer1');
    await goto(reviewer.page, b.app.url, '/inbox');
    await reviewer.page.waitForSelector('.inbox-table tbody td:last-child a');
    const fit = await reviewer.page.evaluate(() => {
      const box = document.querySelector('.inbox-table')!.closest('.panel')!.getBoundingClientRect();
      const ops = [...document.querySelectorAll('.inbox-table th')].find((th) => th.textContent === '操作')!.getBoundingClientRect();
      const button = document.querySelector('.inbox-table tbody td:last-child a')!.getBoundingClientRect();
      const hit = document.elementFromPoint(button.left + button.width / 2, button.top + button.height / 2);
      return { inside: ops.left >= box.left && ops.right <= box.right && ops.right <= window.innerWidth, clickable: hit?.closest('a')?.textContent };
    });
    expect(fit).toEqual({ inside: true, clickable: '办理' });
    await screenshot(reviewer.page, 'a11y-inbox-1366', false);
  }, 120_000);
});
