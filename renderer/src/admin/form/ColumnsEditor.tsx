// The columns of a table field (施工人员: 姓名, 身份证号 …): title, name, kind, format or options,
// required; add, move and remove.
import type { Placed } from '../lint';
import { COLUMN_KINDS, KIND_TITLES, NAME_PATTERN, TEXT_FORMATS, suggestName, withKind, type Field } from './fieldModel';
import { useLocalText } from './useLocalText';
import { Help } from '../Help';

function ColumnRow({ c, i, count, names, onChange, onMove, onRemove, problems }: {
  c: Field; i: number; count: number; names: string[]; problems: Placed[];
  onChange: (c: Field) => void; onMove: (d: -1 | 1) => void; onRemove: () => void;
}) {
  const others = names.filter((n) => n !== c.name);
  const [name, setName] = useLocalText(c.name, (t) => { if (!NAME_PATTERN.test(t) || others.includes(t)) return false; onChange({ ...c, name: t }); return true; });
  const [options, setOptions] = useLocalText((c.options ?? []).join('，'), (t) => { onChange({ ...c, options: t.split(/[,，]/).map((x) => x.trim()).filter(Boolean) }); return true; });
  const setTitle = (title: string) => {
    // A name never edited by hand (still the one made from the title) follows the title.
    const auto = /^col\d*$/.test(c.name) || c.name === suggestName(c.title, others);
    onChange({ ...c, title, name: auto ? suggestName(title, others) : c.name });
  };
  const bad = name !== c.name;
  return (
    <tr>
      <td className="col-index">{i + 1}</td>
      <td><input id={`col-${i}-title`} className="form-control input-sm" aria-label={`第 ${i + 1} 列标题`} value={c.title} onChange={(e) => setTitle(e.target.value)} /></td>
      <td>
        <input id={`col-${i}-name`} className={`form-control input-sm mono ${bad ? 'invalid' : ''}`} aria-label={`第 ${i + 1} 列标识`} aria-invalid={bad} value={name} onChange={(e) => setName(e.target.value.trim())} />
      </td>
      <td>
        <select id={`col-${i}-kind`} className="form-control input-sm" aria-label={`第 ${i + 1} 列类型`} value={c.kind} onChange={(e) => onChange(withKind(c, e.target.value as Field['kind']))}>
          {(COLUMN_KINDS.includes(c.kind) ? COLUMN_KINDS : [c.kind, ...COLUMN_KINDS]).map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
        </select>
      </td>
      <td>
        {c.kind === 'text' && (
          <select id={`col-${i}-format`} className="form-control input-sm" aria-label={`第 ${i + 1} 列格式`} value={c.format ?? ''} onChange={(e) => onChange({ ...c, format: e.target.value || undefined })}>
            {Object.entries(TEXT_FORMATS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
          </select>
        )}
        {c.kind === 'select' && <input id={`col-${i}-options`} className="form-control input-sm" aria-label={`第 ${i + 1} 列可选项`} placeholder="用逗号分隔" value={options} onChange={(e) => setOptions(e.target.value)} />}
        {problems.map((p, k) => <div key={k} className="field-errors">{p.text}</div>)}
      </td>
      <td className="center"><input id={`col-${i}-required`} type="checkbox" aria-label={`第 ${i + 1} 列必填`} checked={c.required} onChange={(e) => onChange({ ...c, required: e.target.checked })} /></td>
      <td className="nowrap">
        <button type="button" className="btn btn-sm icon-btn" aria-label={`上移第 ${i + 1} 列`} disabled={i === 0} onClick={() => onMove(-1)}>↑</button>
        <button type="button" className="btn btn-sm icon-btn" aria-label={`下移第 ${i + 1} 列`} disabled={i === count - 1} onClick={() => onMove(1)}>↓</button>
        <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除第 ${i + 1} 列`} disabled={count === 1} onClick={onRemove}>删除</button>
      </td>
    </tr>
  );
}

export function ColumnsEditor({ columns, problems, onChange }: { columns: Field[]; problems: Placed[]; onChange: (c: Field[]) => void }) {
  const names = columns.map((c) => c.name);
  const move = (i: number, d: -1 | 1) => { const next = [...columns]; [next[i], next[i + d]] = [next[i + d], next[i]]; onChange(next); };
  const add = () => {
    let k = columns.length + 1;
    while (names.includes(`col${k}`)) k++;
    onChange([...columns, { name: `col${k}`, title: `第${columns.length + 1}列`, kind: 'text', required: false, rest: {}, ui: {} }]);
  };
  return (
    <div className="columns-editor">
      <div className="field-label">表格的列<Help title="表格的列">每一行要填的内容，例如“施工人员”表格有姓名、身份证号、联系电话三列。</Help></div>
      <table className="grid-table compact">
        <thead><tr><th scope="col" className="col-index">序号</th><th scope="col">列标题<Help title="列标题">表头上显示的名称，例如“姓名”。</Help></th><th scope="col">标识<Help title="列标识">保存到数据中的英文名称，由列标题自动生成，例如“姓名”→ name；一般不需要修改。</Help></th><th scope="col">类型<Help title="列类型">怎么填写这一列，例如“日期”弹出日历，“单选”从可选项中选。</Help></th><th scope="col">格式 / 可选项<Help title="格式 / 可选项">单行文本可选校验格式，例如身份证号码；单选列写可选项，用逗号分隔，例如“电工，焊工”。</Help></th><th scope="col">必填<Help title="列必填">勾选后每一行的这一列都必须填写，例如每位施工人员都要填姓名。</Help></th><th scope="col">操作</th></tr></thead>
        <tbody>
          {columns.map((c, i) => (
            <ColumnRow key={i} c={c} i={i} count={columns.length} names={names}
              problems={problems.filter((p) => p.segs[3] === 'items' && p.segs[5] === c.name)}
              onChange={(nc) => onChange(columns.map((x, k) => (k === i ? nc : x)))} onMove={(d) => move(i, d)} onRemove={() => onChange(columns.filter((_, k) => k !== i))} />
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-sm" id="add-column" onClick={add}>＋ 添加列</button>
    </div>
  );
}
