// Every business type the demo applicants may start, through its generated form: open 新建 from
// the left menu's page, fill the form from the type's example as far as generic filling goes
// (typing, selects, radios, table rows, uploads), 保存草稿, and find the draft in 我的业务.
// Types are read from the definitions on disk, so a new type is covered without a new test.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { ROOT_DIR } from '../../engine/config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { click, goto, hasChromium, launch, openSession, portalLogin, rendererBuilt, screenshot, waitForText, type Session } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- definitions are read ad hoc

const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, ...p), 'utf8')) as Json;
const users = readJson('seed', 'accounts.json').users as Array<{ username: string; role: string }>;
// The portal's login tab for each applicant role (types departments start are not 我的业务 of an applicant).
const TABS: Record<string, string> = { developer: '开发商', company: '物业公司', committee: '业委会', owner: '业主' };
const types = fs.readdirSync(path.join(ROOT_DIR, 'types')).filter((f) => f.endsWith('.json'))
  .map((f) => ({ id: f.slice(0, -5), settings: readJson('types', f) }))
  .filter((t) => !t.settings.registration && !t.settings.admin)
  .map((t) => ({ ...t, user: users.find((u) => (t.settings.starters as string[]).includes(u.role) && TABS[u.role]) }));

describe.skipIf(!hasChromium())('每种业务的新建表单（浏览器）', () => {
  let app: TestApp;
  let browser: Browser;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    if (!rendererBuilt()) throw new Error('renderer/dist is missing: run `npm run build`');
    [app, browser] = await Promise.all([startTestApp(), launch()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function sessionFor(user: { username: string; role: string }): Promise<Session> {
    let s = sessions.get(user.username);
    if (!s) {
      s = await openSession(browser, app.url);
      await portalLogin(s.page, app.url, TABS[user.role], user.username);
      sessions.set(user.username, s);
    }
    return s;
  }

  for (const t of types) {
    it.skipIf(!t.user)(`${t.settings.title}（${t.id}）：填写表单并保存草稿`, async () => {
      const s = await sessionFor(t.user!);
      const def = (await (await app.login(t.user!.username)).get(`/api/types/${t.id}`)).body as Json;
      // From the business's own page in the left menu, 新建.
      await goto(s.page, app.url, `/workspace/types/${t.id}`);
      await click(s.page, '.panel-extra a', '新建');
      await s.page.waitForSelector('.schema-form form');
      const example = (def.examples?.[0] ?? {}) as Json;
      const skipped = await fillForm(s.page, def.schema, def.uiSchema, example);
      if (skipped.length) console.log(`[${t.id}] not filled: ${skipped.join('; ')}`);
      if (t.id === types.find((x) => x.user)?.id) await screenshot(s.page, `12-new-${t.id}`);

      await click(s.page, '.form-actions button', '保存草稿');
      await s.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 20_000 });
      await waitForText(s.page, '草稿已保存');
      const number = (await s.page.$eval('.desc-grid .mono', (el) => el.textContent ?? '')).trim();
      expect(number).toMatch(new RegExp(`^${t.settings.numberPrefix}-`));

      await goto(s.page, app.url, `/workspace/cases?type=${t.id}`);
      await waitForText(s.page, number);
    }, 60_000);
  }
});
