// Clicking in the admin console, shared by its browser tests.
import type { Browser, Page } from 'puppeteer-core';
import { openSession, portalLogin, setValue, type Session } from './browser.js';

const LONG = { timeout: 45_000 };

/**
 * Clicks the visible element matching `selector` whose text contains `text`, found and clicked in
 * one step in the page (the console re-renders as the engine's check answers: a handle found a
 * moment before may already be replaced).
 */
export const press = (p: Page, selector: string, text: string) => p.waitForFunction((sel, t) => {
  const el = [...document.querySelectorAll(sel)].find((e) => (e as HTMLElement).innerText?.replace(/\s+/g, '').includes(t.replace(/\s+/g, '')) && (e as HTMLElement).offsetParent !== null) as HTMLElement | undefined;
  if (!el || (el as HTMLButtonElement).disabled) return false;
  el.scrollIntoView({ block: 'center' });
  el.click();
  return true;
}, { timeout: 45_000 }, selector, text);

/**
 * The administrator's window: signed in through the portal, on 系统管理 (reached from the header,
 * as the admin does). The console's pages wait on the engine's check: long timeouts; leaving an
 * editor with unsaved changes asks first (beforeunload), which the tests always accept.
 */
export async function openConsole(browser: Browser, base: string, width?: number, height?: number): Promise<Session> {
  const admin = await openSession(browser, base, width, height);
  admin.page.setDefaultTimeout(45_000);
  admin.page.on('dialog', (d) => { void d.accept(); });
  await portalLogin(admin.page, base, '管理部门', 'admin');
  await press(admin.page, '.mainnav a', '系统管理');
  await admin.page.waitForSelector('.admin-types');
  return admin;
}

/**
 * 新建业务类型 from the console's list: the title, then 创建并开始设计; waits for the new type's
 * editor with its field list. `id` is typed under 高级; `generated` is the id the title must
 * generate (waited for, not typed). Answers the type's id.
 */
export async function createTypeInConsole(page: Page, title: string, { id, generated }: { id?: string; generated?: string } = {}): Promise<string> {
  if (new URL(page.url()).pathname !== '/admin') await page.goto(new URL('/admin', page.url()).href, { waitUntil: 'networkidle0' });
  await press(page, '.panel-extra button', '新建业务类型');
  await setValue(page, '#new-type-title', title);
  if (id) await setValue(page, '#new-type-id', id);
  const want = id ?? generated;
  await page.waitForFunction((v) => {
    const typed = (document.querySelector('#new-type-id') as HTMLInputElement | null)?.value;
    return v ? typed === v : !!typed;
  }, LONG, want ?? '');
  const typeId = await page.$eval('#new-type-id', (el) => (el as HTMLInputElement).value);
  await press(page, '.modal-foot button', '创建并开始设计');
  await page.waitForFunction((t) => location.pathname === `/admin/types/${t}`, LONG, typeId);
  await page.waitForSelector('.field-item[data-field="district"]', LONG);
  return typeId;
}
