// A list of steps — the workflow's, or a step's sub-steps — with adding, moving and removing. The
// first step is where the list starts. New steps get a key made from their title (pinyin) that
// follows the title until the type is published; it can be changed under 高级.
import type { Placed } from '../lint';
import { identifierFrom } from '../identifiers';
import { StepCard } from './StepCard';
import type { StepContext } from './stepContext';
import { emptyStep, isFinal, renameStep, stepKeyFor, type Step } from './stepModel';

interface Props {
  steps: Step[];
  /** Dotted path of the list's parent followed by '.', '' for the workflow itself. */
  prefix: string;
  idPrefix: string;
  ctx: StepContext;
  problems: Placed[];
  /** The list's steps run side by side (并行审批): each is a branch with its own sub-steps. */
  parallel?: boolean;
  /** Event names a decision here must not take: XState sends an event to every parallel branch,
   * so one branch's 审核通过 would also move the other (APPROVE, APPROVE_2 keep them apart). */
  reserved?: string[];
  selected: string | undefined;
  onSelect: (path: string) => void;
  onChange: (steps: Step[]) => void;
  announce: (text: string) => void;
}

/** A new working step: a department task with the usual decision-less start. */
export function newTaskStep(title: string, taken: string[]): Step {
  const key = stepKeyFor(title, taken);
  return { ...emptyStep(key, title, 'task'), taskName: key, taskTitle: '办理', role: 'clerk', scope: 'district' };
}

/** A branch of a parallel step: its own task and the final step it reaches when done. */
export function newBranch(title: string, taken: string[]): Step {
  const key = identifierFrom(title, taken, 'camel');
  return { ...emptyStep(key, title, 'auto'), children: [newTaskStep(`${title}审查`, []), emptyStep('done', '已完成', 'final')] };
}

/** Every event a step and its sub-steps decide on. */
const eventsOf = (s: Step): string[] => [...s.decisions.map((d) => d.event), ...(s.children ?? []).flatMap(eventsOf)];

export function StepList({ steps, prefix, idPrefix, ctx, problems, parallel, reserved = [], selected, onSelect, onChange, announce }: Props) {
  const keys = steps.map((s) => s.key);
  const reservedFor = (i: number) => (parallel ? [...reserved, ...steps.filter((_, k) => k !== i).flatMap(eventsOf)] : reserved);
  const change = (i: number, s: Step, renamed?: [string, string]) => {
    let next = steps.map((x, k) => (k === i ? s : x));
    let rename = renamed;
    // A step added in this editing follows its title (待审核 → daiShenHe) until published.
    if (!rename && ctx.fresh.has(`${prefix}${s.key}`) && s.title !== steps[i].title && s.title.trim()) {
      const k = stepKeyFor(s.title, keys.filter((_, j) => j !== i));
      if (k !== s.key) {
        ctx.fresh.add(`${prefix}${k}`);
        next[i] = { ...s, key: k, taskName: s.taskName === s.key ? k : s.taskName };
        rename = [s.key, k];
      }
    }
    if (rename) next = renameStep(next.map((x, k) => (k === i ? { ...x, key: rename![0] } : x)), rename[0], rename[1]);
    if (rename && selected === `${prefix}${rename[0]}`) onSelect(`${prefix}${rename[1]}`);
    onChange(next);
  };
  const add = (kind: 'task' | 'final' | 'branch') => {
    const step = kind === 'final' ? emptyStep(stepKeyFor('已办结', keys), '已办结', 'final-approved')
      : kind === 'branch' ? newBranch(`分支${steps.length + 1}`, keys) : newTaskStep('新环节', keys);
    ctx.fresh.add(`${prefix}${step.key}`);
    // New working steps go before the final ones, where they usually belong.
    const f = steps.findIndex((s) => isFinal(s.kind));
    const at = kind === 'final' || f < 0 ? steps.length : f;
    onChange([...steps.slice(0, at), step, ...steps.slice(at)]);
    onSelect(`${prefix}${step.key}`);
    announce(`已添加环节「${step.title}」，位于第 ${at + 1} 位`);
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
    announce(`已将「${steps[i].title}」移到第 ${i + d + 1} 位${i + d === 0 && !parallel ? '（起始环节）' : ''}`);
    requestAnimationFrame(() => {
      const want = document.getElementById(`${idPrefix}-${i + d}-${d < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      (want && !want.disabled ? want : document.getElementById(`${idPrefix}-${i + d}-${d < 0 ? 'down' : 'up'}`))?.focus();
    });
  };
  const remove = (i: number) => {
    const s = steps[i];
    if (!window.confirm(`删除环节「${s.title}」？通向它的决定将没有去向。`)) return;
    const cut = (bs: Step['always']) => bs.map((b) => (b.target === s.key ? { ...b, target: '' } : b));
    onChange(steps.filter((_, k) => k !== i).map((x) => ({
      ...x, decisions: x.decisions.map((d) => ({ ...d, branches: cut(d.branches) })), timers: x.timers.map((t) => ({ ...t, branches: cut(t.branches) })),
      always: cut(x.always), onDone: cut(x.onDone),
    })));
  };
  return (
    <>
      <ol className="step-list" aria-label={prefix ? '子环节' : '流程环节'}>
        {steps.map((s, i) => (
          <StepCard key={i} step={s} index={i} idPrefix={`${idPrefix}-${i}`} prefix={prefix} siblings={steps} ctx={ctx} parallel={parallel} reserved={reservedFor(i)}
            problems={problems.filter((p) => p.segs[0] === 'states' && p.segs[1] === s.key)}
            selected={selected} onSelect={onSelect} announce={announce}
            onChange={(ns, renamed) => change(i, ns, renamed)} onMove={(d) => move(i, d)} onRemove={() => remove(i)} />
        ))}
      </ol>
      <div className="add-step">
        {parallel
          ? <button type="button" className="btn btn-sm" id={`${idPrefix}-add-branch`} onClick={() => add('branch')}>＋ 添加并行分支</button>
          : (
            <>
              <button type="button" className={`btn ${prefix ? 'btn-sm' : 'btn-primary'}`} id={prefix ? `${idPrefix}-add` : 'add-step'} onClick={() => add('task')}>＋ 添加办理环节</button>
              <button type="button" className={`btn ${prefix ? 'btn-sm' : ''}`} id={prefix ? `${idPrefix}-add-final` : 'add-final-step'} onClick={() => add('final')}>＋ 添加办结环节</button>
            </>
          )}
      </div>
    </>
  );
}
