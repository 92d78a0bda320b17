// Fills a generated form in the browser from data (a type's schema example), field by field the
// way a person would: typing, choosing from selects and radios, ticking boxes, adding table rows
// and uploading files. Generic over every type; fields it cannot fill are reported, not fatal.
import type { Page } from 'puppeteer-core';
import { pdfFile, setValue } from './browser.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schemas and data are open-ended

// A DOM click, not a mouse click at coordinates: a sticky button bar may cover the control.
const domClick = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).click());
const rowExists = (page: Page, prefix: string) => page.evaluate((p) => !!document.querySelector(`[id^="${p}"]`), prefix);

function resolve(root: Json, s: Json | undefined): Json {
  let cur = s ?? {};
  for (let i = 0; i < 8 && typeof cur.$ref === 'string'; i++) cur = cur.$ref.slice(2).split('/').reduce((o: Json, k: string) => o?.[k], root) ?? {};
  return cur;
}

async function clickAdd(page: Page, containerId: string): Promise<void> {
  await page.$eval(`#${containerId}`, (el) => {
    const buttons = [...el.querySelectorAll('button')].filter((b) => /添加/.test(b.textContent ?? ''));
    (buttons[buttons.length - 1] as HTMLButtonElement | undefined)?.click();
  });
}

async function uploadInto(page: Page, id: string, count: number): Promise<void> {
  const input = await page.$(`#${id}[type=file]`);
  if (!input) throw new Error(`no upload input #${id}`);
  for (let i = 0; i < Math.max(1, Math.min(count, 2)); i++) {
    const before = await page.$eval(`#${id}`, (el) => el.closest('.files-widget')?.querySelectorAll('.files-list li').length ?? 0);
    await (input as unknown as { uploadFile(...f: string[]): Promise<void> }).uploadFile(pdfFile(`材料${i + 1}.pdf`));
    await page.waitForFunction((i2, n) => (document.getElementById(i2)?.closest('.files-widget')?.querySelectorAll('.files-list li').length ?? 0) > n, { timeout: 20_000 }, id, before);
  }
}

/** Selects the option for `value`: rjsf's enum selects use the enum index as option value. */
async function chooseOption(page: Page, id: string, value: unknown, enumValues?: unknown[]): Promise<void> {
  // Options may load from the server (registers, streets): wait for them.
  await page.waitForFunction((i) => {
    const el = document.getElementById(i) as HTMLSelectElement | null;
    return !!el && !el.disabled && [...el.options].some((o) => o.value !== '');
  }, { timeout: 10_000 }, id).catch(() => undefined);
  const options = await page.$eval(`#${id}`, (el) => [...(el as HTMLSelectElement).options].map((o) => ({ value: o.value, text: o.text.trim() })).filter((o) => o.value !== ''));
  const want = String(value);
  const index = enumValues ? enumValues.findIndex((e) => JSON.stringify(e) === JSON.stringify(value)) : -1;
  const pick = (options.find((o) => o.value === want) ?? options.find((o) => o.text === want)
    ?? (index >= 0 ? options.find((o) => o.value === String(index)) : undefined) ?? options[0])?.value;
  if (pick !== undefined) await setValue(page, `#${id}`, pick);
}

export async function fillForm(page: Page, schema: Json, uiSchema: Json, data: Json, idPrefix = 'root'): Promise<string[]> {
  const skipped: string[] = [];
  const walk = async (s0: Json | undefined, ui: Json | undefined, v: unknown, id: string): Promise<void> => {
    const s = resolve(schema, s0);
    const widget = ui?.['ui:widget'];
    if (v === undefined || v === null || ui?.['ui:readonly'] || s.readOnly || widget === 'hidden' || widget === 'percent') return;
    try {
      // One look at the element: what it is decides how to fill it.
      const el = await page.evaluate((i) => {
        const e = document.getElementById(i) as HTMLInputElement | null;
        return { tag: e?.tagName ?? '', type: e?.type ?? '', ro: !!e && (e.readOnly || (e.disabled && e.tagName !== 'SELECT')), options: !!document.getElementById(`${i}-0`) };
      }, id);
      // A value edited as text (e.g. a form definition in JSON) goes into its textarea whole.
      if (typeof v === 'object' && !Array.isArray(v) && el.tag === 'TEXTAREA') {
        await setValue(page, `#${id}`, JSON.stringify(v, null, 2));
        return;
      }
      // An option that is itself an object (an enum of objects) is chosen, not filled in.
      if (el.tag === 'SELECT' && Array.isArray(s.enum)) {
        await chooseOption(page, id, v, s.enum as unknown[]);
        return;
      }
      // Objects are filled field by field, also when their schema sits in an if/then branch.
      if (s.type === 'object' || (typeof v === 'object' && !Array.isArray(v))) {
        for (const [k, x] of Object.entries(v as Json)) await walk(s.properties?.[k], ui?.[k], x, `${id}_${k}`);
        return;
      }
      if (s.type === 'array' && Array.isArray(v)) {
        const items = resolve(schema, s.items);
        if (items.format === 'attachment' || widget === 'files') { if (v.length) await uploadInto(page, id, v.length); return; }
        if (items.enum) {
          for (const x of v) {
            const idx = (items.enum as unknown[]).indexOf(x);
            const box = `#${id}-${idx}`;
            if (idx >= 0 && await page.$(box)) {
              const checked = await page.$eval(box, (el) => (el as HTMLInputElement).checked);
              if (!checked) await domClick(page, box);
            }
          }
          return;
        }
        for (let i = 0; i < v.length; i++) {
          const prefix = items.type === 'object' || items.properties ? `${id}_${i}_` : `${id}_${i}`;
          if (!(await rowExists(page, prefix))) {
            await clickAdd(page, id);
            await page.waitForFunction((p) => !!document.querySelector(`[id^="${p}"]`), { timeout: 5000 }, prefix);
          }
          await walk(items, ui?.items, v[i], `${id}_${i}`);
        }
        return;
      }
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(el.tag)) {
        // Radios and checkboxes carry their option index in the id.
        if (el.options) {
          const options = s.type === 'boolean' ? [true, false] : (s.enum as unknown[] | undefined) ?? [];
          const idx = options.indexOf(v);
          if (idx >= 0) await domClick(page, `#${id}-${idx}`);
          return;
        }
        skipped.push(id);
        return;
      }
      const tag = el;
      if (tag.ro) return;
      if (tag.tag === 'SELECT') await chooseOption(page, id, v, s.enum as unknown[] | undefined);
      else if (tag.type === 'checkbox') {
        const checked = await page.$eval(`#${id}`, (el) => (el as HTMLInputElement).checked);
        if (checked !== !!v) await domClick(page, `#${id}`);
      } else await setValue(page, `#${id}`, String(v));
    } catch (e) {
      skipped.push(`${id}: ${(e as Error).message.split('\n')[0]}`);
    }
  };
  for (const [k, v] of Object.entries(data)) await walk(schema.properties?.[k], uiSchema?.[k], v, `${idPrefix}_${k}`);
  return skipped;
}
