// The fields of a group (a titled section of the form), edited like the form's own fields: the
// same list, editor, reordering and adding, one level down. A field added here follows its title
// with its name until it is renamed by hand.
import { useState } from 'react';
import { FieldList } from './FieldList';
import { AddField } from './AddField';
import { Help } from '../Help';
import { suggestName, type Field } from './fieldModel';

export function NestedFields({ idp, title, fields, onChange }: { idp: string; title: string; fields: Field[]; onChange: (fields: Field[]) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string[]>([]);
  const move = (from: number, to: number) => { const next = [...fields]; const [f] = next.splice(from, 1); next.splice(to, 0, f); onChange(next); };
  const autoName = (f: Field) => {
    // Only while the name is still the one made from the title (a name edited under 高级 stays).
    const taken = fields.filter((x) => x !== f).map((x) => x.name);
    return fresh.includes(f.name) && f.name === suggestName(f.title, taken) ? (t: string) => suggestName(t, taken) : undefined;
  };
  return (
    <div className="nested-fields">
      <div className="field-label">「{title}」中的字段<Help title="分组中的字段">在申请表中显示在分组标题下的字段，例如“委托方”下的名称、联系人和联系电话。</Help></div>
      <FieldList fields={fields} problems={[]} open={open} setOpen={setOpen} idp={idp} nested autoName={autoName}
        onChange={(i, f, renamed) => {
          onChange(fields.map((x, k) => (k === i ? f : x)));
          if (renamed) { setFresh((s) => s.map((n) => (n === renamed[0] ? renamed[1] : n))); if (open === renamed[0]) setOpen(renamed[1]); }
        }}
        onMove={(i, to) => move(i, to)} onRemove={(i) => onChange(fields.filter((_, k) => k !== i))} />
      <AddField ids={[`${idp}add-kind`, `${idp}add`]} taken={fields.map((f) => f.name)} onAdd={(f) => { onChange([...fields, f]); setFresh((s) => [...s, f.name]); setOpen(f.name); }} />
    </div>
  );
}
