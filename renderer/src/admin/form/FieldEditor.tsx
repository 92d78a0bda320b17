// One field in detail: title, name, kind, required, help text, the kind's limits (lengths, bounds,
// options, columns) and a condition "required / shown only when <field> = <value>".
import type { Placed } from '../lint';
import { Labeled, NumberInput } from '../Labeled';
import { InlineProblems } from '../ProblemList';
import { KIND_TITLES, NAME_PATTERN, TEXT_FORMATS, suggestName, withKind, type Condition, type Field, type FieldKind } from './fieldModel';
import { ColumnsEditor } from './ColumnsEditor';
import { useLocalText } from './useLocalText';

const KINDS: FieldKind[] = ['text', 'textarea', 'number', 'integer', 'date', 'boolean', 'select', 'district', 'street', 'attachments', 'table'];

interface Props {
  field: Field;
  fields: Field[];
  problems: Placed[];
  onChange: (f: Field, renamed?: [string, string]) => void;
}

export function FieldEditor({ field: f, fields, problems, onChange }: Props) {
  const others = fields.filter((x) => x.name !== f.name);
  const set = (patch: Partial<Field>) => onChange({ ...f, ...patch });
  const [name, setName] = useLocalText(f.name, (t) => {
    if (!NAME_PATTERN.test(t) || others.some((o) => o.name === t)) return false;
    onChange({ ...f, name: t }, [f.name, t]);
    return true;
  });
  const nameError = !NAME_PATTERN.test(name) ? '以英文字母开头，只含字母、数字和下划线' : name !== f.name && others.some((o) => o.name === name) ? '已有同名字段' : undefined;
  const [options, setOptions] = useLocalText((f.options ?? []).join('\n'), (t) => { set({ options: t.split('\n').map((x) => x.trim()).filter(Boolean) }); return true; });
  const deciders = others.filter((o) => o.kind === 'boolean' || o.kind === 'select');
  const decider = others.find((o) => o.name === f.condition?.field);

  const setTitle = (title: string) => {
    // A name never chosen by hand follows the title (姓名 → name).
    const auto = /^field\d*$/.test(f.name);
    const next = auto ? suggestName(title, others.map((o) => o.name)) : f.name;
    if (next !== f.name && !next.startsWith('field')) onChange({ ...f, title, name: next }, [f.name, next]);
    else set({ title });
  };
  const setMode = (mode: string) => {
    if (mode === 'none') { set({ condition: undefined }); return; }
    const first = f.condition?.field ? decider : deciders[0];
    if (!first) return;
    const value = f.condition?.field ? f.condition.value : first.kind === 'boolean' ? true : first.options?.[0];
    set({ condition: { field: first.name, value, mode: mode as Condition['mode'] } });
  };
  const at = (...segs: string[]) => problems.filter((p) => segs.every((s, i) => p.segs[i + 2] === s));

  if (f.kind === 'other') {
    return (
      <div className="field-editor">
        <p className="muted">此字段使用了字段列表不能直接编辑的写法（如分组、引用或特殊格式），请在「表单 JSON」中修改。可以在此调整顺序或删除。</p>
        <pre className="diff-value">{JSON.stringify(f.rest, null, 2)}</pre>
        <InlineProblems problems={problems} />
      </div>
    );
  }

  return (
    <div className="field-editor">
      <div className="form-grid form-grid-3">
        <Labeled id="fe-title" label="标题" required problems={at('title')}>
          <input id="fe-title" className="form-control" value={f.title} onChange={(e) => setTitle(e.target.value)} />
        </Labeled>
        <Labeled id="fe-name" label="字段标识" required help="英文，保存到数据中的名称" problems={nameError ? [{ text: nameError } as Placed] : []}>
          <input id="fe-name" className="form-control mono" value={name} onChange={(e) => setName(e.target.value.trim())} />
        </Labeled>
        <Labeled id="fe-kind" label="类型">
          <select id="fe-kind" className="form-control" value={f.kind} onChange={(e) => onChange(withKind(f, e.target.value as FieldKind))}>
            {KINDS.map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
          </select>
        </Labeled>
      </div>
      <div className="form-grid form-grid-3">
        <div className="field">
          <span className="field-label">填写要求</span>
          <label className="check-inline">
            <input id="fe-required" type="checkbox" checked={f.required} disabled={f.condition?.mode === 'require'} onChange={(e) => set({ required: e.target.checked })} />
            {f.condition?.mode === 'require' ? '按条件必填' : f.condition?.mode === 'show' ? '显示时必填' : '必填'}
          </label>
        </div>
        {(f.kind === 'text' || f.kind === 'textarea') && (
          <>
            <Labeled id="fe-minLength" label="最少字数" problems={at('minLength')}><NumberInput id="fe-minLength" min={0} value={f.minLength} onChange={(v) => set({ minLength: v })} /></Labeled>
            <Labeled id="fe-maxLength" label="最多字数" problems={at('maxLength')}><NumberInput id="fe-maxLength" min={1} value={f.maxLength} onChange={(v) => set({ maxLength: v })} /></Labeled>
          </>
        )}
        {(f.kind === 'number' || f.kind === 'integer') && (
          <>
            <Labeled id="fe-min" label="最小值" problems={at('minimum')}><NumberInput id="fe-min" value={f.min} onChange={(v) => set({ min: v })} /></Labeled>
            <Labeled id="fe-max" label="最大值" problems={at('maximum')}><NumberInput id="fe-max" value={f.max} onChange={(v) => set({ max: v })} /></Labeled>
          </>
        )}
        {(f.kind === 'attachments' || f.kind === 'table') && (
          <>
            <Labeled id="fe-min" label={f.kind === 'table' ? '最少行数' : '最少文件数'} problems={at('minItems')}><NumberInput id="fe-min" min={0} value={f.min} onChange={(v) => set({ min: v })} placeholder={f.required ? '1' : ''} /></Labeled>
            <Labeled id="fe-max" label={f.kind === 'table' ? '最多行数' : '最多文件数'} problems={at('maxItems')}><NumberInput id="fe-max" min={1} value={f.max} onChange={(v) => set({ max: v })} /></Labeled>
          </>
        )}
      </div>
      {f.kind === 'text' && (
        <Labeled id="fe-format" label="内容格式" help="按国家标准校验证件号码的校验位">
          <select id="fe-format" className="form-control" value={f.format ?? ''} onChange={(e) => set({ format: e.target.value || undefined })}>
            {Object.entries(TEXT_FORMATS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
          </select>
        </Labeled>
      )}
      {f.kind === 'select' && (
        <Labeled id="fe-options" label="可选项（每行一项）" required problems={at('enum')}>
          <textarea id="fe-options" className="form-control" rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
        </Labeled>
      )}
      {f.kind === 'table' && <ColumnsEditor columns={f.columns ?? []} problems={problems} onChange={(columns) => set({ columns })} />}
      <Labeled id="fe-description" label="填写说明" help="显示在字段下方，告诉申请人怎么填">
        <input id="fe-description" className="form-control" value={f.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} />
      </Labeled>

      <fieldset className="condition-box">
        <legend>条件</legend>
        {deciders.length === 0 && !f.condition ? (
          <p className="muted small">添加一个“是/否”或“下拉选择”字段后，可以设置“当某字段为某值时必填或显示”。</p>
        ) : (
          <div className="condition-row">
            <select id="fe-cond-mode" className="form-control" aria-label="条件类型" value={f.condition?.mode ?? 'none'} onChange={(e) => setMode(e.target.value)}>
              <option value="none">无条件</option>
              <option value="require">当…时必填</option>
              <option value="show">仅当…时显示</option>
            </select>
            {f.condition && (
              <>
                <span>当</span>
                <select id="fe-cond-field" className="form-control" aria-label="条件字段" value={f.condition.field}
                  onChange={(e) => { const d = others.find((o) => o.name === e.target.value); set({ condition: { ...f.condition!, field: e.target.value, value: d?.kind === 'boolean' ? true : d?.options?.[0] } }); }}>
                  {deciders.map((d) => <option key={d.name} value={d.name}>{d.title}</option>)}
                </select>
                <span>为</span>
                {decider?.kind === 'boolean' ? (
                  <select id="fe-cond-value" className="form-control" aria-label="条件取值" value={String(f.condition.value)} onChange={(e) => set({ condition: { ...f.condition!, value: e.target.value === 'true' } })}>
                    <option value="true">是</option>
                    <option value="false">否</option>
                  </select>
                ) : (
                  <select id="fe-cond-value" className="form-control" aria-label="条件取值" value={String(f.condition.value ?? '')} onChange={(e) => set({ condition: { ...f.condition!, value: e.target.value } })}>
                    {(decider?.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                )}
                <span>时{f.condition.mode === 'require' ? '必填' : '显示'}</span>
              </>
            )}
          </div>
        )}
      </fieldset>
      <InlineProblems problems={problems.filter((p) => !['title', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'enum'].includes(p.segs[2] ?? ''))} />
    </div>
  );
}
