// Summaries of register entries for charts: for each field of an object in the entries' data (the
// answers of survey responses, say), how many chose each option, and for numbers the average,
// lowest and highest — over all entries and per group (per area, per company). A JSON Schema of
// the object (the survey's questions), when given, names the fields and lists options nobody chose.
import { getPointer } from '../registry/pointer.js';
import { summarise } from './aggregate.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FieldSummary {
  name: string;
  title: string;
  /** choice: options counted; number: options (if any) and avg/min/max; text: answered count only. */
  kind: 'choice' | 'number' | 'text';
  answered: number;
  options?: Array<{ value: unknown; label: string; count: number }>;
  avg?: number;
  min?: number;
  max?: number;
  sum?: number;
}

export interface GroupSummary { key: unknown; label: string; total: number; fields: FieldSummary[] }

interface FieldSpec { name: string; title: string; kind: FieldSummary['kind']; options: Array<{ value: unknown; label: string }> }

function optionsOf(s: Json): Array<{ value: unknown; label: string }> {
  const target = s.type === 'array' && isObj(s.items) ? s.items : s;
  if (Array.isArray(target.enum)) return target.enum.map((v) => ({ value: v, label: String(v) }));
  const alts = Array.isArray(target.oneOf) ? target.oneOf : Array.isArray(target.anyOf) ? target.anyOf : [];
  const consts = alts.filter((a): a is Json => isObj(a) && 'const' in a);
  if (consts.length) return consts.map((a) => ({ value: a.const, label: typeof a.title === 'string' ? a.title : String(a.const) }));
  if (target.type === 'boolean') return [{ value: true, label: '是' }, { value: false, label: '否' }];
  return [];
}

/** The fields to summarise: those of the schema, in its order, else those found in the values. */
function specs(values: Json[], schema?: unknown): FieldSpec[] {
  if (isObj(schema) && isObj(schema.properties)) {
    return Object.entries(schema.properties).filter(([, s]) => isObj(s)).map(([name, s]) => {
      const p = s as Json;
      const options = optionsOf(p);
      const numeric = p.type === 'number' || p.type === 'integer';
      return { name, title: typeof p.title === 'string' ? p.title : name, kind: numeric ? 'number' : options.length ? 'choice' : 'text', options };
    });
  }
  const names = [...new Set(values.flatMap((v) => Object.keys(v)))];
  return names.map((name) => {
    const seen = values.map((v) => v[name]).filter((x) => x !== undefined && x !== null);
    const numeric = seen.length > 0 && seen.every((x) => typeof x === 'number');
    return { name, title: name, kind: numeric ? 'number' : 'choice', options: [] };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function summariseField(spec: FieldSpec, values: Json[]): FieldSummary {
  const answers = values.map((v) => v[spec.name]).filter((x) => x !== undefined && x !== null && x !== '');
  const out: FieldSummary = { name: spec.name, title: spec.title, kind: spec.kind, answered: answers.length };
  if (spec.kind === 'text') return out; // free text is read case by case, not counted
  if (spec.kind === 'choice' || spec.options.length) {
    const options = spec.options.map((o) => ({ ...o, count: 0 }));
    for (const a of answers.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
      const hit = options.find((o) => same(o.value, a));
      if (hit) hit.count++;
      else if (spec.options.length === 0 || spec.kind === 'choice') options.push({ value: a, label: String(a), count: 1 });
    }
    out.options = options;
  }
  if (spec.kind === 'number') {
    const nums = answers.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 100) / 100);
    Object.assign(out, { avg: round(summarise(nums, 'avg')), min: summarise(nums, 'min'), max: summarise(nums, 'max'), sum: round(summarise(nums, 'sum')) });
  }
  return out;
}

/** Summary of `field` (an object in each entry's data) over the entries, and per `groupBy` value. */
export function summariseEntries(entries: Json[], opts: { field: string; groupBy?: string; schema?: unknown }) {
  const valueOf = (e: Json) => {
    const v = getPointer(e, opts.field);
    return isObj(v) ? v : {};
  };
  const all = entries.map(valueOf);
  const fieldSpecs = specs(all, opts.schema);
  const result: { total: number; fields: FieldSummary[]; groups?: GroupSummary[] } = {
    total: entries.length, fields: fieldSpecs.map((s) => summariseField(s, all)),
  };
  if (opts.groupBy) {
    const groups = new Map<string, { key: unknown; rows: Json[] }>();
    for (const e of entries) {
      const key = getPointer(e, opts.groupBy) ?? null;
      const id = JSON.stringify(key);
      const g = groups.get(id) ?? { key, rows: [] };
      g.rows.push(valueOf(e));
      groups.set(id, g);
    }
    result.groups = [...groups.values()].map((g) => ({
      key: g.key, label: g.key === null ? '（未填写）' : String(g.key), total: g.rows.length,
      fields: fieldSpecs.map((s) => summariseField(s, g.rows)),
    }));
  }
  return result;
}
