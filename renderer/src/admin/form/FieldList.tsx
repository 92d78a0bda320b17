// The visual field list: one row per field (title, kind, required, condition, problems) with
// 上移 / 下移 / 编辑 / 删除, keyboard operable, and drag and drop by the handle; the open field's
// editor unfolds under its row. Used for the form and, one level down, for a group's fields.
import { useState } from 'react';
import type { Placed } from '../lint';
import { formFieldOf } from '../lint';
import { Tag } from '../../ui/StatusTag';
import { KIND_TITLES, type Field } from './fieldModel';
import { FieldEditor } from './FieldEditor';
import { conditionSentence } from './ConditionBuilder';

interface Props {
  fields: Field[];
  problems: Placed[];
  open: string | null;
  setOpen: (name: string | null) => void;
  onChange: (index: number, f: Field, renamed?: [string, string]) => void;
  /** Moves the field at `index` to position `to`. */
  onMove: (index: number, to: number) => void;
  onRemove: (index: number) => void;
  /** Id prefix of the editor's controls (see FieldEditor). */
  idp?: string;
  nested?: boolean;
  autoName?: (f: Field) => ((title: string) => string | undefined) | undefined;
}

function count(f: Field): string {
  if (f.kind === 'table') return `（${f.columns?.length ?? 0} 列${f.layout === 'cards' ? '，卡片' : ''}）`;
  if (f.kind === 'group') return `（${f.children?.length ?? 0} 项）`;
  return '';
}

export function FieldList({ fields, problems, open, setOpen, onChange, onMove, onRemove, idp = 'fe-', nested = false, autoName }: Props) {
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const ids = (f: Field) => (nested ? `${idp}${f.name}` : f.name);
  return (
    <ol className="field-list" aria-label={nested ? '分组中的字段' : '表单字段'}>
      {fields.map((f, i) => {
        const mine = problems.filter((p) => formFieldOf(p) === f.name);
        const expanded = open === f.name;
        return (
          <li key={i} className={`field-item ${expanded ? 'open' : ''} ${mine.length ? 'bad' : ''} ${over === i && dragged !== i ? 'drop-target' : ''}`} data-field={f.name}
            onDragOver={(e) => { if (dragged !== null) { e.preventDefault(); setOver(i); } }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => { e.preventDefault(); e.stopPropagation(); if (dragged !== null && dragged !== i) onMove(dragged, i); setDragged(null); setOver(null); }}>
            <div className="field-row">
              <span className="drag-handle" draggable title="拖动以调整顺序" aria-hidden="true"
                onDragStart={(e) => { e.stopPropagation(); e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', f.name); setDragged(i); }}
                onDragEnd={() => { setDragged(null); setOver(null); }}>⋮⋮</span>
              <span className="field-index">{i + 1}</span>
              <button type="button" className="field-main linklike" aria-expanded={expanded} aria-controls={`fe-${ids(f)}`} onClick={() => setOpen(expanded ? null : f.name)}>
                <span className="field-title">{f.title}{f.required && !f.condition && <span className="req" aria-label="必填">*</span>}</span>
              </button>
              <span className="field-tags">
                <Tag tone={f.kind === 'other' ? 'grey' : 'blue'}>{KIND_TITLES[f.kind]}{count(f)}</Tag>
                {f.readOnly && <Tag tone="grey">只读</Tag>}
                {f.condition && <Tag tone="orange">{conditionSentence(f.condition, fields)}</Tag>}
                {mine.length > 0 && <Tag tone="red">{mine.length} 处问题</Tag>}
              </span>
              <span className="field-ops">
                <button type="button" className="btn btn-sm icon-btn" id={`move-up-${ids(f)}`} aria-label={`上移「${f.title}」`} disabled={i === 0} onClick={() => onMove(i, i - 1)}>↑</button>
                <button type="button" className="btn btn-sm icon-btn" id={`move-down-${ids(f)}`} aria-label={`下移「${f.title}」`} disabled={i === fields.length - 1} onClick={() => onMove(i, i + 1)}>↓</button>
                <button type="button" className="btn btn-sm" onClick={() => setOpen(expanded ? null : f.name)}>{expanded ? '收起' : '编辑'}</button>
                <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除「${f.title}」`} onClick={() => onRemove(i)}>删除</button>
              </span>
            </div>
            {expanded && (
              <div id={`fe-${ids(f)}`} className="field-edit-box">
                <FieldEditor field={f} fields={fields} problems={mine} idp={idp} nested={nested} autoName={autoName?.(f)} onChange={(nf, renamed) => onChange(i, nf, renamed)} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
