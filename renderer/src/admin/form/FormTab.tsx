// 表单设计: the visual field list, the schema and uiSchema as JSON (kept in step both ways), and a
// live preview of the form as applicants will see it, with its validation and the example.
import { useMemo, useState } from 'react';
import { useDistricts } from '../../app/districts';
import type { TypeSettings } from '../../api/model';
import type { Draft } from '../useDraft';
import { problemsAt } from '../lint';
import { JsonEditor } from '../code/JsonEditor';
import { FORM_HINTS, UI_HINTS } from '../code/hintSchemas';
import { readForm, suggestName, writeForm, type Field } from './fieldModel';
import { fieldsRead, renameVar } from './conditionRows';
import { AddField } from './AddField';
import { repairExample, retitleSamples } from './fieldSamples';
import { FieldList } from './FieldList';
import { FormPreview } from './FormPreview';

/** Settings that point at a field follow its new name. */
function renamePointers(s: TypeSettings, from: string, to: string): TypeSettings {
  const fix = (p: string | undefined) => (p === `/${from}` ? `/${to}` : p);
  return {
    ...s,
    ...(s.titleField ? { titleField: fix(s.titleField) } : {}),
    ...(s.scope ? { scope: { ...s.scope, ...(s.scope.district ? { district: fix(s.scope.district) } : {}), ...(s.scope.street ? { street: fix(s.scope.street) } : {}) } } : {}),
    ...(s.listColumns ? { listColumns: s.listColumns.map((c) => ({ ...c, field: fix(c.field)! })) } : {}),
  };
}

