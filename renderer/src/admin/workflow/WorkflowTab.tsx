// 流程设计: the step editor (steps, who acts, decisions and where they lead, timers, automatic
// moves, sub-steps and parallel branches) and the XState JSON, kept in step both ways; the diagram
// redraws with every change; lint problems are shown at the step and control they concern.
import { useMemo, useRef, useState } from 'react';
import type { Draft } from '../useDraft';
import type { Vocabulary } from '../api';
import { problemsAt } from '../lint';
import { JsonEditor } from '../code/JsonEditor';
import { workflowHints } from '../code/hintSchemas';
import { PreviewBoundary } from '../PreviewBoundary';
import { WorkflowDiagram } from '../../workflow/WorkflowDiagram';
import { readSteps, writeSteps, type Step } from './stepModel';
import { allSteps, type StepContext } from './stepContext';
import { StepList } from './StepList';
import './steps.css';

export function WorkflowTab({ draft, vocab }: { draft: Draft; vocab: Vocabulary | undefined }) {
  const b = draft.bundle!;
  const read = useMemo(() => readSteps(b.workflow), [b.workflow]);
  const [view, setView] = useState<'steps' | 'json'>(read.steps ? 'steps' : 'json');
  const [selected, setSelected] = useState<string>();
  const [announce, setAnnounce] = useState('');
  const fresh = useRef(new Set<string>());
  const problems = problemsAt(draft.problems, 'workflow');
  const steps = read.steps;
  const delays = b.settings.delays ?? {};
  const ctx: StepContext = {
    vocab, form: b.schema, delays, fresh: fresh.current, all: allSteps(steps ?? []),
    workflowId: typeof (b.workflow as { id?: unknown } | undefined)?.id === 'string' ? (b.workflow as { id: string }).id : '',
    setDelay: (name, value) => draft.update((x) => ({ ...x, settings: { ...x.settings, delays: { ...x.settings.delays, [name]: value } } })),
  };
  const commit = (next: Step[]) => draft.update((x) => ({ ...x, workflow: writeSteps(next, x.workflow) }));

  return (
    <div className="workflow-designer">
      <section className="diagram-box" aria-label="流程图">
        <div className="diagram-head">
          <h3>流程图</h3>
          <span className="muted small">随编辑即时更新{selected ? '；红色为正在编辑的环节' : ''}</span>
        </div>
        <PreviewBoundary key={JSON.stringify(b.workflow).length} what="流程图">
          <WorkflowDiagram workflow={b.workflow} delays={delays} current={selected && ctx.all.some((x) => x.path === selected) ? selected : undefined} title="正在设计的流程" />
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
          <StepList steps={steps} prefix="" idPrefix="step" ctx={ctx} problems={problems} selected={selected} onSelect={setSelected} onChange={commit} announce={setAnnounce} />
        </>
      )}
      {view === 'json' && (
        <JsonEditor id="workflow-json" label="流程定义（XState v5 JSON；角色、办理意见表、自动执行的操作按名称引用引擎词汇）" value={b.workflow}
          hints={() => workflowHints(vocab, ctx.all.map((x) => x.path))} problems={problems}
          onChange={(workflow) => draft.update((x) => ({ ...x, workflow: workflow as typeof x.workflow }))} height={560} />
      )}
    </div>
  );
}
