// The helpers print templates may call, by name. Each is pure: its answer depends only on its
// arguments (and, for districtName, on the names passed in with the print context), so templates
// stay data and hold no logic. Everything returns text that Handlebars then escapes, except qr,
// which returns an <img> whose only variable part is a base64 data URI made here.
import Handlebars from 'handlebars';
import { qrDataUri } from './qr.js';

type Options = Handlebars.HelperOptions;
const CST_MS = 8 * 3600 * 1000; // printed times are China Standard Time (UTC+8, no daylight saving)

const isOptions = (v: unknown): v is Options => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

/** Calendar parts of a date-only string as written, or of a timestamp in China time. */
function parts(v: unknown): { y: number; m: number; d: number; hh: number; mm: number } | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (m) return { y: +m[1], m: +m[2], d: +m[3], hh: 0, mm: 0 };
  }
  const t = v instanceof Date ? v.getTime() : new Date(v as string).getTime();
  if (Number.isNaN(t)) return undefined;
  const c = new Date(t + CST_MS);
  return { y: c.getUTCFullYear(), m: c.getUTCMonth() + 1, d: c.getUTCDate(), hh: c.getUTCHours(), mm: c.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2025年6月30日; `{{formatDate x "time"}}` adds the time, `"iso"` gives 2025-06-30. */
export function formatDate(v: unknown, style?: unknown): string {
  const p = parts(v);
  if (!p) return '';
  if (style === 'iso') return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  const day = `${p.y}年${p.m}月${p.d}日`;
  return style === 'time' ? `${day} ${pad(p.hh)}:${pad(p.mm)}` : day;
}

export function yesno(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  return v === true || v === 'true' || v === 1 ? '是' : '否';
}

function grouped(n: number, digits: number | undefined): string {
  return n.toLocaleString('en-US', digits === undefined ? { maximumFractionDigits: 6 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 1,234.50 (two decimals). */
export function money(v: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  return v === undefined || v === null || v === '' || !Number.isFinite(n) ? '' : grouped(n, 2);
}

/** 128,000 or 42,000.5; `{{number x 2}}` fixes the decimals. */
export function number(v: unknown, digits?: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === undefined || v === null || v === '' || !Number.isFinite(n)) return '';
  return grouped(n, typeof digits === 'number' ? digits : undefined);
}

/** A share as a percentage: 0.7292 → 72.92%; `{{percent x 1}}` fixes the decimals (default 2). */
export function percent(v: unknown, digits?: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === undefined || v === null || v === '' || !Number.isFinite(n)) return '';
  return `${(n * 100).toFixed(typeof digits === 'number' && digits >= 0 && digits <= 6 ? digits : 2)}%`;
}

/** 1-based row numbers for tables: `{{seq @index}}`. */
export const seq = (i: unknown): number => (typeof i === 'number' ? i + 1 : 0);

/** A list of plain values as one line: 住宅、商业. */
export const join = (list: unknown, sep?: unknown): string =>
  Array.isArray(list) ? list.map((x) => String(x ?? '')).join(typeof sep === 'string' ? sep : '、') : list === undefined || list === null ? '' : String(list);

/** The name of a district or street code, from `names` in the print context. */
export function districtName(this: unknown, code: unknown, options: Options): string {
  if (typeof code !== 'string') return '';
  const names = (options?.data?.root as { names?: Record<string, string> } | undefined)?.names ?? {};
  return Object.hasOwn(names, code) ? names[code] : code;
}

/** A QR code of the text (the business number) as an image. */
export function qr(text: unknown, options?: unknown): Handlebars.SafeString {
  const s = typeof text === 'string' || typeof text === 'number' ? String(text) : '';
  if (!s) return new Handlebars.SafeString('');
  const size = isOptions(options) && typeof options.hash.size === 'string' && /^\d+(\.\d+)?(mm|px)$/.test(options.hash.size) ? options.hash.size : '22mm';
  return new Handlebars.SafeString(`<img class="qr" alt="" style="width:${size};height:${size}" src="${qrDataUri(s)}">`);
}

/** Helpers by name; the last argument Handlebars passes (its options) is dropped where unused. */
export const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  formatDate: (v: unknown, style: unknown) => formatDate(v, isOptions(style) ? undefined : style),
  yesno: (v: unknown) => yesno(v),
  money: (v: unknown) => money(v),
  number: (v: unknown, digits: unknown) => number(v, isOptions(digits) ? undefined : digits),
  percent: (v: unknown, digits: unknown) => percent(v, isOptions(digits) ? undefined : digits),
  seq: (i: unknown) => seq(i),
  join: (list: unknown, sep: unknown) => join(list, isOptions(sep) ? undefined : sep),
  districtName,
  qr,
};
