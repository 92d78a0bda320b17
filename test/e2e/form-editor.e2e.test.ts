// The field editor in a real browser, by clicks only (the JSON tabs are never opened): an
// administrator builds a form with a nested group, a list of strings, a multi-select, a field shown
// only for 住宅, a date range, defaults and placeholders — no identifier typed, all generated from
// the Chinese titles. Publishing completes the type (申请表, title field); a developer then files
// it through the generated form and the server accepts it with every value.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { TestApp } from '../helpers/app.js';
import { goto, hasChromium, openSession, portalLogin, press, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText, type Session } from '../helpers/browser.js';
import { createTypeInConsole, openConsole } from '../helpers/console.js';
import { fillForm } from '../helpers/form-filler.js';

const DEVELOPER = '91440604MA4UJ5RW2R';
const TYPE = 'decoration-filing';
const LONG = { timeout: 45_000 };

describe.skipIf(!hasChromium())('字段编辑器：点选建立表单（浏览器）', () => {
  const b = useBrowserApp();
  let app: TestApp;
  let browser: Browser;
  let admin: Session;
  beforeAll(() => { ({ app, browser } = b); });
  const page = () => admin.page;

  const tap = async (selector: string) => { await page().waitForSelector(selector); await page().$eval(selector, (el) => (el as HTMLElement).click()); };
  const check = async (selector: string) => {
    await page().waitForSelector(selector);
    if (!await page().$eval(selector, (el) => (el as HTMLInputElement).checked)) await page().$eval(selector, (el) => (el as HTMLInputElement).click());
  };
  const fieldText = (name: string) => page().$eval(`.field-item[data-field="${name}"]`, (el) => (el as HTMLElement).innerText);
  /** Adds a field of a kind and gives it a Chinese title; its name is generated and waited for. */
  async function addField(kind: string, title: string, expectedName: string) {
    await setValue(page(), '#add-field-kind', kind);
    await tap('#add-field');
    await page().waitForFunction(() => !!document.querySelector('.field-item.open #fe-title'), LONG);
    await setValue(page(), '#fe-title', title);
    await page().waitForSelector(`.field-item.open[data-field="${expectedName}"] #fe-title`, LONG);
  }

  it('builds the form by clicks: group, list of strings, multi-select, conditional field, date range, defaults, placeholders', async () => {
    admin = await openConsole(browser, app.url);
    await createTypeInConsole(page(), '装饰装修登记', { id: TYPE });

    await addField('text', '项目名称', 'projectName');
    await check('#fe-required');
    await setValue(page(), '#fe-placeholder', '如：锦绣花园3栋装修');

    await addField('select', '物业类型', 'wuYeLeiXing');
    await setValue(page(), '#fe-options', '住宅\n商业');
    await check('#fe-required');
    await page().waitForFunction(() => [...(document.querySelector('#fe-default') as HTMLSelectElement).options].some((o) => o.value === '住宅'), LONG);
    await setValue(page(), '#fe-default', '住宅');

    await addField('integer', '户数', 'huShu');
    await setValue(page(), '#fe-min', '1');
    await setValue(page(), '#fe-default', '1');
    await setValue(page(), '#fe-cond-mode', 'show');
    await page().waitForSelector('#fe-cond-0-field');
    await setValue(page(), '#fe-cond-0-field', 'wuYeLeiXing');
    await page().waitForFunction(() => document.querySelector('.field-item[data-field="huShu"]')?.textContent?.includes('当「物业类型」为“住宅”时显示'), LONG);

    await addField('group', '房屋信息', 'fangWuXinXi');
    await setValue(page(), '#fe-fangWuXinXi-add-kind', 'number');
    await tap('#fe-fangWuXinXi-add');
    await page().waitForSelector('#fe-fangWuXinXi-title');
    await setValue(page(), '#fe-fangWuXinXi-title', '建筑面积');
    await page().waitForSelector('.nested-fields .field-item[data-field="jianZhuMianJi"]', LONG);
    await setValue(page(), '#fe-fangWuXinXi-placeholder', '单位：平方米');
    await check('#fe-fangWuXinXi-required');
    expect(await fieldText('fangWuXinXi')).toContain('分组（一组字段）（2 项）');
    await screenshot(page(), 'form-editor-group', false);
    // A number's unit follows its input in the applicant's form; its "?" explains it with an example.
    await setValue(page(), '#fe-fangWuXinXi-unit', '平方米');
    await page().waitForFunction(() => document.querySelector('#preview_fangWuXinXi_jianZhuMianJi')?.closest('.input-with-unit')?.textContent?.includes('平方米'), LONG);
    await page().$eval('#fe-fangWuXinXi-unit', (el) => el.scrollIntoView({ block: 'center' }));
    await tap('button[aria-label="说明：单位"]');
    await waitForText(page(), '例如“平方米”');
    await screenshot(page(), 'form-editor-help-1366x768', false);
    await tap('button[aria-label="说明：单位"]');

    await addField('tags', '联系电话', 'phone');
    await setValue(page(), '#fe-min', '1');
    await addField('multiselect', '装修内容', 'zhuangXiuNeiRong');
    await setValue(page(), '#fe-options', '水电\n墙面\n地面');
    await addField('daterange', '施工期限', 'shiGongQiXian');
    await check('#fe-required');

    // The preview is the applicant's form: 住宅 is preselected, so 户数 shows with its default.
    await page().waitForFunction(() => (document.querySelector('#preview_huShu') as HTMLInputElement | null)?.value === '1', LONG);
    expect(await page().$eval('#preview_projectName', (el) => (el as HTMLInputElement).placeholder)).toBe('如：锦绣花园3栋装修');
    expect(await page().$eval('#preview_fangWuXinXi_jianZhuMianJi', (el) => (el as HTMLInputElement).placeholder)).toBe('单位：平方米');
    await page().waitForFunction(() => document.querySelector('.lint-state')?.textContent?.includes('检查通过'), LONG);
    await screenshot(page(), 'form-editor');
    await screenshot(page(), 'form-editor-1366x768', false);
    // On a phone the field list wraps its rows: no field row is wider than the list.
    await page().setViewport({ width: 390, height: 844 });
    await press(page(), '.field-item[data-field="fangWuXinXi"] button', '编辑');
    await page().waitForSelector('#fe-fangWuXinXi-add');
    await page().$eval('.field-item[data-field="fangWuXinXi"]', (el) => el.scrollIntoView());
    await screenshot(page(), 'form-editor-390x844', false);
    expect(await page().$$eval('.field-row', (rows) => rows.filter((r) => r.scrollWidth > r.clientWidth + 1).length)).toBe(0);
    await page().setViewport({ width: 1366, height: 768 });
    // Not one identifier was typed, and no field fell back to JSON.
    expect(await page().$$eval('ol[aria-label="表单字段"] > .field-item', (l) => l.map((e) => (e as HTMLElement).dataset.field)))
      .toEqual(['district', 'projectName', 'wuYeLeiXing', 'huShu', 'fangWuXinXi', 'phone', 'zhuangXiuNeiRong', 'shiGongQiXian']);
    expect(await page().$eval('.form-designer', (el) => (el as HTMLElement).innerText)).not.toContain('仅 JSON 编辑');
  }, 180_000);

  it('publishes with the plain workflow; the new type is completed (申请表, title field, list columns, menu)', async () => {
    await press(page(), '.editor-actions button', '发布');
    await press(page(), '.modal-foot button', '发布为版本1');
    await waitForText(page(), '已发布为版本 1', 45_000);
    const exported = (await (await app.login('admin')).get(`/api/admin/types/${TYPE}/export`)).body;
    const v = exported.versions[exported.versions.length - 1];
    expect(v.settings).toMatchObject({ titleField: '/projectName', menu: '物业管理' });
    expect(v.settings.listColumns.length).toBeGreaterThan(0);
    expect(v.prints.application).toContain('<h2>房屋信息</h2>');
  }, 90_000);

  /**
   * A developer files the type through its generated form with `data` (every field filled by
   * clicks and typing, none skipped); `check` runs on the form before 保存并提交. Answers the
   * stored case.
   */
  async function fileAsDeveloper(data: Record<string, unknown>, check?: (p: Session['page']) => Promise<unknown>) {
    const dev = await openSession(browser, app.url);
    dev.page.setDefaultTimeout(45_000);
    await portalLogin(dev.page, app.url, '开发商', DEVELOPER);
    await goto(dev.page, app.url, `/workspace/new/${TYPE}`);
    await dev.page.waitForSelector('#root_projectName');
    const type = (await (await app.login(DEVELOPER)).get(`/api/types/${TYPE}`)).body;
    expect(await fillForm(dev.page, type.schema, type.uiSchema, data)).toEqual([]);
    await check?.(dev.page);
    await submitAndConfirm(dev.page);
    await dev.page.waitForFunction(() => /^\/workspace\/cases\/\d+$/.test(location.pathname), LONG);
    await waitForText(dev.page, '已保存并提交');
    const id = new URL(dev.page.url()).pathname.split('/').pop();
    await dev.context.close();
    return (await (await app.login(DEVELOPER)).get(`/api/cases/${id}`)).body;
  }

  it('a developer files it through the generated form and the server accepts every value', async () => {
    const data = {
      district: '440604', projectName: '锦绣花园3栋装修', wuYeLeiXing: '住宅', huShu: 12, fangWuXinXi: { name: '3栋', jianZhuMianJi: 120 },
      phone: ['13800138000'], zhuangXiuNeiRong: ['水电', '地面'], shiGongQiXian: { start: '2026-03-01', end: '2026-04-30' },
    };
    const stored = await fileAsDeveloper(data);
    expect(stored.data).toMatchObject(data);
    expect(stored.title).toBe('锦绣花园3栋装修');
  }, 120_000);

  it('the other branch of the condition: for 商业 the browser hides 户数 and the filing goes through without it', async () => {
    const data = {
      district: '440604', projectName: '锦绣商场装修', wuYeLeiXing: '商业', fangWuXinXi: { name: '商场', jianZhuMianJi: 800 },
      phone: ['13900139000'], zhuangXiuNeiRong: ['水电'], shiGongQiXian: { start: '2026-05-01', end: '2026-05-31' },
    };
    // 住宅 was preselected and showed 户数; choosing 商业 takes it away.
    const stored = await fileAsDeveloper(data, (p) => p.waitForFunction(() => !document.querySelector('#root_huShu'), LONG));
    expect(stored.data).toMatchObject(data);
  }, 120_000);
});
