// Browser tests: Debian's Chromium driven by puppeteer-core against a real test server that
// serves the built renderer. Helpers speak the user's language: log in through the portal, click
// a button by its text, read what the page says, take a screenshot.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { ROOT_DIR } from '../../engine/config.js';
import { DEMO_PASSWORD } from './app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);
export const SCREENSHOTS = path.join(ROOT_DIR, 'build', 'screenshots');
export const rendererBuilt = () => fs.existsSync(path.join(ROOT_DIR, 'renderer', 'dist', 'index.html'));

export async function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
}

export interface Session { context: BrowserContext; page: Page; errors: string[] }

/** A fresh browser profile (its own cookies) with one page at 1366×768. */
export async function openSession(browser: Browser, base: string, width = 1366, height = 768): Promise<Session> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/', { waitUntil: 'networkidle0' });
  return { context, page, errors };
}

export async function goto(page: Page, base: string, url: string): Promise<void> {
  await page.goto(base + url, { waitUntil: 'networkidle0' });
}

/** Waits until the page shows `text` somewhere in its visible text. */
export async function waitForText(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout }, text);
}

export const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

/** The first visible element matching `selector` whose text contains `text` (buttons, links, tabs). */
export async function byText(page: Page, selector: string, text: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction((sel, t) => {
    return [...document.querySelectorAll(sel)].find((el) => (el as HTMLElement).innerText?.replace(/\s+/g, '').includes(t.replace(/\s+/g, '')) && (el as HTMLElement).offsetParent !== null) ?? null;
  }, { timeout: 20_000 }, selector, text);
  return handle.asElement() as ElementHandle<Element>;
}

export async function click(page: Page, selector: string, text: string): Promise<void> {
  const el = await byText(page, selector, text);
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await el.click();
}

/** Sets a form control's value the way typing would (React sees input and change events). */
export async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.$eval(selector, (el, v) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Logs in through the portal's login box: the tab, the code or username, the password, 登录. */
export async function portalLogin(page: Page, base: string, tab: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await goto(page, base, '/');
  await click(page, '.login-tabs button', tab);
  await page.type('#login-username', username);
  await page.type('#login-password', password);
  await Promise.all([page.waitForFunction(() => !location.pathname.match(/^\/(login)?$/)), click(page, '.login-form button[type=submit]', '登录')]);
  await page.waitForNetworkIdle({ idleTime: 200 });
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined);
  if (!fullPage) {
    await page.screenshot({ path: file as `${string}.png` });
    return file;
  }
  // The whole page as one tall window, so sticky bars sit where they belong (not mid-page).
  const viewport = page.viewport()!;
  const height = await page.evaluate(() => { window.scrollTo(0, 0); return document.documentElement.scrollHeight; });
  await page.setViewport({ ...viewport, height: Math.min(height, 8000) });
  await page.screenshot({ path: file as `${string}.png` });
  await page.setViewport(viewport);
  return file;
}

/** A small PDF on disk, for the upload widgets. */
export function pdfFile(name: string): string {
  const dir = path.join(ROOT_DIR, 'build', 'e2e-files');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${name}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
  return file;
}
