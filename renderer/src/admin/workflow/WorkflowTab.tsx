// 流程设计: the step editor (steps, who acts, decisions and where they lead) and the XState JSON,
// kept in step both ways; the diagram redraws with every change; lint problems are shown at the
// step and control they concern.
import { useMemo, useState } from 'react';
import type { Draft } from '../useDraft';
import type { Vocabulary } from '../api';
import { problemsAt } from '../lint';
import { JsonEditor } from '../code/JsonEditor';
import { workflowHints } from '../code/hintSchemas';
import { PreviewBoundary } from '../PreviewBoundary';
import { WorkflowDiagram } from '../../workflow/WorkflowDiagram';
import { isFinal, readSteps, renameStep, suggestKey, writeSteps, type Step } from './stepModel';
import { StepCard } from './StepCard';

export function WorkflowTab({ draft, vocab }: { draft: Draft; vocab: Vocabulary | undefined }) {
  const b = draft.bundle!;
  const read = useMemo(() => readSteps(b.workflow), [b.workflow]);
  const [view, setView] = useState<'steps' | 'json'>(read.steps ? 'steps' : 'json');
  const [selected, setSelected] = useState<string>();
  const [announce, setAnnounce] = useState('');
  const problems = problemsAt(draft.problems, 'workflow');
  const steps = read.steps;
  const delays = b.settings.delays ?? {};
  const stateNames = useMemo(() => Object.keys((b.workflow?.states ?? {}) as object), [b.workflow]);

  const commit = (next: Step[]) => draft.update((x) => ({ ...x, workflow: writeSteps(next, x.workflow) }));
  const change = (i: number, s: Step, renamed?: [string, string]) => {
    let next = steps!.map((x, k) => (k === i ? s : x));
    let rename = renamed;
    // A step key never chosen by hand follows its title (待审核 → review).
    if (!rename && /^step\d+$/.test(s.key) && s.title !== steps![i].title) {
      const k = suggestKey(s.title, next.filter((_, j) => j !== i).map((x) => x.key));
      if (!k.startsWith('step')) { next[i] = { ...s, key: k, taskName: s.taskName === s.key ? k : s.taskName }; rename = [s.key, k]; }
    }
    if (rename) next = renameStep(next.map((x, k) => (k === i ? { ...x, key: rename![0] } : x)), rename[0], rename[1]);
    if (rename && selected === rename[0]) setSelected(rename[1]);
    commit(next);
  };
  const add = (final: boolean) => {
    const taken = steps!.map((s) => s.key);
    const key = suggestKey(final ? '已办结' : '', taken);
    const step: Step = final
      ? { key, title: '已办结', kind: 'final-approved', taskName: '', taskTitle: '', role: '', scope: '', decisions: [] }
      : { key, title: '新环节', kind: 'task', taskName: key, taskTitle: '办理', role: 'clerk', scope: 'district', decisions: [] };
    // New working steps go before the final ones, where they usually belong.
    const at = final ? steps!.length : (() => { const f = steps!.findIndex((s) => isFinal(s.kind)); return f < 0 ? steps!.length : f; })();
    commit([...steps!.slice(0, at), step, ...steps!.slice(at)]);
    setSelected(key);
    setAnnounce(`已添加${final ? '办结' : '办理'}环节，位于第 ${at + 1} 位`);
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...steps!];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    commit(next);
    setAnnounce(`已将「${steps![i].title}」移到第 ${i + d + 1} 位${i + d === 0 ? '（起始环节）' : ''}`);
    requestAnimationFrame(() => {
      const want = document.getElementById(`step-${i + d}-${d < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      (want && !want.disabled ? want : document.getElementById(`step-${i + d}-${d < 0 ? 'down' : 'up'}`))?.focus();
    });
  };
  const remove = (i: number) => {
    const s = steps![i];
    if (!window.confirm(`删除环节「${s.title}」？通向它的决定将没有去向。`)) return;
    commit(steps!.filter((_, k) => k !== i).map((x) => ({ ...x, decisions: x.decisions.map((d) => (d.target === s.key ? { ...d, target: '' } : d)) })));
  };

  return (
    <div className="workflow-designer">
      <section className="diagram-box" aria-label="流程图">
        <div className="diagram-head">
          <h3>流程图</h3>
          <span className="muted small">随编辑即时更新{selected ? '；红色为正在编辑的环节' : ''}</span>
        </div>
        <PreviewBoundary key={JSON.stringify(b.workflow).length} what="流程图">
          <WorkflowDiagram workflow={b.workflow} delays={delays} current={selected && stateNames.includes(selected) ? selected : undefined} title="正在设计的流程" />
        </PreviewBoundary>
      </section>
      <div className="mini-tabs subtabs" role="tablist" aria-label="流程编辑方式">
        <button type="button" role="tab" aria-selected={view === 'steps'} className={view === 'steps' ? 'on' : ''} onClick={() => setView('steps')}>环节编辑</button>
        <button type="button" role="tab" aria-selected={view === 'json'} className={view === 'json' ? 'on' : ''} onClick={() => setView('json')}>流程 JSON（XState）{problems.length ? `（${problems.length}）` : ''}</button>
      </div>
      <div className="sr-only" aria-live="polite">{announce}</div>
      {view === 'steps' && !steps && (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <strong className="alert-title">此流程使用了环节编辑器无法显示的写法，请在「流程 JSON」中编辑</strong>
            <ul>{read.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
            <button type="button" className="btn btn-sm btn-primary" onClick={() => setView('json')}>打开流程 JSON</button>
          </div>
        </div>
      )}
      {view === 'steps' && steps && (
        <>
          {problems.filter((p) => p.segs[0] !== 'states').map((p, i) => <p key={i} className="alert alert-error">{p.text}</p>)}
          <ol className="step-list" aria-label="流程环节">
            {steps.map((s, i) => (
              <StepCard key={i} step={s} index={i} steps={steps} vocab={vocab} delays={delays}
                problems={problems.filter((p) => p.segs[0] === 'states' && p.segs[1] === s.key)}
                selected={selected === s.key} onSelect={() => { if (selected !== s.key) setSelected(s.key); }}
                onChange={(ns, renamed) => change(i, ns, renamed)} onMove={(d) => move(i, d)} onRemove={() => remove(i)} />
            ))}
          </ol>
          <div className="add-step">
            <button type="button" className="btn btn-primary" id="add-step" onClick={() => add(false)}>＋ 添加办理环节</button>
            <button type="button" className="btn" id="add-final-step" onClick={() => add(true)}>＋ 添加办结环节</button>
          </div>
        </>
      )}
      {view === 'json' && (
        <JsonEditor id="workflow-json" label="流程定义（XState v5 JSON；角色、决定表单、动作按名称引用引擎词汇）" value={b.workflow}
          hints={() => workflowHints(vocab, stateNames)} problems={problems}
          onChange={(workflow) => draft.update((x) => ({ ...x, workflow: workflow as typeof x.workflow }))} height={560} />
      )}
    </div>
  );
}
