// One field in detail, in plain words with a "?" beside each setting: title, kind, required,
// read-only, help and placeholder, default value, the kind's limits (lengths, bounds, options,
// counts), a group's fields or a list's columns (edited the same way, recursively), the condition
// (ConditionBuilder), and — under 高级 — the generated identifier.
import type { Placed } from '../lint';
import { Labeled, NumberInput } from '../Labeled';
import { InlineProblems } from '../ProblemList';
import { Help } from '../Help';
import { KIND_TITLES, NAME_PATTERN, TEXT_FORMATS, isObj, withKind, type Field, type FieldKind } from './fieldModel';
import { ColumnsEditor } from './ColumnsEditor';
import { ConditionBuilder } from './ConditionBuilder';
import { DefaultInput } from './DefaultInput';
import { NestedFields } from './NestedFields';
import { useLocalText } from './useLocalText';
import { useRegisters } from '../vocabulary';
import { ATTACHMENT_TYPES } from '../../../../engine/shared/form-manifest';

/** The attachment types in the order they are offered (and written). */
const ACCEPT_ORDER = Object.keys(ATTACHMENT_TYPES);
const TITLE_TIP = '申请人看到的字段名称，例如“联系电话”。';
const DESCRIPTION_TIP = '显示在字段下方，例如“按不动产权证书填写”。';

export const KINDS: FieldKind[] = ['text', 'textarea', 'number', 'integer', 'date', 'datetime', 'daterange', 'boolean', 'select', 'multiselect', 'entry', 'entries', 'tags', 'district', 'street', 'attachments', 'group', 'table'];
const PLACEHOLDER_KINDS: FieldKind[] = ['text', 'textarea', 'number', 'integer'];
/** A list's count limits: the labels and an example of each. */
const COUNTED: Partial<Record<FieldKind, [string, string, string, string]>> = {
  attachments: ['最少文件数', '最多文件数', '至少上传几个文件，例如“施工方案”至少 1 个。', '最多上传几个文件，例如照片最多 9 张。'],
  table: ['最少行数', '最多行数', '至少填几行，例如“施工人员”至少 1 人。', '最多填几行，例如“施工人员”最多 50 人。'],
  tags: ['最少条数', '最多条数', '至少填几条，例如“联系电话”至少 1 个。', '最多填几条，例如最多 5 个联系电话。'],
  multiselect: ['最少选几项', '最多选几项', '至少勾选几项，例如“服务内容”至少选 1 项。', '最多勾选几项，例如最多选 3 项。'],
  entries: ['最少选几项', '最多选几项', '至少选几个条目，例如至少选 1 个物业区域。', '最多选几个条目，例如最多选 10 个物业区域。'],
};

interface Props {
  field: Field;
  /** The other fields beside this one (for names and conditions). */
  fields: Field[];
  problems: Placed[];
  onChange: (f: Field, renamed?: [string, string]) => void;
  /** Id prefix of the controls ("fe-" at the top, "fe-<group>-" inside a group). */
  idp?: string;
  /** Inside a group: no condition (conditions are on the form's own fields). */
  nested?: boolean;
  /** The name still follows the title (a field added now, never published or named by hand). */
  autoName?: (title: string) => string | undefined;
}

