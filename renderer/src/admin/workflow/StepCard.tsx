// One step of the workflow: its name and kind, who acts (role, scope, 会签), the due time, the
// decisions it offers and where each leads, 期限到期自动办理, 自动流转, and its sub-steps (one after
// the other, or side by side for 并行审批) with where it goes once they are done. Problems are
// shown where they are; the step's key is under 高级.
import type { Placed } from '../lint';
import { Labeled } from '../Labeled';
import { Help } from '../Help';
import { InlineProblems } from '../ProblemList';
import { useLocalText } from '../form/useLocalText';
import { Tag } from '../../ui/StatusTag';
import { durationTitle } from '../../workflow/graph';
import { BranchList } from './BranchList';
import { conditionFields } from './conditions';
import { DecisionRow } from './DecisionRow';
import { PRESETS, uniqueEvent } from './presets';
import { listFields, targetsFrom, type StepContext } from './stepContext';
import { STEP_KEY, STEP_KINDS, emptyStep, isFinal, type Step, type StepKind } from './stepModel';
import { StepList, newBranch, newTaskStep } from './StepList';
import { TaskFields } from './TaskFields';
import { TimerList } from './TimerList';

interface Props {
  step: Step;
  index: number;
  idPrefix: string;
  prefix: string;
  siblings: Step[];
  ctx: StepContext;
  parallel?: boolean;
  /** Event names taken by parallel branches this step runs beside (see StepList). */
  reserved: string[];
  problems: Placed[];
  selected: string | undefined;
  onSelect: (path: string) => void;
  onChange: (s: Step, renamed?: [string, string]) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
  announce: (text: string) => void;
}

/** Problems of a sub-step, with their path made relative to the sub-step list. */
const inner = (problems: Placed[]) => problems.filter((p) => p.segs[2] === 'states').map((p) => ({ ...p, segs: p.segs.slice(2) }));

