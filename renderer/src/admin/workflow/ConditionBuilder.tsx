// 条件: a branch's condition built by clicks (field, comparison, value; several joined by 并且),
// written as a JSON Logic `expr` guard and read back to the administrator as a Chinese sentence.
// An older named guard is shown as the expression it means and becomes an `expr` guard when edited.
import { describeExpr } from '../../../../engine/expression/index';
import { COMPARE_OPS, coerce, guardExpr, readClauses, writeClauses, type Clause, type CompareOp, type FieldOption } from './conditions';
import { exprGuard, type Guard } from './transitions';

interface Props { idPrefix: string; guard: Guard; fields: FieldOption[]; onChange: (g: Guard) => void }

export function ConditionBuilder({ idPrefix, guard, fields, onChange }: Props) {
  const expr = guardExpr(guard);
  const clauses = expr === null ? null : readClauses(expr);
  const label = (v: string) => { const f = fields.find((x) => x.variable === v); return f ? `「${f.title}」` : undefined; };
  const sentence = expr === null ? `条件「${guard.type}」` : describeExpr(expr, label);
  const set = (next: Clause[]) => onChange(exprGuard(writeClauses(next)));
  if (!clauses) {
    return <p className="condition-sentence" id={`${idPrefix}-sentence`}>当 {sentence} 时 <span className="muted small">（此条件较复杂，请在「流程 JSON」中修改）</span></p>;
  }
  const setClause = (i: number, c: Clause) => set(clauses.map((x, k) => (k === i ? c : x)));
  return (
    <div className="condition">
      <p className="condition-sentence" id={`${idPrefix}-sentence`} aria-live="polite">当 {sentence} 时</p>
      {clauses.map((c, i) => {
        const field = fields.find((f) => f.variable === c.variable);
        const id = `${idPrefix}-c${i}`;
        const options = field?.schema.enum as unknown[] | undefined;
        return (
          <div key={i} className="condition-clause">
            {i > 0 && <span className="muted small">并且</span>}
            <select id={`${id}-field`} className="form-control input-sm" aria-label="条件字段" value={c.variable}
              onChange={(e) => setClause(i, { ...c, variable: e.target.value, value: coerce(fields.find((f) => f.variable === e.target.value)?.schema, '') })}>
              {!field && <option value={c.variable}>{c.variable}</option>}
              {fields.map((f) => <option key={f.variable} value={f.variable}>{f.title}</option>)}
            </select>
            <select id={`${id}-op`} className="form-control input-sm" aria-label="比较" value={c.op} onChange={(e) => setClause(i, { ...c, op: e.target.value as CompareOp })}>
              {Object.entries(COMPARE_OPS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
            </select>
            {c.op !== 'filled' && (field?.schema.type === 'boolean' || options ? (
              <select id={`${id}-value`} className="form-control input-sm" aria-label="值" value={String(c.value)} onChange={(e) => setClause(i, { ...c, value: coerce(field?.schema, e.target.value) })}>
                {(options ?? [true, false]).map((o) => <option key={String(o)} value={String(o)}>{o === true ? '是' : o === false ? '否' : String(o)}</option>)}
              </select>
            ) : (
              <input id={`${id}-value`} className="form-control input-sm" aria-label="值" type={field?.schema.type === 'number' || field?.schema.type === 'integer' ? 'number' : 'text'}
                value={String(c.value ?? '')} onChange={(e) => setClause(i, { ...c, value: coerce(field?.schema, e.target.value) })} />
            ))}
            {clauses.length > 1 && <button type="button" className="btn btn-sm btn-text-danger" aria-label="删除此条件" onClick={() => set(clauses.filter((_, k) => k !== i))}>删除</button>}
          </div>
        );
      })}
      {fields.length > 0 && (
        <button type="button" className="btn btn-sm" id={`${idPrefix}-and`} onClick={() => set([...clauses, { variable: fields[0].variable, op: '==', value: coerce(fields[0].schema, '') }])}>＋ 并且</button>
      )}
    </div>
  );
}

/** A new condition on the first field that can be compared. */
export function newGuard(fields: FieldOption[]): Guard {
  const f = fields.find((x) => x.schema.type === 'number' || x.schema.type === 'integer') ?? fields[0];
  return exprGuard(writeClauses([f ? { variable: f.variable, op: '>=', value: coerce(f.schema, '') } : { variable: 'data', op: 'filled', value: undefined }]));
}
