// 去向 of a decision, a timer, an automatic step or a finished group: one step to go to, or 条件分支 —
// "当 … 时 进入 A；否则 进入 B", tried in order — each with what is done automatically on the way.
import { useState } from 'react';
import type { Vocabulary } from '../api';
import type { Placed } from '../lint';
import { InlineProblems } from '../ProblemList';
import { ConditionBuilder, newGuard } from './ConditionBuilder';
import type { FieldOption } from './conditions';
import { EffectsEditor } from './EffectsEditor';
import { STAY, type Branch } from './transitions';

export interface TargetOption { value: string; label: string }

interface Props {
  idPrefix: string;
  branches: Branch[];
  targets: TargetOption[];
  fields: FieldOption[];
  vocab: Vocabulary | undefined;
  /** Whether "留在本环节" makes sense (a decision that only runs effects). */
  allowStay?: boolean;
  problems?: Placed[];
  onChange: (b: Branch[]) => void;
}

export function TargetSelect({ id, value, targets, allowStay, invalid, onChange }: {
  id: string; value: string; targets: TargetOption[]; allowStay?: boolean; invalid?: boolean; onChange: (v: string) => void;
}) {
  return (
    <select id={id} className={`form-control input-sm ${invalid || !value ? 'invalid' : ''}`} aria-label="进入环节" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">（请选择去向）</option>
      {value && value !== STAY && !targets.some((t) => t.value === value) && <option value={value}>{value}</option>}
      {targets.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
      {allowStay && <option value={STAY}>（留在本环节）</option>}
    </select>
  );
}

export function BranchList({ idPrefix, branches, targets, fields, vocab, allowStay, problems = [], onChange }: Props) {
  const list = branches.length ? branches : [{ target: '', actions: [] }];
  const [open, setOpen] = useState<number[]>(() => list.map((b, i) => (b.actions.length ? i : -1)));
  const set = (i: number, b: Branch) => onChange(list.map((x, k) => (k === i ? b : x)));
  const conditional = list.length > 1 || list.some((b) => b.guard);
  const addCondition = () => {
    // The new condition is tried before the last branch, which stays the 否则. Both lead somewhere
    // at once: a branch without a target is not written, so it would vanish with the next edit.
    const first = targets[0]?.value ?? '';
    const rest = list.map((b) => (b.target ? b : { ...b, target: first }));
    const at = rest[rest.length - 1].guard ? rest.length : rest.length - 1;
    onChange([...rest.slice(0, at), { target: first, guard: newGuard(fields), actions: [] }, ...rest.slice(at)]);
  };
  return (
    <div className={`branches ${conditional ? 'conditional' : ''}`}>
      {list.map((b, i) => {
        // The first branch keeps the decision's own ids (…-target, …-effects).
        const id = i === 0 ? idPrefix : `${idPrefix}-b${i}`;
        return (
          <div key={i} className="branch">
            {b.guard && <ConditionBuilder idPrefix={id} guard={b.guard} fields={fields} onChange={(guard) => set(i, { ...b, guard })} />}
            <div className="branch-line">
              {conditional && !b.guard && <span className="branch-else">{i === list.length - 1 && i > 0 ? '否则' : '总是'}</span>}
              <span className="muted small">进入</span>
              <TargetSelect id={`${id}-target`} value={b.target} targets={targets} allowStay={allowStay} onChange={(target) => set(i, { ...b, target })} />
              <button type="button" className={`btn btn-sm ${b.actions.length ? 'btn-outline' : ''}`} id={`${id}-effects`} aria-expanded={open.includes(i)}
                onClick={() => setOpen(open.includes(i) ? open.filter((x) => x !== i) : [...open, i])}>办理后自动执行（{b.actions.length}）</button>
              {conditional && <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除第 ${i + 1} 个去向`} onClick={() => onChange(list.filter((_, k) => k !== i))}>删除</button>}
            </div>
            {open.includes(i) && <EffectsEditor idPrefix={id} effects={b.actions} vocab={vocab} problems={[]} onChange={(actions) => set(i, { ...b, actions })} />}
          </div>
        );
      })}
      <InlineProblems problems={problems} />
      <button type="button" className="btn btn-sm" id={`${idPrefix}-add-condition`} onClick={addCondition}>＋ 按条件分去向</button>
    </div>
  );
}