export function StepCard({ step: s, index: i, idPrefix: id, prefix, siblings, ctx, parallel, reserved, problems, selected, onSelect, onChange, onMove, onRemove, announce }: Props) {
  const set = (patch: Partial<Step>) => onChange({ ...s, ...patch });
  const path = `${prefix}${s.key}`;
  const others = siblings.filter((x) => x.key !== s.key).map((x) => x.key);
  const [key, setKey] = useLocalText(s.key, (t) => { if (!STEP_KEY.test(t) || others.includes(t)) return false; onChange({ ...s, key: t }, [s.key, t]); return true; });
  const own = problems.filter((p) => p.segs[2] !== 'states');
  const task = (f: string) => own.filter((p) => p.segs[2] === 'meta' && p.segs[3] === 'tasks' && p.segs[5] === f);
  const decisionProblems = (ev: string) => own.filter((p) => (p.segs[2] === 'on' && p.segs[3] === ev) || (p.segs[5] === 'events' && p.segs[6] === ev));
  const placed = [...['role', 'scope', 'due', 'title'].flatMap(task), ...s.decisions.flatMap((d) => decisionProblems(d.event))];
  const general = own.filter((p) => !placed.includes(p));
  const roles = ctx.vocab?.roles ?? {};
  const targets = targetsFrom(ctx, prefix);
  const fields = conditionFields(ctx.form);
  const taken = [...s.decisions.map((d) => d.event), ...reserved];

  const setKind = (kind: StepKind) => {
    if (isFinal(kind)) { onChange({ ...emptyStep(s.key, s.title, kind), entry: s.entry, exit: s.exit }); return; }
    if (kind === 'auto') { onChange({ ...s, kind, role: '', scope: '', taskTitle: '', taskName: '', due: undefined, decisions: s.decisions.filter((d) => !d.declared) }); return; }
    const wasApplicant = s.kind === 'applicant' || !s.role;
    const toApplicant = kind === 'applicant';
    onChange({
      ...s, kind,
      role: toApplicant ? 'applicant' : wasApplicant ? 'clerk' : s.role,
      scope: toApplicant ? 'org' : wasApplicant ? 'district' : s.scope,
      taskName: s.taskName || s.key, taskTitle: s.taskTitle || (toApplicant ? '填写并提交' : '办理'),
    });
  };
  const addDecision = () => {
    const p = PRESETS.find((x) => !taken.includes(x.event) && (s.kind === 'applicant' ? x.event === 'SUBMIT' : x.event !== 'SUBMIT' && x.event !== 'WITHDRAW')) ?? PRESETS[1];
    const forms = ctx.vocab?.decisionForms ?? [];
    const event = uniqueEvent(p.event, taken);
    ctx.fresh.add(`${path}:${event}`);
    set({ decisions: [...s.decisions, { event, title: p.title, branches: [], declared: true, form: p.form && (!ctx.vocab || forms.includes(p.form)) ? p.form : undefined, validate: p.validate }] });
  };
  const setLayout = (mode: 'none' | 'seq' | 'parallel') => {
    if (mode === 'none') set({ children: undefined, parallel: undefined, onDone: [] });
    else if (mode === 'seq') set({ parallel: undefined, children: s.children && !s.parallel ? s.children : [newTaskStep(`${s.title}办理`, []), emptyStep('done', '已完成', 'final')] });
    else set({ parallel: true, children: s.children && s.parallel ? s.children : [newBranch('分支1', []), newBranch('分支2', ['fenZhi1'])] });
  };
  const layout = !s.children ? 'none' : s.parallel ? 'parallel' : 'seq';

  return (
    <li className={`step-card ${isFinal(s.kind) ? 'final' : ''} ${selected === path ? 'selected' : ''} ${problems.length ? 'bad' : ''}`} data-step={path}
      onFocus={(e) => { e.stopPropagation(); if (selected !== path) onSelect(path); }} onClick={(e) => { e.stopPropagation(); if (selected !== path) onSelect(path); }}>
      <div className="step-head">
        <span className="step-no">{parallel ? `分支 ${i + 1}` : i === 0 ? '起始' : `环节 ${i + 1}`}</span>
        <h4 className="step-title">{s.title || '（未命名）'}</h4>
        <Tag tone={isFinal(s.kind) ? (s.kind === 'final-rejected' ? 'red' : 'green') : s.kind === 'applicant' ? 'grey' : 'blue'}>{STEP_KINDS[s.kind]}</Tag>
        {s.assignees && <Tag tone="blue">会签</Tag>}
        {s.parallel && <Tag tone="blue">并行审批</Tag>}
        {!isFinal(s.kind) && s.role && <span className="muted small">办理人：{roles[s.role] ?? s.role}{s.due ? ` · 期限 ${durationTitle(ctx.delays[s.due] ?? s.due)}` : ''}</span>}
        {problems.length > 0 && <Tag tone="red">{problems.length} 处问题</Tag>}
        <span className="step-ops">
          <button type="button" className="btn btn-sm icon-btn" id={`${id}-up`} aria-label={`上移环节「${s.title}」`} disabled={i === 0} onClick={() => onMove(-1)}>↑</button>
          <button type="button" className="btn btn-sm icon-btn" id={`${id}-down`} aria-label={`下移环节「${s.title}」`} disabled={i === siblings.length - 1} onClick={() => onMove(1)}>↓</button>
          <button type="button" className="btn btn-sm btn-text-danger" aria-label={`删除环节「${s.title}」`} disabled={siblings.length === 1} onClick={onRemove}>删除</button>
        </span>
      </div>
      <InlineProblems problems={general} />
      <div className="step-body">
        <div className="form-grid form-grid-4">
          <Labeled id={`${id}-title`} label="环节名称" required tip="流程图和办理进度中显示的名称，例如“待受理”。">
            <input id={`${id}-title`} className="form-control" value={s.title} onChange={(e) => set({ title: e.target.value })} />
          </Labeled>
          <Labeled id={`${id}-kind`} label={<>环节类型<Help title="环节类型">「部门办理」由工作人员办理；「自动环节」无人办理，条件满足或期限到期时自动进入下一环节；办结环节是流程的终点。</Help></>}>
            <select id={`${id}-kind`} className="form-control" value={s.kind} onChange={(e) => setKind(e.target.value as StepKind)}>
              {Object.entries(STEP_KINDS).map(([k, t]) => <option key={k} value={k}>{t}</option>)}
            </select>
          </Labeled>
          {!isFinal(s.kind) && s.kind !== 'auto' && <TaskFields id={id} step={s} ctx={ctx} task={task} lists={listFields(ctx.form)} onChange={set} />}
        </div>
        <details className="advanced">
          <summary>高级</summary>
          <Labeled id={`${id}-key`} label="环节标识" tip="保存在数据中的英文名称，例如“待受理”→ daiShouLi；一般不需要修改。" help="由环节名称自动生成；发布后保持不变，以免影响已有办件" problems={key !== s.key ? [{ text: '以小写字母开头且不与其他环节重复' } as Placed] : []}>
            <input id={`${id}-key`} className="form-control mono" value={key} onChange={(e) => setKey(e.target.value.trim())} />
          </Labeled>
        </details>
        {!isFinal(s.kind) && (s.kind !== 'auto' || s.decisions.length > 0) && (
          <div className="decisions">
            <div className="field-label">办理按钮<Help title="办理按钮">办理人可以作出的决定，每个决定一个按钮，例如「受理」进入 待审核、「退回补正」回到 草稿。可按条件分去向，例如总面积大于或等于 1000 时进入 复核。</Help></div>
            <ul className="decision-list">
              {s.decisions.map((d, j) => (
                <DecisionRow key={j} idPrefix={`${id}-dec-${j}`} d={d} targets={targets} taken={taken} vocab={ctx.vocab} form={ctx.form} problems={decisionProblems(d.event)}
                  fresh={ctx.fresh.has(`${path}:${d.event}`)}
                  onChange={(nd) => { if (nd.event !== d.event && ctx.fresh.has(`${path}:${d.event}`)) ctx.fresh.add(`${path}:${nd.event}`); set({ decisions: s.decisions.map((x, k) => (k === j ? nd : x)) }); }}
                  onRemove={() => set({ decisions: s.decisions.filter((_, k) => k !== j) })} />
              ))}
              {s.decisions.length === 0 && s.kind !== 'auto' && <li className="empty-row">尚无办理按钮：办理人将无法推进此环节</li>}
            </ul>
            {s.kind !== 'auto' && <button type="button" className="btn btn-sm" id={`${id}-add-decision`} onClick={addDecision}>＋ 添加办理按钮</button>}
          </div>
        )}
        {!isFinal(s.kind) && <TimerList idPrefix={id} step={s} ctx={ctx} prefix={prefix} onChange={(timers) => set({ timers })} />}
        {/* A step with sub-steps moves on when they are done (below); 自动流转 is for a plain automatic step. */}
        {s.kind === 'auto' && (!s.children || s.always.length > 0) && (
          <div className="always">
            <div className="field-label">自动流转<Help title="自动流转">无人办理：进入本环节后立即按条件进入下一环节，例如「总面积大于或等于 1000 时进入 专家评审，否则进入 已备案」。</Help></div>
            <BranchList idPrefix={`${id}-always`} branches={s.always} targets={targets} fields={fields} vocab={ctx.vocab} onChange={(always) => set({ always })} />
          </div>
        )}
        {!isFinal(s.kind) && (
          <div className="sub-steps">
            <Labeled id={`${id}-layout`} label={<>子环节<Help title="子环节">本环节内部再分几步：「依次办理」一步接一步；「同时办理（并行审批）」各分支同时进行，例如房管与消防同时审查，全部完成后再进入下一环节。</Help></>}>
              <select id={`${id}-layout`} className="form-control" value={layout} onChange={(e) => setLayout(e.target.value as 'none' | 'seq' | 'parallel')}>
                <option value="none">无</option>
                <option value="seq">依次办理</option>
                <option value="parallel">同时办理（并行审批）</option>
              </select>
            </Labeled>
            {s.children && (
              <div className="sub-list">
                <StepList steps={s.children} prefix={`${path}.`} idPrefix={`${id}-sub`} ctx={ctx} problems={inner(problems)} parallel={s.parallel} reserved={reserved}
                  selected={selected} onSelect={onSelect} announce={announce} onChange={(children) => set({ children })} />
                <div className="field-label">全部{s.parallel ? '分支' : '子环节'}办结后<Help title="全部办结后">所有{s.parallel ? '分支' : '子环节'}都办结后去往的环节，例如房管与消防都审查完后进入“待决定”。</Help></div>
                <BranchList idPrefix={`${id}-done`} branches={s.onDone} targets={targets} fields={fields} vocab={ctx.vocab} onChange={(onDone) => set({ onDone })} />
              </div>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
