// A value of a form shown as text, read through its schema: titles of nested fields, district
// and street names for codes, 是/否, numbers with separators.
import type { JsonSchema } from '../api/model';
import { useDistricts } from '../app/districts';
import { formatNumber } from '../ui/format';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema fragments

export function ValueView({ value, schema }: { value: unknown; schema?: JsonSchema | Obj }) {
  const { name } = useDistricts();
  const s = (schema ?? {}) as Obj;
  if (value === undefined || value === null || value === '') return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? '是' : '否'}</>;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  if (typeof value === 'string') return <>{s.format === 'district' || s.format === 'street' ? name(value) : value}</>;
  if (Array.isArray(value)) {
    if (!value.length) return <span className="muted">—</span>;
    return <ul className="plain">{value.map((v, i) => <li key={i}><ValueView value={v} schema={s.items} /></li>)}</ul>;
  }
  if (typeof value === 'object') {
    const props = (s.properties ?? {}) as Obj;
    return (
      <span className="inline-pairs">
        {Object.entries(value as Obj).map(([k, v]) => (
          <span key={k}><span className="muted">{props[k]?.title ?? k}：</span><ValueView value={v} schema={props[k]} /></span>
        ))}
      </span>
    );
  }
  return <>{String(value)}</>;
}
