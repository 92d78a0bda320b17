// A field's condition ("当「物业类型」为「住宅」时显示"): rows of field / operator / value joined by
// 并且 or 或者, edited as the engine's expression (JSON Logic) and read back as a Chinese sentence
// (describeExpr). The form stores it as a JSON Schema if/then (fieldModel). An expression the rows
// cannot show is described and kept; it can be changed in the JSON tab.
import { describeExpr } from '../../../../engine/expression/index';
import { Help } from '../Help';
import type { Condition, Field } from './fieldKinds';
import { conditionFields, exprOfRows, OP_TITLES, opsFor, rowsOfExpr, type Row, type RowOp, type Rows } from './conditionRows';

interface Props { idp: string; condition: Condition | undefined; fields: Field[]; onChange: (c: Condition | undefined) => void }

const firstValue = (f: Field | undefined): unknown => (f?.kind === 'boolean' ? true : f?.kind === 'select' ? f.options?.[0] : f?.kind === 'number' || f?.kind === 'integer' ? 0 : '');

export function conditionSentence(c: Condition, fields: Field[]): string {
  const byPath = new Map(conditionFields(fields).map((x) => [`data.${x.path}`, `「${x.title}」`]));
  return `当${describeExpr(c.expr, (n) => byPath.get(n))}时${c.mode === 'require' ? '必填' : '显示'}`;
}

function ValueInput({ id, row, field, onChange }: { id: string; row: Row; field: Field | undefined; onChange: (v: unknown) => void }) {
  if (row.op === 'filled' || row.op === 'empty') return null;
  if (field?.kind === 'boolean') {
    return (
      <select id={id} className="form-control" aria-label="取值" value={String(row.value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">是</option><option value="false">否</option>
      </select>
    );
  }
  if (field?.kind === 'select' && row.op === 'in') {
    const chosen = Array.isArray(row.value) ? row.value : [];
    return (
      <span className="condition-choices" role="group" aria-label="取值（可多选）">
        {(field.options ?? []).map((o) => (
          <label key={o}><input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))} /> {o}</label>
        ))}
      </span>
    );
  }
  if (field?.kind === 'select') {
    return (
      <select id={id} className="form-control" aria-label="取值" value={String(row.value ?? '')} onChange={(e) => onChange(e.target.value)}>
        {(field.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    );
  }
  const numeric = field?.kind === 'number' || field?.kind === 'integer';
  return (
    <input id={id} className="form-control" aria-label="取值" type={numeric ? 'number' : field?.kind === 'date' ? 'date' : 'text'} value={String(row.value ?? '')}
      onChange={(e) => onChange(numeric ? (e.target.value === '' ? 0 : Number(e.target.value)) : e.target.value)} />
  );
}

export function ConditionBuilder({ idp, condition, fields, onChange }: Props) {
  const choices = conditionFields(fields);
  const rows = condition ? rowsOfExpr(condition.expr) : null;
  const fieldAt = (path: string) => choices.find((c) => c.path === path)?.field;
  const set = (next: Rows, mode = condition?.mode ?? 'show') => onChange({ mode, expr: exprOfRows(next) });
  const newRow = (): Row => { const c = choices[0]; return { field: c.path, op: '==', value: firstValue(c.field) }; };
  const setMode = (mode: string) => {
    if (mode === 'none') onChange(undefined);
    else if (condition) onChange({ ...condition, mode: mode as Condition['mode'] });
    else if (choices.length) set({ join: 'and', rows: [newRow()] }, mode as Condition['mode']);
  };
  const setRow = (i: number, r: Row) => rows && set({ ...rows, rows: rows.rows.map((x, k) => (k === i ? r : x)) });

  return (
    <fieldset className="condition-box">
      <legend>显示条件 <Help title="显示条件">只在满足条件时显示或必填。例如“物业类型”为“住宅”时才显示“户数”；“总面积”大于或等于 1000 时“消防验收意见”必填。</Help></legend>
      {choices.length === 0 && !condition ? (
        <p className="muted small">添加其他字段（如“是/否”、单选或数字）后，可以设置“当某字段为某值时显示或必填”。</p>
      ) : (
        <>
          <select id={`${idp}cond-mode`} className="form-control" aria-label="条件类型" value={condition?.mode ?? 'none'} onChange={(e) => setMode(e.target.value)}>
            <option value="none">总是显示</option>
            <option value="show">仅当条件成立时显示</option>
            <option value="require">条件成立时必填</option>
          </select>
          {condition && !rows && <p className="muted small">此条件较复杂，这里不能逐项修改，已原样保留；可在「表单定义 JSON」中修改。</p>}
          {condition && rows && (
            <div className="condition-rows">
              {rows.rows.map((r, i) => {
                const f = fieldAt(r.field);
                return (
                  <div className="condition-row" key={i}>
                    <span>{i === 0 ? '当' : rows.join === 'and' ? '并且' : '或者'}</span>
                    <select id={`${idp}cond-${i}-field`} className="form-control" aria-label={`第 ${i + 1} 项条件的字段`} value={r.field}
                      onChange={(e) => { const nf = fieldAt(e.target.value); setRow(i, { field: e.target.value, op: opsFor(nf)[0], value: firstValue(nf) }); }}>
                      {!f && <option value={r.field}>{r.field}</option>}
                      {choices.map((c) => <option key={c.path} value={c.path}>{c.title}</option>)}
                    </select>
                    <select id={`${idp}cond-${i}-op`} className="form-control" aria-label={`第 ${i + 1} 项条件的比较方式`} value={r.op}
                      onChange={(e) => { const op = e.target.value as RowOp; setRow(i, { ...r, op, value: op === 'in' ? [] : Array.isArray(r.value) ? firstValue(f) : r.value }); }}>
                      {opsFor(f).map((o) => <option key={o} value={o}>{OP_TITLES[o]}</option>)}
                    </select>
                    <ValueInput id={`${idp}cond-${i}-value`} row={r} field={f} onChange={(value) => setRow(i, { ...r, value })} />
                    {rows.rows.length > 1 && <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除第 ${i + 1} 项条件`} onClick={() => set({ ...rows, rows: rows.rows.filter((_, k) => k !== i) })}>删除</button>}
                  </div>
                );
              })}
              <div className="condition-ops">
                <button type="button" className="btn btn-sm" id={`${idp}cond-add`} onClick={() => set({ ...rows, rows: [...rows.rows, newRow()] })}>＋ 再加一项条件</button>
                {rows.rows.length > 1 && (
                  <select id={`${idp}cond-join`} className="form-control input-sm" aria-label="多项条件的关系" value={rows.join} onChange={(e) => set({ ...rows, join: e.target.value as Rows['join'] })}>
                    <option value="and">全部成立（并且）</option>
                    <option value="or">任一成立（或者）</option>
                  </select>
                )}
              </div>
            </div>
          )}
          {condition && <p className="condition-sentence" id={`${idp}cond-sentence`}>{conditionSentence(condition, fields)}</p>}
        </>
      )}
    </fieldset>
  );
}
