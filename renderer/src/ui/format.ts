// Display formats: dates in local time, file sizes, numbers with thousands separators.
import type { DateString } from '../api/model';

/** Parses both ISO strings and SQLite's 'YYYY-MM-DD HH:mm:ss.SSS +00:00'. */
export function parseDate(s: DateString | Date | null | undefined): Date | null {
  if (!s) return null;
  if (s instanceof Date) return s;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  const d = m ? new Date(`${m[1]}T${m[2]}${m[3] ?? ''}`) : new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(s: DateString | Date | null | undefined): string {
  const d = parseDate(s);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '';
}

export function formatDate(s: DateString | Date | null | undefined): string {
  const d = parseDate(s);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : '';
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatNumber(n: unknown): string {
  return typeof n === 'number' ? n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : String(n ?? '');
}

/** 「剩余 3 天」/「已逾期 2 天」 for a due time. */
export function dueText(due: DateString | null | undefined, now = new Date()): string {
  const d = parseDate(due);
  if (!d) return '';
  const hours = (d.getTime() - now.getTime()) / 3_600_000;
  if (hours < 0) {
    const late = -hours;
    return late < 24 ? `已逾期 ${Math.ceil(late)} 小时` : `已逾期 ${Math.floor(late / 24)} 天`;
  }
  return hours < 24 ? `剩余 ${Math.ceil(hours)} 小时` : `剩余 ${Math.floor(hours / 24)} 天`;
}

export function today(): string {
  const d = new Date();
  const week = '日一二三四五六'[d.getDay()];
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${week}`;
}
