// Browser tests: Debian's Chromium driven by puppeteer-core against a real test server that
// serves the built renderer. Helpers speak the user's language: log in through the portal, click
// a button by its text, read what the page says, take a screenshot.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ROOT_DIR } from '../../engine/config.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './app.js';

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

/**
 * Clicks the visible, enabled element matching `selector` whose text contains `text`, found and
 * clicked in one step in the page (a page that re-renders as answers arrive may replace a handle
 * found a moment before).
 */
export async function press(page: Page, selector: string, text: string, timeout = 45_000): Promise<void> {
  await page.waitForFunction((sel, t) => {
    const el = [...document.querySelectorAll(sel)].find((e) => (e as HTMLElement).innerText?.replace(/\s+/g, '').includes(t.replace(/\s+/g, '')) && (e as HTMLElement).offsetParent !== null) as HTMLElement | undefined;
    if (!el || (el as HTMLButtonElement).disabled) return false;
    el.scrollIntoView({ block: 'center' });
    el.click();
    return true;
  }, { timeout }, selector, text);
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

/** A clerk or reviewer finds a case by typing its number into the inbox search and pressing Enter. */
export async function openFromInbox(s: Session, base: string, number: string): Promise<void> {
  await goto(s.page, base, '/inbox');
  await s.page.waitForSelector('#inbox-search');
  await s.page.type('#inbox-search', number);
  await Promise.all([s.page.waitForFunction(() => location.pathname.startsWith('/inbox/cases/')), s.page.keyboard.press('Enter')]);
  await waitForText(s.page, number);
  await s.page.waitForSelector('.segmented');
}

/** A decision form's value: typed text, a 是/否 choice, or files to upload (their names). */
export type DecisionValue = string | number | boolean | { files: string[] };

/**
 * Chooses the decision by its title on the case's 办理 panel (inbox or case page), fills the
 * decision form's fields (by the end of their id: `opinion`, `items_0`) and confirms; waits for
 * 办理成功 (inbox) or 已<decision> (case page).
 */
export async function decide(s: Session, action: string, fields: Record<string, DecisionValue> = {}): Promise<void> {
  await click(s.page, '.segment', action);
  // The decision form is drawn for the chosen decision: fill it only once it is that one's.
  await s.page.waitForFunction((a) => [...document.querySelectorAll('.segment.on')].some((el) => el.textContent?.includes(a)), {}, action);
  for (const [suffix, value] of Object.entries(fields)) {
    const field = `[id^="decision_"][id$="_${suffix}"]`;
    if (typeof value === 'boolean') {
      // 是/否 radios: option 0 is 是.
      const radio = `[id^="decision_"][id$="_${suffix}-${value ? 0 : 1}"]`;
      await s.page.waitForSelector(radio);
      await s.page.$eval(radio, (el) => (el as HTMLInputElement).click());
    } else if (typeof value === 'object') {
      const input = await s.page.waitForSelector(`${field}[type=file]`);
      for (const [i, name] of value.files.entries()) {
        await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(pdfFile(name));
        await s.page.waitForFunction((sel, n) => (document.querySelector(sel)?.closest('.files-widget')?.querySelectorAll('.files-list li').length ?? 0) > n, { timeout: 20_000 }, `${field}[type=file]`, i);
      }
    } else await setValue(s.page, field, String(value));
  }
  await click(s.page, '.action-panel button', `确认${action}`);
  const outcome = await s.page.waitForFunction((a) => {
    const ok = [...document.querySelectorAll('.alert-success')].some((el) => el.textContent?.includes('办理成功') || el.textContent?.includes(`已${a}`));
    const error = document.querySelector('.action-panel .alert-error') as HTMLElement | null;
    return ok ? 'ok' : error ? error.innerText : false;
  }, { timeout: 20_000 }, action);
  const said = await outcome.jsonValue();
  if (said !== 'ok') throw new Error(`${action}: ${said}`);
}

/**
 * The applicant's 保存并提交 (or 提交, 提交报修 … by its text) under a form, then 确认… in the
 * confirmation dialog it opens; waits until the dialog has closed (the page is sending). A form the
 * browser refuses opens no dialog: its errors are thrown.
 */
export async function submitAndConfirm(page: Page, button = '保存并提交'): Promise<void> {
  await press(page, '.form-actions button', button);
  const opened = await page.waitForFunction(() => {
    if (document.querySelector('[role="dialog"][aria-modal="true"] .modal-foot')) return 'dialog';
    const refused = document.querySelector('.form-error-list') as HTMLElement | null;
    return refused ? refused.innerText : false;
  }, { timeout: 45_000 });
  const said = await opened.jsonValue();
  if (said !== 'dialog') throw new Error(`${button}: no confirmation, the form says ${said}`);
  await press(page, '[role="dialog"] .modal-foot button.btn-primary', '确认');
  await page.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 45_000 });
}

/** A test file's server and browser, and its signed-in windows (one per user, reused across tests). */
export interface BrowserApp {
  readonly app: TestApp;
  readonly browser: Browser;
  /** A window signed in through the portal's login box (tab, then code or username): opened once per user. */
  as(tab: string, username: string, password?: string): Promise<Session>;
  /** A window of someone not signed in (the public). */
  anonymous(): Promise<Session>;
}

/**
 * Starts the file's test server (its own fresh database) and one Chromium before its tests and
 * closes both after them: the block every browser test file begins with.
 */
export function useBrowserApp(): BrowserApp {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const sessions = new Map<string, Promise<Session>>();
  beforeAll(async () => {
    if (!rendererBuilt()) throw new Error('renderer/dist is missing: run `npm run build` (the test run builds it in globalSetup)');
    [app, browser] = await Promise.all([startTestApp(), launch()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  // A failed test leaves a picture of every signed-in window: build/screenshots/failed-<test>-<user>.png.
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
      for (const [user, pending] of sessions) {
        const s = await pending.catch(() => undefined);
        if (s && !s.page.isClosed()) await s.page.screenshot({ path: path.join(SCREENSHOTS, `failed-${name}-${user}.png`) as `${string}.png`, fullPage: true }).catch(() => undefined);
      }
    });
  });
  const ready = () => {
    if (!app || !browser) throw new Error('useBrowserApp: the server and browser start in beforeAll');
    return { app, browser };
  };
  return {
    get app() { return ready().app; },
    get browser() { return ready().browser; },
    as(tab, username, password) {
      let s = sessions.get(username);
      if (!s) {
        const { app: a, browser: b } = ready();
        s = openSession(b, a.url).then(async (session) => {
          await portalLogin(session.page, a.url, tab, username, password);
          return session;
        });
        sessions.set(username, s);
        s.catch(() => sessions.delete(username));
      }
      return s;
    },
    anonymous() {
      const { app: a, browser: b } = ready();
      return openSession(b, a.url);
    },
  };
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
