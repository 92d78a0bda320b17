// One step of the workflow: its name and kind, who acts (role and scope), the task's name and due
// time, and the decisions it offers with where each leads; problems shown where they are.
import type { TypeSettings } from '../../api/model';
import type { Vocabulary } from '../api';
import type { Placed } from '../lint';
import { Labeled } from '../Labeled';
import { InlineProblems } from '../ProblemList';
import { useLocalText } from '../form/useLocalText';
import { Tag } from '../../ui/StatusTag';
import { durationTitle } from '../../workflow/graph';
import { DecisionRow } from './DecisionRow';
import { PRESETS, uniqueEvent } from './presets';
import { STEP_KEY, STEP_KINDS, formatDue, isFinal, parseDue, type Step, type StepKind } from './stepModel';

interface Props {
  step: Step;
  index: number;
  steps: Step[];
  vocab: Vocabulary | undefined;
  delays: NonNullable<TypeSettings['delays']>;
  problems: Placed[];
  selected: boolean;
  onSelect: () => void;
  onChange: (s: Step, renamed?: [string, string]) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}

export function StepCard({ step: s, index: i, steps, vocab, delays, problems, selected, onSelect, onChange, onMove, onRemove }: Props) {
  const id = `step-${i}`;
  const set = (patch: Partial<Step>) => onChange({ ...s, ...patch });
  const others = steps.filter((x) => x.key !== s.key).map((x) => x.key);
  const [key, setKey] = useLocalText(s.key, (t) => { if (!STEP_KEY.test(t) || others.includes(t)) return false; onChange({ ...s, key: t }, [s.key, t]); return true; });
  const task = (f: string) => problems.filter((p) => p.segs[2] === 'meta' && p.segs[3] === 'tasks' && p.segs[5] === f);
  const decisionProblems = (ev: string) => problems.filter((p) => (p.segs[2] === 'on' && p.segs[3] === ev) || (p.segs[5] === 'events' && p.segs[6] === ev));
  const general = problems.filter((p) => !task('role').concat(task('scope'), task('due'), task('title')).includes(p) && !s.decisions.some((d) => decisionProblems(d.event).includes(p)));
  const due = parseDue(s.due);
  const dueMode = !s.due ? '' : due ? due.unit : `name:${s.due}`;
  const roles = vocab?.roles ?? {};
  const scopes = vocab?.scopes ?? {};

  const setKind = (kind: StepKind) => {
    if (isFinal(kind)) { onChange({ ...s, kind, decisions: [], role: '', scope: '', taskTitle: '', taskName: '', due: undefined }); return; }
    const wasApplicant = s.kind === 'applicant' || !s.role;
    const toApplicant = kind === 'applicant';
    onChange({
      ...s, kind,
      role: toApplicant ? 'applicant' : wasApplicant ? 'clerk' : s.role,
      scope: toApplicant ? 'org' : wasApplicant ? 'district' : s.scope,
      taskName: s.taskName || s.key, taskTitle: s.taskTitle || (toApplicant ? '填写并提交' : '办理'),
    });
  };
  const setDueMode = (mode: string) => {
    if (!mode) set({ due: undefined });
    else if (mode.startsWith('name:')) set({ due: mode.slice(5) });
    else set({ due: formatDue(due?.n ?? 3, mode as 'D' | 'H') });
  };
  const addDecision = () => {
    const taken = s.decisions.map((d) => d.event);
    const p = PRESETS.find((x) => !taken.includes(x.event) && (s.kind === 'applicant' ? x.event === 'SUBMIT' : x.event !== 'SUBMIT' && x.event !== 'WITHDRAW')) ?? PRESETS[1];
    const forms = vocab?.decisionForms ?? [];
    set({ decisions: [...s.decisions, { event: uniqueEvent(p.event, taken), title: p.title, target: '', actions: [], form: p.form && (!vocab || forms.includes(p.form)) ? p.form : undefined, validate: p.validate }] });
  };

  return (
    <li className={`step-card ${isFinal(s.kind) ? 'final' : ''} ${selected ? 'selected' : ''} ${problems.length ? 'bad' : ''}`} data-step={s.key} onFocus={onSelect} onClick={onSelect}>
      <div className="step-head">
        <span className="step-no">{i === 0 ? '起始' : `环节 ${i + 1}`}</span>
        <h4 className="step-title">{s.title || '（未命名）'}</h4>
        <Tag tone={isFinal(s.kind) ? (s.kind === 'final-rejected' ? 'red' : 'green') : s.kind === 'applicant' ? 'grey' : 'blue'}>{STEP_KINDS[s.kind]}</Tag>
        {!isFinal(s.kind) && s.role && <span className="muted small">办理人：{roles[s.role] ?? s.role}{s.due ? ` · 期限 ${durationTitle(delays[s.due] ?? s.due)}` : ''}</span>}
        {problems.length > 0 && <Tag tone="red">{problems.length} 处问题</Tag>}
        <span className="step-ops">
          <button type="button" className="btn btn-sm icon-btn" id={`${id}-up`} aria-label={`上移环节「${s.title}」`} disabled={i === 0} onClick={() => onMove(-1)}>↑</button>
          <button type="button" className="btn btn-sm icon-btn" id={`${id}-down`} aria-label={`下移环节「${s.title}」`} disabled={i === steps.length - 1} onClick={() => onMove(1)}>↓</button>
          <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除环节「${s.title}」`} disabled={steps.length === 1} onClick={onRemove}>删除</button>
        </span>
      </div>
      <InlineProblems problems={general} />
      <div className="step-body">
        <div className="form-grid form-grid-4">
          <Labeled id={`${id}-title`} label="环节名称" required>
            <input id={`${id}-title`} className="form-control" value={s.title} onChange={(e) => set({ title: e.target.value })} />
          </Labeled>
          <Labeled id={`${id}-kind`} label="环节类型">
            <select id={`${id}-kind`} className="form-control" value={s.kind} onChange={(e) => setKind(e.target.value as StepKind)}>
              {Object.entries(STEP_KINDS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
            </select>
          </Labeled>
          {!isFinal(s.kind) && (
            <>
              <Labeled id={`${id}-role`} label="办理人" required problems={task('role')}>
                <select id={`${id}-role`} className="form-control" value={s.role} onChange={(e) => set({ role: e.target.value, scope: e.target.value === 'applicant' ? 'org' : s.scope === 'org' ? 'district' : s.scope })}>
                  <option value="">（请选择）</option>
                  {s.role && !(s.role in roles) && vocab && <option value={s.role}>{s.role}（未知）</option>}
                  {Object.entries(roles).filter(([r]) => r !== 'admin').map(([r, t]) => <option key={r} value={r}>{t}</option>)}
                </select>
              </Labeled>
              <Labeled id={`${id}-scope`} label="办理范围" problems={task('scope')}>
                <select id={`${id}-scope`} className="form-control" value={s.scope} onChange={(e) => set({ scope: e.target.value })}>
                  {!s.scope && <option value="">（请选择）</option>}
                  {Object.entries(scopes).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
                </select>
              </Labeled>
              <Labeled id={`${id}-task`} label="办理事项" required problems={task('title')}>
                <input id={`${id}-task`} className="form-control" value={s.taskTitle} placeholder="如：窗口受理" onChange={(e) => set({ taskTitle: e.target.value })} />
              </Labeled>
              <Labeled id={`${id}-due`} label="办理期限" problems={task('due')} help={s.due ? `超过期限的待办标为逾期（${s.due}）` : '不限期'}>
                <span className="due-input">
                  {due && <input id={`${id}-due`} type="number" min={1} className="form-control" aria-label="期限数值" value={due.n} onChange={(e) => set({ due: formatDue(Math.max(1, Number(e.target.value) || 1), due.unit) })} />}
                  <select id={due ? `${id}-due-unit` : `${id}-due`} className="form-control" aria-label="期限单位" value={dueMode} onChange={(e) => setDueMode(e.target.value)}>
                    <option value="">不限</option>
                    <option value="D">天</option>
                    <option value="H">小时</option>
                    {Object.keys(delays).map((n) => <option key={n} value={`name:${n}`}>按期限设置「{n}」</option>)}
                    {s.due && !due && !(s.due in delays) && <option value={`name:${s.due}`}>{s.due}</option>}
                  </select>
                </span>
              </Labeled>
              <Labeled id={`${id}-key`} label="环节标识" help="英文，用于流程定义" problems={key !== s.key ? [{ text: '以小写字母开头且不与其他环节重复' } as Placed] : []}>
                <input id={`${id}-key`} className="form-control mono" value={key} onChange={(e) => setKey(e.target.value.trim())} />
              </Labeled>
            </>
          )}
          {isFinal(s.kind) && (
            <Labeled id={`${id}-key`} label="环节标识" help="英文，用于流程定义">
              <input id={`${id}-key`} className="form-control mono" value={key} onChange={(e) => setKey(e.target.value.trim())} />
            </Labeled>
          )}
        </div>
        {!isFinal(s.kind) && (
          <div className="decisions">
            <div className="field-label">可作出的决定</div>
            <table className="grid-table compact decision-table">
              <thead><tr><th scope="col">决定</th><th scope="col">按钮名称</th><th scope="col">去向</th><th scope="col">决定表单</th><th scope="col">校验表单</th><th scope="col">效果 / 操作</th></tr></thead>
              <tbody>
                {s.decisions.map((d, j) => (
                  <DecisionRow key={j} idPrefix={`${id}-dec-${j}`} d={d} steps={steps} taken={s.decisions.map((x) => x.event)} vocab={vocab} problems={decisionProblems(d.event)}
                    onChange={(nd) => set({ decisions: s.decisions.map((x, k) => (k === j ? nd : x)) })}
                    onRemove={() => set({ decisions: s.decisions.filter((_, k) => k !== j) })} />
                ))}
                {s.decisions.length === 0 && <tr><td colSpan={6} className="empty-row">尚无决定：办理人将无法推进此环节</td></tr>}
              </tbody>
            </table>
            <button type="button" className="btn btn-sm" id={`${id}-add-decision`} onClick={addDecision}>＋ 添加决定</button>
          </div>
        )}
      </div>
    </li>
  );
}
