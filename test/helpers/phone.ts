// Browser checks of a page as a phone (390 × 844) shows it: nothing wider than the screen, a key
// button reachable by the thumb (scrolled to, wholly on screen, not covered) and tapped, a wide
// table scrolling in its own focusable region with numbers on one line and names not broken one
// character per line.
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { byText } from './browser.js';

export const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true } as const;

/** The page does not scroll sideways: the elements that stick out are named in the failure. */
export async function expectFitsScreen(page: Page, step: string): Promise<void> {
  const fit = await page.evaluate(() => {
    const width = window.innerWidth;
    const wide = document.documentElement.scrollWidth;
    // Elements reaching past the screen's right edge that no scroll box of their own holds.
    const out = wide <= width ? [] : [...document.querySelectorAll('body *')].filter((el) => {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) return false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
      return true;
    }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`);
    return { width, wide, out };
  });
  expect(fit.wide, `${step}: the page is ${fit.wide} px wide on a ${fit.width} px screen (${fit.out.join(', ')})`).toBeLessThanOrEqual(fit.width);
}

/**
 * Taps the visible element matching `selector` whose text holds `text`, as a thumb would: scrolled
 * to, it must lie wholly on the screen and be the element found at its centre (not under a bar).
 */
export async function tap(page: Page, selector: string, text: string): Promise<void> {
  const el = await byText(page, selector, text);
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const seen = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      onScreen: r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight,
      uncovered: !!hit && (hit === e || e.contains(hit)),
    };
  });
  expect(seen, `「${text}」 on the phone's screen`).toEqual({ onScreen: true, uncovered: true });
  await el.click();
}

export interface TableOnPhone {
  /** Short cells (≤ 16 characters) whose text runs over more than two lines: broken per character. */
  squeezed: string[];
  /** Cells of numbers and codes (td.mono, td.nowrap) that wrap. */
  numbers: string[];
  /** The table's scroll box is a focusable, labelled region. */
  focusable: boolean;
  /** The box scrolls (the table is wider than the screen). */
  scrolls: boolean;
}

/** How the table `selector` is shown: its cells and its scroll box. */
export function tableOnPhone(page: Page, selector: string): Promise<TableOnPhone> {
  return page.$eval(selector, (t) => {
    const box = t.closest('.table-scroll') as HTMLElement;
    const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight) || 22;
    const textHeight = (el: Element) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().height; };
    const squeezed = [...t.querySelectorAll('tbody td')].filter((td) => textHeight(td) > 2.2 * lineHeight(td) && (td.textContent ?? '').length <= 16)
      .map((td) => td.textContent ?? '');
    const numbers = [...t.querySelectorAll('tbody td.mono, tbody td.nowrap')].filter((td) => textHeight(td) > 1.5 * lineHeight(td)).map((td) => td.textContent ?? '');
    return {
      squeezed, numbers,
      focusable: !!box && box.tabIndex === 0 && box.getAttribute('role') === 'region' && !!box.getAttribute('aria-label'),
      scrolls: !!box && box.scrollWidth > box.clientWidth,
    };
  });
}
