// 期限到期自动办理: when a step has waited its time (3 天, or a named delay of the type such as
// 公示期), the case moves on by itself — to escalate (督办), to close, or just to mark it overdue.
// Timers refer to a named delay in the type's settings; a new timer gets its own delay.
import { durationTitle } from '../../workflow/graph';
import { identifierFrom } from '../identifiers';
import { Help } from '../Help';
import { BranchList } from './BranchList';
import { conditionFields } from './conditions';
import { targetsFrom, type StepContext } from './stepContext';
import { parseDue, type Step, type Timer } from './stepModel';

export function TimerList({ idPrefix, step, ctx, prefix, onChange }: {
  idPrefix: string; step: Step; ctx: StepContext; prefix: string; onChange: (timers: Timer[]) => void;
}) {
  const set = (i: number, t: Timer) => onChange(step.timers.map((x, k) => (k === i ? t : x)));
  const add = () => {
    const name = identifierFrom(`${step.title}期限`, Object.keys(ctx.delays), 'camel');
    ctx.setDelay(name, 'P3D');
    onChange([...step.timers, { delay: name, branches: [{ target: '', actions: [] }] }]);
  };
  const fields = conditionFields(ctx.form);
  return (
    <div className="timers">
      <div className="field-label">期限到期自动办理
        <Help title="期限到期自动办理">进入本环节后等候的时间一到，流程自动进入所选环节，例如「3 天未受理 → 进入 逾期督办」，并可同时设置标记“逾期”。离开本环节时计时取消。</Help>
      </div>
      {step.timers.map((t, i) => {
        const id = `${idPrefix}-timer-${i}`;
        const value = ctx.delays[t.delay];
        const days = typeof value === 'string' ? parseDue(value) : null;
        return (
          <div key={i} className="timer">
            <div className="branch-line">
              <label className="inline-label" htmlFor={`${id}-delay`}>等候</label>
              <Help title="等候">进入本环节后等候多久自动办理，例如选择本环节的期限 3 天，或基本设置中命名的「公示期」。</Help>
              <select id={`${id}-delay`} className="form-control input-sm" value={t.delay} onChange={(e) => set(i, { ...t, delay: e.target.value })}>
                {!(t.delay in ctx.delays) && <option value={t.delay}>{t.delay}</option>}
                {Object.entries(ctx.delays).map(([n, d]) => <option key={n} value={n}>{n === t.delay && days ? '本环节的期限' : `「${n}」${durationTitle(d)}`}</option>)}
              </select>
              {days?.unit === 'D' && (
                <>
                  <input id={`${id}-days`} type="number" min={1} className="form-control input-sm narrow" aria-label="天数" value={days.n}
                    onChange={(e) => ctx.setDelay(t.delay, `P${Math.max(1, Number(e.target.value) || 1)}D`)} />
                  <span className="muted small">天后</span>
                </>
              )}
              <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除第 ${i + 1} 个期限`} onClick={() => onChange(step.timers.filter((_, k) => k !== i))}>删除</button>
            </div>
            <BranchList idPrefix={id} branches={t.branches} targets={targetsFrom(ctx, prefix)} fields={fields} vocab={ctx.vocab} allowStay
              onChange={(branches) => set(i, { ...t, branches })} />
          </div>
        );
      })}
      <button type="button" className="btn btn-sm" id={`${idPrefix}-add-timer`} onClick={add}>＋ 期限到期自动办理</button>
    </div>
  );
}
