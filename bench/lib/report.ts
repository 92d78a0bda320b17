// The printed table: one row per measurement with its median, spread (min–max over rounds), its
// ratio against the baseline of the same run, and the goal with met / MISSED.
import { fmt, max, median, min } from './stats.js';

export interface Goal {
  text: string;
  met: boolean;
  /** How far from the goal, e.g. "0.31× of 0.5×" or "p99 182 ms > 100 ms". */
  detail?: string;
}

export interface Row {
  section: string;
  name: string;
  unit: string;
  /** One value per round. */
  values?: number[];
  /** Free text instead of / beside the values (latencies, counts). */
  text?: string;
  ratio?: { values: number[]; against: string };
  goal?: Goal;
}

export const spread = (xs: number[]) => `${fmt(min(xs))}–${fmt(max(xs))}`;

/** Ratios of rounds whose baseline measured nothing (0/s) are left out, not counted as infinite. */
export const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));

export function ratioGoal(ratios: number[], target: number): Goal {
  const m = median(finite(ratios));
  return { text: `≥ ${target}×`, met: m >= target, detail: m >= target ? undefined : `${fmt(m, 2)}× is ${fmt((target - m) / target * 100, 0)}% short of ${target}×` };
}

export function latencyGoal(label: string, ms: number, limit: number): Goal {
  return { text: `${label} < ${limit} ms`, met: ms < limit, detail: ms < limit ? undefined : `${label} ${fmt(ms)} ms is ${fmt(ms / limit, 1)}× the ${limit} ms limit` };
}

export function combine(...goals: Goal[]): Goal {
  return { text: goals.map((g) => g.text).join(', '), met: goals.every((g) => g.met), detail: goals.filter((g) => !g.met).map((g) => g.detail).join('; ') || undefined };
}

export class Report {
  rows: Row[] = [];
  notes: string[] = [];

  add(row: Row) {
    this.rows.push(row);
    console.log(`  → ${row.name}: ${row.values ? `${fmt(median(row.values))} ${row.unit} (${spread(row.values)})` : ''}${row.text ? ` ${row.text}` : ''}${row.ratio ? `, ratio ${ratioText(row.ratio)}` : ''}`);
  }

  render(title: string): string {
    const head = ['#', 'measurement', 'median', 'spread (min–max)', 'ratio median (min–max)', 'goal', 'result'];
    const body = this.rows.map((r) => [
      r.section,
      r.name,
      r.values ? `${fmt(median(r.values))} ${r.unit}` : r.text ?? '',
      r.values ? spread(r.values) + (r.text ? `  ${r.text}` : '') : '',
      r.ratio ? ratioText(r.ratio) : '',
      r.goal?.text ?? '',
      r.goal ? (r.goal.met ? 'met' : `MISSED: ${r.goal.detail ?? ''}`) : '',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => width(b[i]))));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ')} |`;
    const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
    return [`### ${title}`, '', line(head), sep, ...body.map(line), ...(this.notes.length ? ['', ...this.notes.map((n) => `- ${n}`)] : [])].join('\n');
  }
}

function ratioText(r: { values: number[]; against: string }): string {
  const xs = finite(r.values);
  if (!xs.length) return `n/a vs ${r.against}`;
  const left = r.values.length - xs.length;
  return `${fmt(median(xs), 2)}× (${fmt(min(xs), 2)}–${fmt(max(xs), 2)}) vs ${r.against}${left ? ` (${left} round(s) without baseline left out)` : ''}`;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
