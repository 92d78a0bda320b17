// One spreadsheet cell to one JSON value, as the column's schema wants it: dates from date cells,
// serial numbers or typed text; numbers from numbers or numeric text; choices by their label or
// value; long digit strings kept as text. A cell that cannot be converted gives a Chinese reason;
// everything else is left to the same Ajv schema the form uses.
import type { Column } from './columns.js';

export type Converted = { value: unknown; error?: undefined } | { value?: undefined; error: string };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30); // serial 0; Excel's 1900 leap-year bug is before 1900-03-01

const isDate = (v: unknown): v is Date => v instanceof Date;

/** The cell's value without exceljs wrappers: rich text joined, formulas by their result. */
export function plain(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object' || isDate(v)) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
  if ('error' in o) return { error: o.error };
  if ('text' in o) return plain(o.text); // hyperlink
  return v;
}

/** How a cell reads in an error report. */
export function cellText(v: unknown): string {
  const p = plain(v);
  if (p === null || p === undefined) return '';
  if (isDate(p)) return ymd(p);
  if (typeof p === 'object') return String((p as { error?: string }).error ?? JSON.stringify(p));
  return String(p);
}

const serialToDate = (n: number) => new Date(EXCEL_EPOCH + Math.round(n * 86400000));

function toDateString(p: unknown): string | undefined {
  if (isDate(p)) return ymd(p);
  if (typeof p === 'number' && p > 0 && p < 2958466) return ymd(serialToDate(p));
  if (typeof p !== 'string') return undefined;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(p) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(p);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // 2025-02-30 rolls over to March: not a real date.
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? ymd(d) : undefined;
}

function toDateTimeString(p: unknown): string | undefined {
  const d = isDate(p) ? p : typeof p === 'number' ? serialToDate(p) : undefined;
  // A wall-clock time typed in Excel is local (China Standard Time, UTC+8, no daylight saving).
  if (d) return `${ymd(d)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
  if (typeof p !== 'string') return undefined;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(p);
  if (m) return `${m[1]}-${pad(+m[2])}-${pad(+m[3])}T${pad(+m[4])}:${m[5]}:${m[6] ?? '00'}+08:00`;
  return p; // already ISO, or wrong: the schema's date-time format says which
}

const NUMERIC = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function toNumber(p: unknown): number | undefined {
  if (typeof p === 'number') return Number.isFinite(p) ? p : undefined;
  if (typeof p !== 'string') return undefined;
  const s = p.replace(/[,，\s]/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return NUMERIC.test(s) ? Number(s) : undefined;
}

// Spaces pasted in from web pages and Word (no-break, ideographic, thin…) and invisible ones.
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
// Between two Chinese characters such a space is an artefact (张\u00a0三 is 张三), elsewhere a space.
const ODD_SPACE_IN_CJK = /(?<=[\u3400-\u9fff\uf900-\ufaff])[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+(?=[\u3400-\u9fff\uf900-\ufaff])/g;
// A cell of digits and phone punctuation, possibly typed full-width with a Chinese input method.
const DIGITS_LIKE = /^[0-9０-９\s\-－+＋()（）]+$/;

/**
 * Text as Excel users type it, tidied the way they meant it: odd spaces normalised, full-width
 * digits of number-like cells made ASCII (a mobile number's digit groups joined), an ID
 * number's check character x upper case (GB 11643 uses X). Anything else the schema judges.
 */
function tidyText(s: string, c: Column): string {
  let t = s.replace(ZERO_WIDTH, '').replace(ODD_SPACE_IN_CJK, '').replace(ODD_SPACE, ' ').trim();
  if (DIGITS_LIKE.test(t)) {
    t = t.normalize('NFKC');
    // A mobile number is one string of digits: groups typed apart (138 0013 8000) are joined.
    if (c.format === 'mobile') t = t.replace(/\s+/g, '');
  }
  if (c.format === 'idcard') {
    const id = t.normalize('NFKC').replace(/\s+/g, '');
    if (/^\d{17}[\dxX]$/.test(id)) t = id.toUpperCase();
  }
  return t;
}

function toText(p: unknown, c: Column): Converted {
  if (isDate(p)) return { value: ymd(p) };
  if (typeof p === 'number') {
    // Excel keeps 15 significant digits: an 18-digit ID number typed as a number is already wrong.
    if (Number.isInteger(p) && !Number.isSafeInteger(p)) return { error: '数字位数过多已失真，请将该列设置为文本格式后重新填写' };
    return { value: String(p) };
  }
  if (typeof p === 'boolean') return { value: p ? '是' : '否' };
  return { value: tidyText(String(p), c) };
}

function choose(c: Column, p: unknown): Converted {
  const key = typeof p === 'boolean' ? (p ? '是' : '否') : String(p).trim();
  const hit = c.options!.find((o) => o.label === key) ?? c.options!.find((o) => String(o.value) === key);
  if (hit) return { value: hit.value };
  if (c.kind === 'boolean') {
    if (/^(true|y|yes|1|√|有)$/i.test(key)) return { value: true };
    if (/^(false|n|no|0|×|无)$/i.test(key)) return { value: false };
  }
  const labels = c.options!.map((o) => o.label);
  return { error: `应为以下之一：${labels.slice(0, 20).join('、')}${labels.length > 20 ? '…' : ''}` };
}

const isEmpty = (p: unknown) => p === null || p === undefined || (typeof p === 'string' && p.trim() === '');

/** Converts one cell for its column; `{ value: undefined }` means the cell is empty. */
export function convertCell(c: Column, raw: unknown): Converted {
  const p = plain(raw);
  if (isEmpty(p)) return { value: undefined };
  if (typeof p === 'object' && !isDate(p)) return { error: `单元格含错误值 ${cellText(p)}` };
  switch (c.kind) {
    case 'string': return toText(p, c);
    case 'number': case 'integer': {
      const n = toNumber(p);
      return n === undefined ? { error: c.kind === 'integer' ? '应为整数' : '应为数字' } : { value: n };
    }
    case 'date': {
      const d = toDateString(p);
      return d ? { value: d } : { error: '应为日期（如 2025-06-30）' };
    }
    case 'datetime': {
      const d = toDateTimeString(p);
      return d ? { value: d } : { error: '应为日期时间（如 2025-06-30 09:30）' };
    }
    case 'enum': case 'boolean': return choose(c, p);
    case 'list': {
      const parts = String(p).split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean);
      if (c.itemKind === 'number' || c.itemKind === 'integer') {
        const nums = parts.map(toNumber);
        const bad = parts.find((_, i) => nums[i] === undefined || (c.itemKind === 'integer' && !Number.isInteger(nums[i])));
        return bad === undefined ? { value: nums } : { error: `「${bad}」${c.itemKind === 'integer' ? '应为整数' : '应为数字'}` };
      }
      if (!c.options) return { value: parts };
      const values: unknown[] = [];
      for (const part of parts) {
        const r = choose(c, part);
        if (r.error !== undefined) return { error: `「${part}」${r.error}` };
        values.push(r.value);
      }
      return { value: values };
    }
    default: return { value: p };
  }
}
