// Who acts in a step and by when: role and scope, the task's name, its due time, and 会签 — one
// task per person listed in a form field, moving on only when all of them have decided, their
// opinions collected into a list of the case.
import type { Placed } from '../lint';
import { Labeled } from '../Labeled';
import { Help } from '../Help';
import type { TargetOption } from './BranchList';
import type { StepContext } from './stepContext';
import { formatDue, parseDue, type Step } from './stepModel';

interface Props { id: string; step: Step; ctx: StepContext; task: (f: string) => Placed[]; lists: TargetOption[]; onChange: (patch: Partial<Step>) => void }

export function TaskFields({ id, step: s, ctx, task, lists, onChange: set }: Props) {
  const roles = ctx.vocab?.roles ?? {};
  const scopes = ctx.vocab?.scopes ?? {};
  const due = parseDue(s.due);
  const dueMode = !s.due ? '' : due ? due.unit : `name:${s.due}`;
  const setDueMode = (mode: string) => {
    if (!mode) set({ due: undefined });
    else if (mode.startsWith('name:')) set({ due: mode.slice(5) });
    else set({ due: formatDue(due?.n ?? 3, mode as 'D' | 'H') });
  };
  const listOptions = (value: string | undefined) => (
    <>
      {value && !lists.some((l) => l.value === value) && <option value={value}>{value}</option>}
      {lists.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
    </>
  );
  return (
    <>
      <Labeled id={`${id}-role`} label="办理人" required problems={task('role')} tip="哪类人员办理此环节，例如“区县主管部门”的工作人员。">
        <select id={`${id}-role`} className="form-control" value={s.role} onChange={(e) => set({ role: e.target.value, scope: e.target.value === 'applicant' ? 'org' : s.scope === 'org' ? 'district' : s.scope })}>
          <option value="">（请选择）</option>
          {s.role && !(s.role in roles) && ctx.vocab && <option value={s.role}>{s.role}（未知）</option>}
          {Object.entries(roles).filter(([r]) => r !== 'admin').map(([r, t]) => <option key={r} value={r}>{t}</option>)}
        </select>
      </Labeled>
      <Labeled id={`${id}-scope`} label={<>办理范围<Help title="办理范围">哪一级的人员能看到并办理，例如「本区县」：只有办件所属区县的工作人员办理。</Help></>} problems={task('scope')}>
        <select id={`${id}-scope`} className="form-control" value={s.scope} onChange={(e) => set({ scope: e.target.value })}>
          {!s.scope && <option value="">（请选择）</option>}
          {Object.entries(scopes).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
        </select>
      </Labeled>
      <Labeled id={`${id}-task`} label="办理事项" required problems={task('title')} tip="办理人待办列表中显示的事项名称，例如“窗口受理”。">
        <input id={`${id}-task`} className="form-control" value={s.taskTitle} placeholder="如：窗口受理" onChange={(e) => set({ taskTitle: e.target.value })} />
      </Labeled>
      <Labeled id={`${id}-due`} label={<>办理期限<Help title="办理期限">超过期限仍未办理的待办标为逾期，例如「3 天」。要在到期时自动办理（如转督办），在下方「期限到期自动办理」中设置。</Help></>} problems={task('due')}>
        <span className="due-input">
          {due && <input id={`${id}-due`} type="number" min={1} className="form-control" aria-label="期限数值" value={due.n} onChange={(e) => set({ due: formatDue(Math.max(1, Number(e.target.value) || 1), due.unit) })} />}
          <select id={due ? `${id}-due-unit` : `${id}-due`} className="form-control" aria-label="期限单位" value={dueMode} onChange={(e) => setDueMode(e.target.value)}>
            <option value="">不限</option>
            <option value="D">天</option>
            <option value="H">小时</option>
            {Object.keys(ctx.delays).map((n) => <option key={n} value={`name:${n}`}>按期限设置「{n}」</option>)}
            {s.due && !due && !(s.due in ctx.delays) && <option value={`name:${s.due}`}>{s.due}</option>}
          </select>
        </span>
      </Labeled>
      <Labeled id={`${id}-assignees`} label={<>会签<Help title="会签">多人分别办理同一事项：从表单中的人员列表（如「检查人员」）为每人生成一件待办；选择「全部办理后才进入下一环节」时，所有人都作出决定后流程才继续。</Help></>}>
        <select id={`${id}-assignees`} className="form-control" value={s.assignees ?? ''} onChange={(e) => set(e.target.value ? { assignees: e.target.value, completion: 'all' } : { assignees: undefined, completion: undefined })}>
          <option value="">不会签（一人办理）</option>
          {listOptions(s.assignees)}
        </select>
      </Labeled>
      {s.assignees && (
        <Labeled id={`${id}-completion`} label="会签完成" tip="会签时何时进入下一环节，例如“全部办理后”：3 名检查人员都作出决定后流程才继续。">
          <select id={`${id}-completion`} className="form-control" value={s.completion ?? ''} onChange={(e) => set({ completion: e.target.value === 'all' ? 'all' : undefined })}>
            <option value="all">全部办理后才进入下一环节</option>
            <option value="">任一人办理即进入下一环节</option>
          </select>
        </Labeled>
      )}
      <Labeled id={`${id}-collect`} label={<>汇总各人意见到<Help title="汇总各人意见">每人作出决定时，其办理意见（含办理人和时间）追加到所选列表，例如把各检查人员的评分汇总到「评分」。</Help></>}>
        <select id={`${id}-collect`} className="form-control" value={s.collectInto ?? ''} onChange={(e) => set({ collectInto: e.target.value || undefined })}>
          <option value="">不汇总</option>
          {listOptions(s.collectInto)}
        </select>
      </Labeled>
      {(s.otherTasks ?? []).length > 0 && (
        <p className="muted small span-all">也可由 {(s.otherTasks ?? []).map((t) => `${roles[t.role] ?? t.role}（${t.title}）`).join('、')} 办理</p>
      )}
    </>
  );
}
