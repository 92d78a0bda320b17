// Choosing a registered organisation (the property company a complaint is forwarded to) instead
// of typing its number: the schema's "org" annotation names the kind ({ "kind": "company" }) and
// optionally a sibling field that keeps the chosen name ({ "nameField": "companyName" }). The list
// is GET /api/orgs, the departments' own district first.
import { useEffect, useState } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { api, qs } from '../../api/client';
import type { JsonSchema } from '../../api/model';
import type { FormContextValue } from '../context';
import { getAt, pathFromId } from '../paths';

interface Org { id: number; name: string; code: string; local: boolean | null }

const cache = new Map<string, Promise<{ items: Org[] }>>();
const load = (kind: string) => {
  let p = cache.get(kind);
  if (!p) {
    p = api.get<{ items: Org[] }>(`/api/orgs${qs({ kind: kind || undefined })}`);
    cache.set(kind, p);
    p.catch(() => cache.delete(kind));
    setTimeout(() => cache.delete(kind), 60_000);
  }
  return p;
};

export function OrgWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, required, options, formContext, rawErrors, registry } = props;
  const ctx = formContext as FormContextValue;
  const kind = String(options.kind ?? '');
  const nameField = typeof options.nameField === 'string' ? options.nameField : undefined;
  const [orgs, setOrgs] = useState<Org[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    load(kind).then((r) => { if (live) { setOrgs(r.items); setError(undefined); } }, (e) => { if (live) setError(String(e?.message ?? e)); });
    return () => { live = false; };
  }, [kind]);
  const selected = orgs?.find((o) => o.id === Number(value));
  const label = (o: Org) => `${o.name}（${o.code}）${o.local === false ? ' · 外地' : ''}`;

  const choose = (raw: string) => {
    const org = orgs?.find((o) => String(o.id) === raw);
    const chosen = org ? org.id : undefined;
    if (!nameField) { onChange(chosen); return; }
    // The number and the name change together, in one update of the parent object.
    const path = pathFromId(registry.rootSchema as JsonSchema, ctx.idPrefix, id);
    const parentPath = path.slice(0, -1);
    const parent = { ...((getAt(ctx.data.get(), parentPath) as Record<string, unknown>) ?? {}), [path[path.length - 1]]: chosen, [nameField]: org?.name };
    ctx.setAt(parentPath.length ? `/${parentPath.join('/')}` : '', parent);
  };

  if (readonly) return <input id={id} className="form-control" readOnly value={selected ? label(selected) : value ?? ''} aria-describedby={ariaDescribedByIds(id)} />;
  return (
    <div className="register-entry">
      <select
        id={id}
        className="form-control"
        value={selected ? String(selected.id) : ''}
        required={required}
        disabled={disabled}
        aria-invalid={rawErrors?.length ? true : undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => choose(e.target.value)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        <option value="">{!orgs ? '正在加载…' : orgs.length ? '请选择' : '没有可选的机构'}</option>
        {orgs?.map((o) => <option key={o.id} value={String(o.id)}>{label(o)}</option>)}
      </select>
      {error && <div className="field-errors" role="alert">可选项加载失败：{error}</div>}
    </div>
  );
}
