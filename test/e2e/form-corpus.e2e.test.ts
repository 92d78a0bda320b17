// The form corpus in Chromium: every shape the check passes is published through the admin API,
// opened by an applicant from 新建, filled from its example the way a person fills a form, saved as
// a draft, submitted and accepted by the server (the case leaves 草稿) — with no script error on
// the page and no "[object Object]" or raw JSON shown. Shapes the check refuses are covered by
// test/form-corpus.test.ts. One browser, one server, the whole corpus.
import { describe, expect, it } from 'vitest';
import { click, goto, hasChromium, screenshot, submitAndConfirm, useBrowserApp, waitForText } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';
import { corpusBundle, loadCorpus } from '../helpers/form-corpus.js';

const DEV = '91440604MA4UJ5RW2R';
const working = loadCorpus().filter((f) => !f.refused);

describe.skipIf(!hasChromium())('表单样例库（浏览器）：检查通过的表单都能填写、保存、提交', () => {
  const b = useBrowserApp();

  for (const f of working) {
    it(`${f.title}`, async () => {
      const { app } = b;
      const admin = await app.login('admin');
      expect((await admin.post(`/api/admin/types/${f.id}/publish`, corpusBundle(f))).status).toBe(200);
      const s = await b.as('开发商', DEV);
      s.errors.length = 0;
      await goto(s.page, app.url, `/workspace/types/${f.id}`);
      await click(s.page, '.panel-extra a', '新建');
      await s.page.waitForSelector('.schema-form form');
      const skipped = await fillForm(s.page, f.schema, f.uiSchema, (f.schema.examples?.[0] ?? {}) as Record<string, unknown>);
      expect(skipped, 'fields the filler could not reach').toEqual([]);
      const text = await s.page.$eval('.schema-form', (el) => (el as HTMLElement).innerText);
      expect(text).not.toContain('[object Object]');
      expect(text).not.toMatch(/[{[]\s*"/);
      if (f.file.startsWith('06-')) await screenshot(s.page, `form-corpus-${f.file.slice(0, -5)}`);

      await click(s.page, '.form-actions button', '保存草稿');
      await s.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), { timeout: 20_000 });
      await waitForText(s.page, '草稿已保存');
      const id = Number((await s.page.evaluate(() => location.pathname)).split('/').pop());
      await submitAndConfirm(s.page, '提交');
      await waitForText(s.page, '已提交');
      const stored = (await (await app.login(DEV)).get(`/api/cases/${id}`)).body;
      expect(stored.state).toBe('submitted');
      expect(s.errors, 'script errors on the page').toEqual([]);
    }, 60_000);
  }
});
