// Choosing an entry of a register (an area, a contract …): "ui:options" name the register,
// whether only the organisation's own entries count (mine → /api/registers, else the public list),
// which value of the entry the field keeps (value, default its id) and which sibling fields it
// fills from the entry (fill: { projectName: "/title" }).
import { useEffect, useMemo, useState } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { api, qs } from '../../api/client';
import type { Paged } from '../../api/model';
import type { FormContextValue } from '../context';
import type { JsonSchema } from '../../api/model';
import { getAt, pathFromId, pointerToPath, setAt } from '../paths';

type Entry = Record<string, unknown> & { id: number; title?: string | null; districtName?: string | null; streetName?: string | null };

const cache = new Map<string, Promise<Paged<Entry>>>();
function load(url: string): Promise<Paged<Entry>> {
  let p = cache.get(url);
  if (!p) {
    p = api.get<Paged<Entry>>(url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
    // Registers change as filings are approved: keep answers only briefly.
    setTimeout(() => cache.delete(url), 15_000);
  }
  return p;
}

export function RegisterEntryWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, required, options, schema, formContext, rawErrors, registry } = props;
  const ctx = formContext as FormContextValue;
  const register = String(options.register ?? '');
  const mine = options.mine === true;
  const valuePtr = typeof options.value === 'string' ? options.value : '/id';
  const fill = (options.fill ?? {}) as Record<string, string>;
  const [q, setQ] = useState('');
  const [list, setList] = useState<Paged<Entry>>();
  const [error, setError] = useState<string>();
  const url = mine
    ? `/api/registers/${encodeURIComponent(register)}${qs({ q, pageSize: 500 })}`
    : `/api/public/${encodeURIComponent(register)}${qs({ q, pageSize: 100 })}`;
  useEffect(() => {
    if (!register) return;
    let live = true;
    const t = setTimeout(() => load(url).then((l) => { if (live) { setList(l); setError(undefined); } }, (e) => { if (live) setError(String(e?.message ?? e)); }), q ? 300 : 0);
    return () => { live = false; clearTimeout(t); };
  }, [url, register, q]);

  const valueOf = (e: Entry) => getAt(e, pointerToPath(valuePtr));
  const entries = useMemo(() => {
    // Several entries may share the kept value (contracts of one area): show each value once.
    const seen = new Set<string>();
    return (list?.items ?? []).filter((e) => { const k = String(valueOf(e)); if (seen.has(k)) return false; seen.add(k); return true; });
  }, [list]); // eslint-disable-line react-hooks/exhaustive-deps
  const label = (e: Entry) => [e.title ?? `#${e.id}`, [e.districtName, e.streetName].filter(Boolean).join(' ')].filter(Boolean).join('　');
  const selected = entries.find((e) => String(valueOf(e)) === String(value ?? ''));

  const choose = (raw: string) => {
    const entry = entries.find((e) => String(valueOf(e)) === raw);
    const kept = entry ? valueOf(entry) : undefined;
    const typed = kept === undefined ? undefined : schema.type === 'integer' || schema.type === 'number' ? Number(kept) : kept;
    if (!Object.keys(fill).length || !entry) { onChange(typed); return; }
    // The value and the fields it fills change together, in one update of the parent object.
    const path = pathFromId(registry.rootSchema as JsonSchema, ctx.idPrefix, id);
    const parentPath = path.slice(0, -1);
    let parent = { ...((getAt(ctx.data.get(), parentPath) as Record<string, unknown>) ?? {}), [path[path.length - 1]]: typed };
    for (const [field, src] of Object.entries(fill)) parent = setAt(parent, pointerToPath(field.startsWith('/') ? field : `/${field}`), getAt(entry, pointerToPath(src)));
    ctx.setAt(parentPath.length ? `/${parentPath.join('/')}` : '', parent);
  };

  if (readonly) {
    return <input id={id} className="form-control" readOnly value={selected ? label(selected) : value ?? ''} aria-describedby={ariaDescribedByIds(id)} />;
  }
  const many = (list?.total ?? 0) > entries.length || q !== '';
  return (
    <div className="register-entry">
      {many && (
        <input type="search" className="form-control input-search" value={q} placeholder="输入名称筛选" aria-label="筛选可选项" onChange={(e) => setQ(e.target.value)} />
      )}
      <select
        id={id}
        className="form-control"
        value={selected ? String(valueOf(selected)) : ''}
        required={required}
        disabled={disabled || (!!list && entries.length === 0 && !q)}
        aria-invalid={rawErrors?.length ? true : undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => choose(e.target.value)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        <option value="">{!list ? '正在加载…' : entries.length ? '请选择' : String(options.emptyMessage ?? '没有可选的项')}</option>
        {entries.map((e) => <option key={e.id} value={String(valueOf(e))}>{label(e)}</option>)}
      </select>
      {list && entries.length === 0 && !q && options.emptyMessage && <p className="field-help warn-text">{String(options.emptyMessage)}</p>}
      {error && <div className="field-errors" role="alert">可选项加载失败：{error}</div>}
    </div>
  );
}

/** Shares (0.7292) shown as percentages (72.92%); computed by the server, so read-only. */
export function PercentWidget(props: WidgetProps) {
  const { id, value } = props;
  const text = typeof value === 'number' ? `${(value * 100).toFixed(2)}%` : '';
  return <input id={id} className="form-control" readOnly value={text} placeholder="保存后自动计算" aria-describedby={ariaDescribedByIds(id)} />;
}
