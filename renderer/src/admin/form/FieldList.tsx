// The visual field list: one row per field (title, name, kind, required, condition, problems) with
// 上移 / 下移 / 编辑 / 删除, keyboard operable; the open field's editor unfolds under its row.
import type { Placed } from '../lint';
import { formFieldOf } from '../lint';
import { Tag } from '../../ui/StatusTag';
import { KIND_TITLES, type Field } from './fieldModel';
import { FieldEditor } from './FieldEditor';

interface Props {
  fields: Field[];
  problems: Placed[];
  open: string | null;
  setOpen: (name: string | null) => void;
  onChange: (index: number, f: Field, renamed?: [string, string]) => void;
  onMove: (index: number, d: -1 | 1) => void;
  onRemove: (index: number) => void;
}

function conditionText(f: Field, fields: Field[]): string {
  const c = f.condition;
  if (!c) return '';
  const by = fields.find((x) => x.name === c.field);
  const value = typeof c.value === 'boolean' ? (c.value ? '是' : '否') : String(c.value);
  return `当「${by?.title ?? c.field}」为「${value}」时${c.mode === 'require' ? '必填' : '显示'}`;
}

export function FieldList({ fields, problems, open, setOpen, onChange, onMove, onRemove }: Props) {
  return (
    <ol className="field-list" aria-label="表单字段">
      {fields.map((f, i) => {
        const mine = problems.filter((p) => formFieldOf(p) === f.name);
        const expanded = open === f.name;
        return (
          <li key={i} className={`field-item ${expanded ? 'open' : ''} ${mine.length ? 'bad' : ''}`} data-field={f.name}>
            <div className="field-row">
              <span className="field-index">{i + 1}</span>
              <button type="button" className="field-main linklike" aria-expanded={expanded} aria-controls={`fe-${f.name}`} onClick={() => setOpen(expanded ? null : f.name)}>
                <span className="field-title">{f.title}{f.required && !f.condition && <span className="req" aria-label="必填">*</span>}</span>
                <code className="field-name">{f.name}</code>
              </button>
              <span className="field-tags">
                <Tag tone={f.kind === 'other' ? 'grey' : 'blue'}>{KIND_TITLES[f.kind]}{f.kind === 'table' ? `（${f.columns?.length ?? 0} 列）` : ''}</Tag>
                {f.condition && <Tag tone="orange">{conditionText(f, fields)}</Tag>}
                {mine.length > 0 && <Tag tone="red">{mine.length} 处问题</Tag>}
              </span>
              <span className="field-ops">
                <button type="button" className="btn btn-sm icon-btn" id={`move-up-${f.name}`} aria-label={`上移「${f.title}」`} disabled={i === 0} onClick={() => onMove(i, -1)}>↑</button>
                <button type="button" className="btn btn-sm icon-btn" id={`move-down-${f.name}`} aria-label={`下移「${f.title}」`} disabled={i === fields.length - 1} onClick={() => onMove(i, 1)}>↓</button>
                <button type="button" className="btn btn-sm" onClick={() => setOpen(expanded ? null : f.name)}>{expanded ? '收起' : '编辑'}</button>
                <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除「${f.title}」`} onClick={() => onRemove(i)}>删除</button>
              </span>
            </div>
            {expanded && (
              <div id={`fe-${f.name}`} className="field-edit-box">
                <FieldEditor field={f} fields={fields} problems={mine} onChange={(nf, renamed) => onChange(i, nf, renamed)} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