export function FieldEditor({ field: f, fields, problems, onChange, idp = 'fe-', nested = false, autoName }: Props) {
  const others = fields.filter((x) => x.name !== f.name);
  const set = (patch: Partial<Field>) => onChange({ ...f, ...patch });
  const setUi = (key: string, v: string) => { const ui = { ...f.ui }; if (v) ui[key] = v; else delete ui[key]; set({ ui }); };
  const [name, setName] = useLocalText(f.name, (t) => {
    if (!NAME_PATTERN.test(t) || others.some((o) => o.name === t)) return false;
    onChange({ ...f, name: t }, [f.name, t]);
    return true;
  });
  const nameError = !NAME_PATTERN.test(name) ? '以英文字母开头，只含字母、数字和下划线' : name !== f.name && others.some((o) => o.name === name) ? '已有同名字段' : undefined;
  const [options, setOptions] = useLocalText((f.options ?? []).join('\n'), (t) => { set({ options: t.split('\n').map((x) => x.trim()).filter(Boolean) }); return true; });
  const setTitle = (title: string) => {
    const next = autoName?.(title);
    if (next && next !== f.name) onChange({ ...f, title, name: next }, [f.name, next]);
    else set({ title });
  };
  const at = (...segs: string[]) => problems.filter((p) => segs.every((s, i) => p.segs[i + 2] === s));
  const id = (k: string) => `${idp}${k}`;
  const str = (k: string) => (typeof f.ui[k] === 'string' ? f.ui[k] as string : '');
  const itemLimit = isObj(f.itemsRest) && typeof f.itemsRest.maxLength === 'number' ? f.itemsRest.maxLength : undefined;
  const counted = COUNTED[f.kind];
  const registers = useRegisters();

  const advanced = (
    <details className="field-advanced">
      <summary>高级</summary>
      <Labeled id={id('name')} label="字段标识" tip="保存到数据中的英文名称，由标题自动生成（如“联系电话”→ phone）；发布后保持不变。一般不需要修改。"
        problems={nameError ? [{ text: nameError } as Placed] : []}>
        <input id={id('name')} className="form-control mono" value={name} onChange={(e) => setName(e.target.value.trim())} />
      </Labeled>
    </details>
  );

  if (f.kind === 'other' || f.kind === 'custom') {
    return (
      <div className="field-editor">
        <Labeled id={id('title')} label="标题" required problems={at('title')} tip={TITLE_TIP}>
          <input id={id('title')} className="form-control" value={f.title} onChange={(e) => setTitle(e.target.value)} />
        </Labeled>
        <p className="muted">{f.kind === 'custom'
          ? '此字段由专用控件填写（如问卷答题、表单设计器），这里可以修改标题和说明；控件的设置请在「界面定义 JSON」中修改。'
          : '此字段使用了字段编辑器不能直接编辑的写法，请在「表单定义 JSON」中修改。可以在此调整顺序或删除。'}</p>
        {f.kind === 'custom' && (
          <Labeled id={id('description')} label="填写说明" tip={DESCRIPTION_TIP}><input id={id('description')} className="form-control" value={f.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} /></Labeled>
        )}
        {advanced}
        <InlineProblems problems={problems} />
      </div>
    );
  }

  return (
    <div className="field-editor">
      <div className="form-grid form-grid-3">
        <Labeled id={id('title')} label="标题" required problems={at('title')} tip={TITLE_TIP}>
          <input id={id('title')} className="form-control" value={f.title} onChange={(e) => setTitle(e.target.value)} />
        </Labeled>
        <Labeled id={id('kind')} label="类型" tip="决定怎么填写：例如“日期”弹出日历，“多选”可勾选多项，“分组”把几个字段放在一个标题下。">
          <select id={id('kind')} className="form-control" value={f.kind} onChange={(e) => onChange(withKind(f, e.target.value as FieldKind))}>
            {(KINDS.includes(f.kind) ? KINDS : [f.kind, ...KINDS]).map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
          </select>
        </Labeled>
        <div className="field">
          <div className="field-label-row"><span className="field-label">填写要求</span><Help title="填写要求">必填：不填不能提交，例如“联系电话”；只读：申请人不能修改，由系统填写，例如自动带出的“项目名称”。</Help></div>
          <label className="check-inline">
            <input id={id('required')} type="checkbox" checked={f.required} disabled={f.condition?.mode === 'require'} onChange={(e) => set({ required: e.target.checked })} />
            {f.condition?.mode === 'require' ? '按条件必填' : f.condition?.mode === 'show' ? '显示时必填' : '必填'}
          </label>
          <label className="check-inline">
            <input id={id('readonly')} type="checkbox" checked={!!f.readOnly} onChange={(e) => set({ readOnly: e.target.checked || undefined })} />
            只读（由系统填写）
          </label>
        </div>
      </div>
      <div className="form-grid form-grid-3">
        {(f.kind === 'text' || f.kind === 'textarea') && (
          <>
            <Labeled id={id('minLength')} label="最少字数" problems={at('minLength')} tip="少于此字数不能提交，例如“投诉内容”至少 10 字。"><NumberInput id={id('minLength')} min={0} value={f.minLength} onChange={(v) => set({ minLength: v })} /></Labeled>
            <Labeled id={id('maxLength')} label="最多字数" problems={at('maxLength')} tip="例如地址最多 200 字。500 字及以上自动显示为多行输入框。"><NumberInput id={id('maxLength')} min={1} value={f.maxLength} onChange={(v) => set({ maxLength: v })} /></Labeled>
          </>
        )}
        {(f.kind === 'number' || f.kind === 'integer') && (
          <>
            <Labeled id={id('min')} label="最小值" problems={at('minimum')} tip="例如面积最小为 0。"><NumberInput id={id('min')} value={f.min} onChange={(v) => set({ min: v })} /></Labeled>
            <Labeled id={id('max')} label="最大值" problems={at('maximum')} tip="大于此数不能提交，例如“建筑层数”最大为 100。"><NumberInput id={id('max')} value={f.max} onChange={(v) => set({ max: v })} /></Labeled>
            <Labeled id={id('unit')} label="单位" tip="显示在输入框后面，例如“平方米”“户”“元/月”。">
              <input id={id('unit')} className="form-control" value={f.unit ?? ''} placeholder="如：平方米" onChange={(e) => set({ unit: e.target.value.trim() || undefined })} />
            </Labeled>
          </>
        )}
        {counted && (
          <>
            <Labeled id={id('min')} label={counted[0]} problems={at('minItems')} tip={counted[2]}><NumberInput id={id('min')} min={0} value={f.min} onChange={(v) => set({ min: v })} placeholder={f.required ? '1' : ''} /></Labeled>
            <Labeled id={id('max')} label={counted[1]} problems={at('maxItems')} tip={counted[3]}><NumberInput id={id('max')} min={1} value={f.max} onChange={(v) => set({ max: v })} /></Labeled>
          </>
        )}
        {f.kind === 'tags' && (
          <Labeled id={id('itemMax')} label="每条最多字数" tip="每一条最多多少字，例如每个联系电话最多 20 字。"><NumberInput id={id('itemMax')} min={1} value={itemLimit} onChange={(v) => set({ itemsRest: { ...f.itemsRest, maxLength: v } })} /></Labeled>
        )}
        {f.kind === 'table' && (
          <Labeled id={id('layout')} label="显示方式" tip="列少时用表格（每行一条）；列多或有附件时用卡片（每条一块）。">
            <select id={id('layout')} className="form-control" value={f.layout ?? 'table'} onChange={(e) => set({ layout: e.target.value as Field['layout'] })}>
              <option value="table">表格</option><option value="cards">卡片（逐条填写）</option>
            </select>
          </Labeled>
        )}
        {f.kind === 'text' && (
          <Labeled id={id('format')} label="内容格式" tip="按国家标准校验，例如身份证号码会校验最后一位。">
            <select id={id('format')} className="form-control" value={f.format ?? ''} onChange={(e) => set({ format: e.target.value || undefined })}>
              {Object.entries(TEXT_FORMATS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
            </select>
          </Labeled>
        )}
        {f.kind === 'select' && (
          <Labeled id={id('widget')} label="选择方式" tip="选项少（如“是/否/不确定”）时用单选按钮，一眼看全；选项多时用下拉。">
            <select id={id('widget')} className="form-control" value={f.ui['ui:widget'] === 'radio' ? 'radio' : ''} onChange={(e) => setUi('ui:widget', e.target.value)}>
              <option value="">下拉选择</option><option value="radio">单选按钮</option>
            </select>
          </Labeled>
        )}
      </div>
      {f.kind === 'attachments' && (
        <fieldset className="field checks">
          <legend className="field-label">允许的文件类型<Help title="允许的文件类型">申请人只能上传勾选的类型，例如“施工图纸”只勾选 PDF；都不勾选时可上传 PDF、图片、Word 和 Excel。</Help></legend>
          {Object.entries(ATTACHMENT_TYPES).map(([t, d]) => (
            <label key={t} className="check-inline">
              <input id={id(`accept-${t}`)} type="checkbox" checked={!!f.accept?.includes(t)}
                onChange={(e) => { const next = (f.accept ?? []).filter((x) => x !== t); set({ accept: e.target.checked ? ACCEPT_ORDER.filter((x) => x === t || next.includes(x)) : next.length ? next : undefined }); }} />
              {d.title}
            </label>
          ))}
        </fieldset>
      )}
      {(f.kind === 'select' || f.kind === 'multiselect') && (
        <Labeled id={id('options')} label="可选项（每行一项）" required problems={at('enum')} tip="例如：住宅、商业、办公，每行写一项。">
          <textarea id={id('options')} className="form-control" rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
        </Labeled>
      )}
      {(f.kind === 'entry' || f.kind === 'entries') && (
        <Labeled id={id('register')} label="登记册" required problems={f.register ? [] : [{ text: '请选择登记册' } as Placed]}
          tip="选项取自哪本登记册的条目，例如选“物业区域”，申请人从已备案的小区中选择。">
          <select id={id('register')} className="form-control" value={f.register ?? ''} onChange={(e) => set({ register: e.target.value || undefined })}>
            <option value="">（请选择）</option>
            {f.register && !registers.some((r) => r.name === f.register) && <option value={f.register}>{f.register}</option>}
            {registers.map((r) => <option key={r.name} value={r.name}>{r.title}</option>)}
          </select>
        </Labeled>
      )}
      {f.kind === 'table' && <ColumnsEditor columns={f.columns ?? []} problems={problems} onChange={(columns) => set({ columns })} />}
      {f.kind === 'group' && (
        <NestedFields idp={`${idp}${f.name}-`} title={f.title} fields={f.children ?? []} onChange={(children) => set({ children })} />
      )}
      <div className="form-grid form-grid-3">
        <Labeled id={id('description')} label="填写说明" tip={DESCRIPTION_TIP}>
          <input id={id('description')} className="form-control" value={f.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} />
        </Labeled>
        {PLACEHOLDER_KINDS.includes(f.kind) && (
          <Labeled id={id('placeholder')} label="输入框提示" tip="输入框为空时显示的浅色文字，例如“如：1栋2单元301”。">
            <input id={id('placeholder')} className="form-control" value={str('ui:placeholder')} onChange={(e) => setUi('ui:placeholder', e.target.value)} />
          </Labeled>
        )}
        <DefaultInput id={id('default')} field={f} onChange={(v) => set({ default: v })} />
      </div>
      {!nested && <ConditionBuilder idp={idp} condition={f.condition} fields={others} onChange={(condition) => set({ condition })} />}
      {advanced}
      <InlineProblems problems={problems.filter((p) => !['title', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'enum'].includes(p.segs[2] ?? ''))} />
    </div>
  );
}
