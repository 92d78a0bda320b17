// 添加字段: a kind and a button; the new field gets a Chinese title and a generated name.
import { useState } from 'react';
import { KIND_TITLES, newField, type Field, type FieldKind } from './fieldModel';
import { KINDS } from './FieldEditor';

const TITLES: Partial<Record<FieldKind, string>> = { table: '明细', group: '分组', daterange: '起止日期', attachments: '附件材料' };

/** `ids`: the kind select's and the button's ids (the form's own bar keeps add-field-kind / add-field). */
export function AddField({ ids, taken, onAdd }: { ids: [string, string]; taken: string[]; onAdd: (f: Field) => void }) {
  const [kind, setKind] = useState<FieldKind>('text');
  return (
    <div className="add-field">
      <label htmlFor={ids[0]} className="muted">新字段类型</label>
      <select id={ids[0]} className="form-control" value={kind} onChange={(e) => setKind(e.target.value as FieldKind)}>
        {KINDS.map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
      </select>
      <button type="button" className="btn btn-primary" id={ids[1]} onClick={() => onAdd(newField(taken, kind, TITLES[kind] ?? '新字段'))}>＋ 添加字段</button>
    </div>
  );
}
