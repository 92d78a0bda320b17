// Shared steps of the register tests (企业人员, 设施设备, 巡检/维保, 小区动态, 企业信息详情): add a
// record and save it in one go (as the 添加 → 保存 button does), edit it with UPDATE, unique valid
// ID numbers, an Excel template filled by column title, and short timer periods for plan tests.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { example, type Client, type Res, type TestApp } from './app.js';
import { idNumber } from './filings-a.js';
import { uploadXlsx } from './xlsx.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- form data is read ad hoc in tests

export { AREA_ID, COMPANY, OTHER_COMPANY, givenContract, waitFor } from './services.js';
export const COMMITTEE = 'MC0001X74'; // 锦绣花园业主委员会

let serial = 100;
/** A fresh valid ID number of someone born on `birth` (YYYYMMDD); male when `male`. */
export function freshId(birth = '19900307', male = true): string {
  serial += 1;
  const seq = String(serial % 100).padStart(2, '0') + (male ? '1' : '2');
  return idNumber(`440604${birth}${seq}`);
}

/** The form's first example with the overrides (top-level fields replaced). */
export const exampleOf = (schema: { examples?: unknown[] }, overrides: Data = {}): Data => ({ ...example(schema), ...overrides });

/** 添加 then 保存: a new case of the type saved with its first event (SAVE by default). */
export async function addAndSave(c: Client, type: string, data: Data, event = 'SAVE'): Promise<{ created: Data; saved: Res }> {
  const created = await c.post('/api/cases', { type, data });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const saved = await c.post(`/api/cases/${created.body.id}/events`, { event, version: created.body.version });
  return { created: created.body, saved };
}

/** Like addAndSave, but the save must succeed: the case view. */
export async function added(c: Client, type: string, data: Data, event = 'SAVE'): Promise<Data> {
  const { saved } = await addAndSave(c, type, data, event);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
}

/** 修改 in an editable state: the UPDATE event carrying the whole new data. */
export async function update(c: Client, id: number, change: (data: Data) => Data): Promise<Res> {
  const view = (await c.get(`/api/cases/${id}`)).body;
  return c.post(`/api/cases/${id}/events`, { event: 'UPDATE', data: change(structuredClone(view.data)), version: view.version });
}

/** An event with a decision (e.g. LEAVE with the 离职 confirmation) on one's own case. */
export async function act(c: Client, id: number, event: string, decision?: Data): Promise<Res> {
  const view = (await c.get(`/api/cases/${id}`)).body;
  return c.post(`/api/cases/${id}/events`, { event, version: view.version, ...(decision ? { decision } : {}) });
}

/** The error detail on one field (JSON pointer) of a 400/422 answer. */
export function errorOn(res: Res, field: string): Data {
  const d = (res.body.error?.details ?? []).find((x: Data) => x.field === field);
  expect(d, `no error on ${field}: ${JSON.stringify(res.body)}`).toBeTruthy();
  return d;
}

/** Titles of the cases a list answers. */
export const titles = (res: Res): string[] => res.body.items.map((x: Data) => x.title);

/** The type's import template downloaded and filled: each row given by column title (without *). */
export async function filledTemplate(c: Client, type: string, rows: Array<Record<string, ExcelJS.CellValue>>): Promise<Buffer> {
  const res = await c.get(`/api/types/${type}/excel-template`);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const heads = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace(/^\*/, ''));
  for (const r of rows) {
    for (const t of Object.keys(r)) expect(heads, `no column ${t}`).toContain(t);
    ws.addRow(heads.slice(1).map((h) => r[h] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const importCases = (c: Client, type: string, file: Buffer) => uploadXlsx(c, `/api/types/${type}/import-cases`, file, `${type}.xlsx`);

/** Publishes a new version of a type whose data-driven delays count in seconds (short periods). */
export async function delaysInSeconds(app: TestApp, typeId: string): Promise<void> {
  const current = app.engine.registry.current(typeId)!;
  const delays = Object.fromEntries(Object.entries(current.settings.delays ?? {}).map(([k, v]) => [k, typeof v === 'object' ? { ...v, unit: 'second' as const } : v]));
  const published = await app.engine.registry.publish({ ...current, settings: { ...current.settings, delays } }, { source: 'test' });
  expect(published.version).toBeGreaterThan(current.version);
}
