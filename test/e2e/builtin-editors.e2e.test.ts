// Every built-in type opens in the console's field editor and step editor as an administrator
// sees it, in Chromium: its fields are rows of the field list (none 「其他（仅 JSON 编辑）」) and
// its workflow is steps (no 「请在流程 JSON 中编辑」 fallback). test/admin-console-models.test.ts
// proves the same of the models and that saving changes nothing; this proves the pages draw it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot, useBrowserApp, type Session } from '../helpers/browser.js';
import { openConsole } from '../helpers/console.js';
import { ROOT_DIR } from '../../engine/config.js';

const TYPE_IDS = fs.readdirSync(path.join(ROOT_DIR, 'types')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();

describe.skipIf(!hasChromium())('内置业务类型在可视化编辑器中打开（浏览器）', () => {
  const b = useBrowserApp();

  let admin: Session;
  const page = () => admin.page;

  for (const id of TYPE_IDS) {
    it(`${id}: 表单设计 shows every field as a row (none 仅 JSON 编辑), 流程设计 shows steps, no JSON-only fallback`, async () => {
      admin ??= await openConsole(b.browser, b.app.url);
      await page().goto(`${b.app.url}/admin/types/${id}?tab=form`, { waitUntil: 'domcontentloaded' });
      await page().waitForSelector('.field-item');
      const form = await page().$$eval('.field-item', (items) => ({
        fields: items.length,
        jsonOnly: items.filter((i) => (i as HTMLElement).innerText.includes('仅 JSON 编辑')).map((i) => i.getAttribute('data-field') ?? '?'),
      }));
      expect(form.fields).toBeGreaterThan(0);
      expect(form.jsonOnly).toEqual([]);

      await page().goto(`${b.app.url}/admin/types/${id}?tab=workflow`, { waitUntil: 'domcontentloaded' });
      await page().waitForFunction(() => document.querySelector('.step-card') || document.body.innerText.includes('环节编辑器无法显示'));
      const workflow = await page().evaluate(() => ({
        steps: document.querySelectorAll('.step-card').length,
        fallback: document.body.innerText.includes('环节编辑器无法显示'),
      }));
      expect(workflow.fallback).toBe(false);
      // A registration (register-*) is one step; every other type has at least two.
      expect(workflow.steps).toBeGreaterThanOrEqual(id.startsWith('register-') ? 1 : 2);
      if (id === 'complaint' || id === 'area-filing') await screenshot(page(), `builtin-editor-${id}-workflow`, false);
      expect(admin.errors).toEqual([]);
    }, 120_000);
  }
});