export function FormTab({ draft }: { draft: Draft }) {
  const b = draft.bundle!;
  const model = useMemo(() => readForm(b.schema, b.uiSchema), [b.schema, b.uiSchema]);
  const { districts, streetsOf } = useDistricts();
  const [view, setView] = useState<'list' | 'schema' | 'ui'>('list');
  const [open, setOpen] = useState<string | null>(null);
  // Fields added in this session: their name follows their title until renamed by hand. Names
  // read from the draft (published or saved) never change by themselves.
  const [fresh, setFresh] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const formProblems = problemsAt(draft.problems, 'form');
  const uiProblems = problemsAt(draft.problems, 'ui');

  const commit = (fields: Field[], opts: { renamed?: [string, string]; fresh?: string } = {}) => draft.update((x) => {
    const before = readForm(x.schema, x.uiSchema).fields;
    const previous = before.map((f) => f.name);
    const names = new Set(fields.map((f) => f.name));
    const next = fields.map((f) => {
      if (opts.renamed && f.condition) return { ...f, condition: { ...f.condition, expr: renameVar(f.condition.expr, ...opts.renamed) } };
      // A condition on a field that is gone goes with it.
      if (f.condition && fieldsRead(f.condition.expr).some((n) => !names.has(n))) return { ...f, condition: undefined };
      return f;
    });
    const { schema, uiSchema } = writeForm(x.schema, x.uiSchema, next, previous);
    const examples = Array.isArray(x.schema.examples) ? x.schema.examples : [];
    schema.examples = [retitleSamples(repairExample(examples[0], next, { previous, renamed: opts.renamed, fresh: opts.fresh, district: districts[0]?.code ?? '', street: streetsOf(districts[0]?.code)[0]?.code ?? '' }), before, next, opts.renamed), ...examples.slice(1)];
    const settings = opts.renamed ? renamePointers(x.settings, ...opts.renamed) : x.settings;
    return { ...x, schema, uiSchema, settings };
  });

  const fields = model.fields;
  const add = (f: Field) => {
    commit([...fields, f], { fresh: f.name });
    setFresh((x) => [...x, f.name]);
    setOpen(f.name);
    setAnnounce(`已添加字段「${f.title}」`);
  };
  const move = (i: number, to: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(to, 0, f);
    commit(next);
    setAnnounce(`已将「${f.title}」移到第 ${to + 1} 位`);
    // Keep the keyboard on the moved field's button (or its other arrow once it reaches an end).
    const up = to < i;
    requestAnimationFrame(() => {
      const want = document.getElementById(`move-${up ? 'up' : 'down'}-${f.name}`) as HTMLButtonElement | null;
      (want && !want.disabled ? want : document.getElementById(`move-${up ? 'down' : 'up'}-${f.name}`))?.focus();
    });
  };
  const autoName = (f: Field) => {
    // Only while the name is still the one made from the title (a name edited under 高级 stays).
    const taken = fields.filter((x) => x !== f).map((x) => x.name);
    return fresh.includes(f.name) && f.name === suggestName(f.title, taken) ? (t: string) => suggestName(t, taken) : undefined;
  };
  const remove = (i: number) => {
    const f = fields[i];
    if (!window.confirm(`删除字段「${f.title}」？示例数据中的该字段也会删除。`)) return;
    commit(fields.filter((_, k) => k !== i));
    setAnnounce(`已删除字段「${f.title}」`);
  };
  const change = (i: number, f: Field, renamed?: [string, string]) => {
    commit(fields.map((x, k) => (k === i ? f : x)), { renamed });
    if (renamed && open === renamed[0]) setOpen(renamed[1]);
    if (renamed) setFresh((x) => x.map((n) => (n === renamed[0] ? renamed[1] : n)));
  };

  return (
    <div className="form-designer">
      <div className="designer-main">
        <div className="mini-tabs subtabs" role="tablist" aria-label="表单编辑方式">
          <button type="button" role="tab" aria-selected={view === 'list'} className={view === 'list' ? 'on' : ''} onClick={() => setView('list')}>字段列表</button>
          <button type="button" role="tab" aria-selected={view === 'schema'} className={view === 'schema' ? 'on' : ''} onClick={() => setView('schema')}>表单定义 JSON{formProblems.length ? `（${formProblems.length}）` : ''}</button>
          <button type="button" role="tab" aria-selected={view === 'ui'} className={view === 'ui' ? 'on' : ''} onClick={() => setView('ui')}>界面定义 JSON{uiProblems.length ? `（${uiProblems.length}）` : ''}</button>
        </div>
        <div className="sr-only" aria-live="polite">{announce}</div>
        {view === 'list' && (
          <>
            {model.keptConditions > 0 && <p className="alert alert-info">表单中有 {model.keptConditions} 处较复杂的条件，字段列表不显示，已原样保留；可在「表单定义 JSON」中查看和修改。</p>}
            {formProblems.filter((p) => p.segs.length === 0).map((p, i) => <p key={i} className="alert alert-error">{p.text}</p>)}
            <FieldList fields={fields} problems={formProblems} open={open} setOpen={setOpen} onChange={change} onMove={move} onRemove={remove} autoName={autoName} />
            {fields.length === 0 && <div className="empty">还没有字段，请添加</div>}
            <AddField ids={['add-field-kind', 'add-field']} taken={fields.map((f) => f.name)} onAdd={add} />
          </>
        )}
        {view === 'schema' && (
          <JsonEditor id="schema-json" label="表单定义（JSON Schema draft-07）" value={b.schema} hints={() => FORM_HINTS}
            problems={formProblems} onChange={(schema) => draft.update((x) => ({ ...x, schema: schema as typeof x.schema }))} height={560} />
        )}
        {view === 'ui' && (
          <JsonEditor id="ui-json" label="界面定义（rjsf uiSchema：字段顺序、控件）" value={b.uiSchema} hints={() => UI_HINTS}
            problems={uiProblems} onChange={(uiSchema) => draft.update((x) => ({ ...x, uiSchema: uiSchema as Record<string, unknown> }))} height={560} />
        )}
      </div>
      <aside className="designer-preview" aria-label="表单预览">
        <FormPreview draft={draft} />
      </aside>
    </div>
  );
}
