// Every business type the demo applicants may start, through its generated form: open 新建 from
// the left menu's page, fill the form from the type's example as far as generic filling goes
// (typing, selects, radios, table rows, uploads), 保存草稿 (提交 for a type without drafts, whose
// first state is not editable), and find the case in 我的业务. Types are read from the definitions
// on disk, so a new type is covered without a new test. The types only owners or departments
// start are driven to their end in public-services.e2e.test.ts and department-services.e2e.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../engine/config.js';
import { getPointer } from '../../engine/registry/index.js';
import { click, goto, hasChromium, screenshot, submitAndConfirm, useBrowserApp, waitForText } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc

const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, ...p), 'utf8')) as Json;
const users = readJson('seed', 'accounts.json').users as Array<{ username: string; role: string }>;
// The portal's login tab for each applicant role (types departments start are not 我的业务 of an applicant).
const TABS: Record<string, string> = { developer: '开发商', company: '物业公司', committee: '业委会', owner: '业主' };
const types = fs.readdirSync(path.join(ROOT_DIR, 'types')).filter((f) => f.endsWith('.json'))
  .map((f) => ({ id: f.slice(0, -5), settings: readJson('types', f) }))
  .filter((t) => !t.settings.registration && !t.settings.admin)
  .map((t) => ({ ...t, user: users.find((u) => (t.settings.starters as string[]).includes(u.role) && TABS[u.role]) }))
  .map((t) => {
    const workflow = readJson('workflows', `${t.id}.workflow.json`);
    return { ...t, keepsDraft: !!workflow.states[workflow.initial]?.meta?.editable };
  });

describe.skipIf(!hasChromium())('每种业务的新建表单（浏览器）', () => {
  const b = useBrowserApp();

  for (const t of types) {
    it.skipIf(!t.user)(`${t.settings.title}（${t.id}）：填写表单并${t.keepsDraft ? '保存草稿' : '提交'}`, async () => {
      const { app } = b;
      const s = await b.as(TABS[t.user!.role], t.user!.username);
      const def = (await (await app.login(t.user!.username)).get(`/api/types/${t.id}`)).body as Json;
      // From the business's own page in the left menu, 新建.
      await goto(s.page, app.url, `/workspace/types/${t.id}`);
      await click(s.page, '.panel-extra a', '新建');
      await s.page.waitForSelector('.schema-form form');
      const example = (def.examples?.[0] ?? {}) as Json;
      const skipped = await fillForm(s.page, def.schema, def.uiSchema, example);
      if (skipped.length) console.log(`[${t.id}] not filled: ${skipped.join('; ')}`);
      if (t.id === types.find((x) => x.user)?.id) await screenshot(s.page, `12-new-${t.id}`);
      // Usable at 1366×768: a wide table scrolls inside its panel, the page itself never sideways.
      const widths = await s.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(widths[0], 'page wider than the window').toBeLessThanOrEqual(widths[1]);

      if (t.keepsDraft) await click(s.page, '.form-actions button', '保存草稿');
      else await submitAndConfirm(s.page, '提交');
      await s.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 20_000 });
      await waitForText(s.page, t.keepsDraft ? '草稿已保存' : '已提交');
      const number = (await s.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
      expect(number).toMatch(new RegExp(`^${t.settings.numberPrefix}-`));

      // 我的业务 of this type: the type's list columns, with the values the form was filled with.
      await goto(s.page, app.url, `/workspace/cases?type=${t.id}`);
      await waitForText(s.page, number);
      const columns = (t.settings.listColumns ?? []) as Array<{ field: string; title: string }>;
      const headers = await s.page.$$eval('.grid-table thead th', (ths) => ths.map((th) => th.textContent?.trim()));
      expect(headers).toEqual(expect.arrayContaining(columns.map((c) => c.title)));
      const row = await s.page.$$eval('.grid-table tbody tr', (trs, n) => (trs.find((tr) => tr.textContent?.includes(n)) as HTMLElement | undefined)?.innerText ?? '', number);
      const typed = columns.map((c) => getPointer(example, c.field)).filter((v): v is string => typeof v === 'string' && v.length > 1);
      if (typed.length) expect(typed.some((v) => row.includes(v)), `${t.id}: one of ${typed.join('、')} in「${row}」`).toBe(true);
    }, 60_000);
  }
});
