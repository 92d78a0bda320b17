// 机构注册 through the portal: from the home page's 开发商 tab to the generated registration form,
// the 《机构注册协议》 that must be ticked, the server's refusal of a code already registered shown
// beside the code, then 注册成功 and the first login with the new account.
import { describe, expect, it } from 'vitest';
import { bodyText, click, goto, hasChromium, screenshot, setValue, submitAndConfirm, useBrowserApp, waitForText } from '../helpers/browser.js';
import { fillForm } from '../helpers/form-filler.js';

const TAKEN = '91440604MA4UJ5RW2R'; // the demo developer's credit code
const PASSWORD = 'Nanzhuang#2026';

describe.skipIf(!hasChromium())('机构注册（浏览器）', () => {
  const b = useBrowserApp();

  it('a new developer registers on the portal and logs in with its credit code', async () => {
    const { app } = b;
    const { page } = await b.anonymous();
    await click(page, '.login-tabs button', '开发商');
    await click(page, '.login-links a', '注册');
    await page.waitForSelector('#reg_name');
    const types = (await app.client().get('/api/auth/registration-types')).body as Array<{ orgType: string; schema: any; uiSchema: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const developer = types.find((t) => t.orgType === 'developer')!;
    const example = developer.schema.examples[0] as Record<string, string>;
    expect(await fillForm(page, developer.schema, developer.uiSchema, { ...example, uscc: TAKEN }, 'reg')).toEqual([]);
    await setValue(page, '#reg-password', PASSWORD);
    await setValue(page, '#reg-confirm', PASSWORD);

    // Not ticking the agreement is refused beside the checkbox.
    await click(page, '.form-actions button', '提交注册');
    await waitForText(page, '请阅读并同意《机构注册协议》');
    await page.$eval('.agreement-box', (el) => el.scrollTo(0, el.scrollHeight));
    await page.click('#reg-agreement');
    await screenshot(page, '02-registration');

    // A code already registered: the server's answer appears beside the code field.
    await click(page, '.form-actions button', '提交注册');
    await page.waitForFunction(() => document.querySelector('#reg_uscc__error')?.textContent?.includes('已注册'));

    await setValue(page, '#reg_uscc', example.uscc);
    await click(page, '.form-actions button', '提交注册');
    await page.waitForSelector('.result-ok', { timeout: 20_000 });
    expect(await bodyText(page)).toContain(example.uscc);

    await click(page, 'a', '立即登录');
    await page.waitForSelector('#login-password');
    expect(await page.$eval('#login-username', (el) => (el as HTMLInputElement).value)).toBe(example.uscc);
    await page.type('#login-password', PASSWORD);
    await Promise.all([page.waitForFunction(() => location.pathname === '/workspace'), click(page, '.login-form button[type=submit]', '登录')]);
    await waitForText(page, example.name);
    await waitForText(page, '快捷入口');
  }, 90_000);

  it('a wrong password is answered in the login box', async () => {
    const { app } = b;
    const { page } = await b.anonymous();
    await goto(page, app.url, '/login');
    await page.type('#login-username', TAKEN);
    await page.type('#login-password', 'Wrong#Pass1');
    await click(page, '.login-form button[type=submit]', '登录');
    await waitForText(page, '用户名或密码错误');
  });

  it('the public files a business that needs no account (e.g. 投诉) and follows it with the 查询码', async () => {
    const { app } = b;
    const services = (await app.client().get('/api/public/services')).body.items as Array<{ id: string; title: string; publicStart?: boolean }>;
    const open = services.find((x) => x.publicStart);
    if (!open) return; // no such business defined in this installation
    const def = (await app.client().get(`/api/public/services/${open.id}`)).body;
    const { page } = await b.anonymous();
    await click(page, '.service-card', open.title);
    await page.waitForSelector('.schema-form form');
    const example = { ...(def.schema.examples?.[0] ?? {}) };
    const skipped = await fillForm(page, def.schema, def.uiSchema, example);
    if (skipped.length) console.log(`[${open.id}] not filled: ${skipped.join('; ')}`);
    await screenshot(page, '14-public-filing');
    await submitAndConfirm(page, '提交');
    await page.waitForSelector('.code-pair');
    const [number, code] = await page.$$eval('.code-pair dd', (dds) => dds.map((d) => d.textContent!.trim()));
    expect(number).toMatch(/-\d{4}-\d{6}$/);
    await click(page, 'a', '查询办理进度');
    await waitForText(page, '办理记录');
    expect(await bodyText(page)).toContain(number);
    // Without the code nothing is shown.
    await goto(page, app.url, `/track?number=${number}&code=${code}x`);
    await waitForText(page, '请核对业务编号与查询码');
  }, 60_000);
});
