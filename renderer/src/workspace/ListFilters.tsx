// The list filters a type declares (settings.filters: name → pointer, e.g. 物业区域, 设施设备类型,
// 楼栋), drawn from the form itself: a field chosen from a register (its uiSchema names the
// registerEntry widget) offers that register's entries, an enumerated field its options, any other
// field a text box. Values live in the address (?f.area=5) and go to GET /api/cases as
// filter=area:5, which matches the tags the engine keeps per case (engine/runtime/index-fields.ts).
import { useEffect, useState } from 'react';
import { api, qs } from '../api/client';
import type { Json, Paged, TypeDetail } from '../api/model';
import { getAt, pointerToPath, schemaAt } from '../forms/paths';

export interface FilterDef { name: string; title: string; register?: string; options?: string[] }

const PREFIX = 'f.';

/** The type's filters with their titles and choices, read from its schema and uiSchema. */
export function filterDefs(type: TypeDetail): FilterDef[] {
  return Object.entries(type.settings.filters ?? {}).map(([name, pointer]) => {
    const path = pointerToPath(pointer);
    const schema = schemaAt(type.schema, path) ?? {};
    // A list of entries (a person's 工作物业区域) is filtered by one of them: look at its items.
    const item = schema.type === 'array' ? (schemaAt(type.schema, [...path, 0]) ?? {}) : schema;
    const ui = (getAt(type.uiSchema, path) ?? {}) as Json;
    const itemUi = (schema.type === 'array' ? ui.items ?? {} : ui) as Json;
    const opts = (itemUi['ui:options'] ?? {}) as Json;
    const register = itemUi['ui:widget'] === 'registerEntry' && typeof opts.register === 'string' ? opts.register : undefined;
    const options = Array.isArray(item.enum) ? (item.enum as unknown[]).map(String) : undefined;
    return { name, title: typeof schema.title === 'string' ? schema.title : name, register, options };
  });
}

/** The filter values in the address, as the API's filter=name:value list. */
export function filterQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (k.startsWith(PREFIX) && v) out.append('filter', `${k.slice(PREFIX.length)}:${v}`);
  const s = out.toString();
  return s ? `&${s}` : '';
}

export const hasFilters = (params: URLSearchParams) => [...params.keys()].some((k) => k.startsWith(PREFIX));

function EntrySelect({ def, value, onChange }: { def: FilterDef; value: string; onChange(v: string): void }) {
  const [entries, setEntries] = useState<Array<{ id: number; title?: string | null }>>([]);
  useEffect(() => {
    let live = true;
    api.get<Paged<{ id: number; title?: string | null }>>(`/api/public/${encodeURIComponent(def.register!)}${qs({ pageSize: 100 })}`)
      .then((l) => { if (live) setEntries(l.items); }, () => { if (live) setEntries([]); });
    return () => { live = false; };
  }, [def.register]);
  return (
    <select className="form-control" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">全部</option>
      {entries.map((e) => <option key={e.id} value={String(e.id)}>{e.title ?? `#${e.id}`}</option>)}
    </select>
  );
}

/** One control per declared filter; a text filter applies when the search form is submitted. */
export function ListFilters({ defs, params, set }: { defs: FilterDef[]; params: URLSearchParams; set(patch: Record<string, string>): void }) {
  return (
    <>
      {defs.map((d) => {
        const key = `${PREFIX}${d.name}`;
        const value = params.get(key) ?? '';
        return (
          <label key={d.name}>{d.title}
            {d.register ? <EntrySelect def={d} value={value} onChange={(v) => set({ [key]: v })} />
              : d.options ? (
                <select className="form-control" value={value} onChange={(e) => set({ [key]: e.target.value })}>
                  <option value="">全部</option>
                  {d.options.map((o) => <option key={o} value={o}>{o}</option>)}
                </select>
              ) : <TextFilter value={value} onApply={(v) => set({ [key]: v })} />}
          </label>
        );
      })}
    </>
  );
}

function TextFilter({ value, onApply }: { value: string; onApply(v: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return <input className="form-control filter-text" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => text.trim() !== value && onApply(text.trim())} />;
}
