// The aggregateNumbers effect: numbers collected in a list of the case data (e.g. every
// inspector's total, appended by a countersign step) summarised into one field, and optionally
// graded by thresholds (优秀 ≥ 90 …). Pure: data in, data out; runs inside the transition.
import { getPointer, setPointer } from '../registry/pointer.js';

type Data = Record<string, unknown>;

export interface AggregateParams {
  from: string;
  field: string;
  method: 'avg' | 'sum' | 'min' | 'max' | 'count';
  into: string;
  round?: number;
  grades?: Array<{ min: number; label: string }>;
  gradeInto?: string;
}

/** A number, or a list of numbers counted as their sum (e.g. points per scoring item). */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (Array.isArray(v)) {
    const parts = v.map(numberOf);
    return parts.length && parts.every((x) => x !== undefined) ? (parts as number[]).reduce((a, b) => a + b, 0) : undefined;
  }
  return undefined;
}

export function summarise(values: number[], method: AggregateParams['method']): number | undefined {
  if (method === 'count') return values.length;
  if (values.length === 0) return undefined;
  switch (method) {
    case 'sum': return values.reduce((a, b) => a + b, 0);
    case 'avg': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min': return Math.min(...values);
    case 'max': return Math.max(...values);
    default: return undefined;
  }
}

export function gradeOf(value: number, grades: Array<{ min: number; label: string }>): string | undefined {
  return [...grades].sort((a, b) => b.min - a.min).find((g) => value >= g.min)?.label;
}

/** The data with the summary (and its grade) written; nothing to summarise leaves them unset. */
export function aggregateNumbers(data: Data, p: AggregateParams): Data {
  const list = getPointer(data, p.from);
  const values = (Array.isArray(list) ? list : []).map((item) => numberOf(getPointer(item, p.field))).filter((x): x is number => x !== undefined);
  const raw = summarise(values, p.method);
  if (raw === undefined) return data;
  const factor = 10 ** (p.round ?? 2);
  const value = Math.round(raw * factor) / factor;
  let out = setPointer(data, p.into, value);
  if (p.grades && p.gradeInto) {
    const grade = gradeOf(value, p.grades);
    if (grade !== undefined) out = setPointer(out, p.gradeInto, grade);
  }
  return out;
}
