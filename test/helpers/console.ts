// Clicking in the admin console, shared by its browser tests.
import type { Page } from 'puppeteer-core';

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
