// A field's default value (JSON Schema `default`), typed as the field's own kind: a text, a
// number, 是/否, one of the options, a date. Kinds without a simple default show nothing.
import { Labeled, NumberInput } from '../Labeled';
import type { Field } from './fieldKinds';

const TIP = '新建申请时预先填好的值，申请人可以修改。例如“建筑层数”默认 1，“是否涉及承重结构”默认“否”。';

export function DefaultInput({ id, field: f, onChange }: { id: string; field: Field; onChange: (v: unknown) => void }) {
  const v = f.default;
  let control;
  switch (f.kind) {
    case 'text': case 'textarea':
      control = <input id={id} className="form-control" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
      break;
    case 'number': case 'integer':
      control = <NumberInput id={id} value={typeof v === 'number' ? v : undefined} step={f.kind === 'integer' ? 1 : undefined} onChange={onChange} />;
      break;
    case 'date':
      control = <input id={id} type="date" className="form-control" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
      break;
    case 'boolean':
      control = (
        <select id={id} className="form-control" value={v === undefined ? '' : String(v)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
          <option value="">不预填</option><option value="true">是</option><option value="false">否</option>
        </select>
      );
      break;
    case 'select':
      control = (
        <select id={id} className="form-control" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">不预填</option>
          {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    default:
      return null;
  }
  return <Labeled id={id} label="默认值" tip={TIP}>{control}</Labeled>;
}
