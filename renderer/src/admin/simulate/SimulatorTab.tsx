// 模拟运行: walks the type being edited through its steps with sample data, without creating a
// case: the current step, the tasks it would create (who, where, due, decisions), the decisions as
// buttons (with their decision form), the effects and timers of each transition, and the validation
// errors when a decision validates the form, and every path to an end (path coverage). Nothing is stored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import type { Draft } from '../useDraft';
import { adminApi, type PathCoverage as Coverage, type Problem, type SimStep, type Vocabulary } from '../api';
import { PathCoverage } from './PathCoverage';
import { placeProblems } from '../lint';
import { formTitle } from '../vocabulary';
import { JsonEditor } from '../code/JsonEditor';
import { SchemaForm } from '../../forms/SchemaForm';
import { PreviewBoundary } from '../PreviewBoundary';
import { ProblemList } from '../ProblemList';
import { durationTitle } from '../../workflow/graph';
import { Tag } from '../../ui/StatusTag';

interface Sent { event: string; decision?: unknown }
interface Pending { event: string; title: string; form: string; data: unknown }

const clean = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

export function SimulatorTab({ draft, vocab }: { draft: Draft; vocab: Vocabulary | undefined }) {
  const b = draft.bundle!;
  const example = clean((b.schema.examples as unknown[] | undefined)?.[0]);
  const [data, setData] = useState<Record<string, unknown>>(example);
  const [dataView, setDataView] = useState<'json' | 'form'>('json');
  const [events, setEvents] = useState<Sent[]>([]);
  const [steps, setSteps] = useState<SimStep[]>([]);
  const [coverage, setCoverage] = useState<Coverage>();
  const [refused, setRefused] = useState<{ title: string; errors: SimStep['errors'] } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const seq = useRef(0);

  const titleOf = useCallback((step: SimStep | undefined, event: string) => {
    if (event === '$timer') return '期满（定时触发）';
    for (const t of step?.tasks ?? []) if (t.events[event]?.title) return t.events[event].title!;
    return event;
  }, []);

  const run = useCallback(async (list: Sent[]) => {
    const mine = ++seq.current;
    setBusy(true);
    try {
      const { steps: result, coverage: paths } = await adminApi.simulate(b, data, list);
      if (mine !== seq.current) return;
      setCoverage(paths);
      setProblems([]); setError(undefined);
      const last = result[result.length - 1];
      if (list.length && last.errors.length) {
        // The decision was refused (the form does not validate, or it cannot be taken here): stay before it.
        setRefused({ title: titleOf(result[result.length - 2], list[list.length - 1].event), errors: last.errors });
        setSteps(result.slice(0, -1));
        setEvents(list.slice(0, -1));
      } else {
        setRefused(null);
        setSteps(result);
        setEvents(list);
      }
    } catch (e) {
      if (mine !== seq.current) return;
      if (e instanceof ApiError && e.code === 'DEF_INVALID' && Array.isArray(e.details)) setProblems(e.details as Problem[]);
      else setError(errorMessage(e));
      setSteps([]);
      setCoverage(undefined);
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, [b, data, titleOf]);

  // Replays the same decisions when the sample data changes (after a pause in typing).
  const eventsRef = useRef(events);
  eventsRef.current = events;
  useEffect(() => {
    const t = setTimeout(() => { void run(eventsRef.current); }, 400);
    return () => clearTimeout(t);
  }, [run]);

  const current = steps[steps.length - 1];
  const send = (event: string) => {
    const form = current?.tasks.flatMap((t) => (t.events[event]?.form ? [t.events[event].form!] : []))[0];
    if (form) {
      const schema = vocab?.decisionFormSchemas?.[form];
      setPending({ event, title: titleOf(current, event), form, data: clean((schema?.examples as unknown[] | undefined)?.[0]) });
      return;
    }
    setPending(null);
    void run([...events, { event }]);
  };
  const confirm = () => {
    if (!pending) return;
    const p = pending;
    setPending(null);
    void run([...events, { event: p.event, decision: clean(p.data) }]);
  };
  const reset = () => { setPending(null); setRefused(null); void run([]); };
  const roleTitle = (r: string) => vocab?.roles[r] ?? r;
  const scopeTitle = (s: string) => vocab?.scopes[s] ?? s;
  const dueTitle = (d: string | null) => (d ? durationTitle(b.settings.delays?.[d] ?? d) : '不限');

  return (
    <div className="simulator">
      <aside className="sim-data" aria-label="示例数据">
        <div className="sim-data-head">
          <h3>模拟用的表单数据</h3>
          <div className="mini-tabs" role="tablist" aria-label="数据编辑方式">
            <button type="button" role="tab" aria-selected={dataView === 'json'} className={dataView === 'json' ? 'on' : ''} onClick={() => setDataView('json')}>JSON</button>
            <button type="button" role="tab" aria-selected={dataView === 'form'} className={dataView === 'form' ? 'on' : ''} onClick={() => setDataView('form')}>表单</button>
          </div>
        </div>
        <p className="muted small">默认为表单的示例数据。修改后按已作出的决定重新模拟。</p>
        {dataView === 'json'
          ? <JsonEditor id="sim-data" label="表单数据" value={data} onChange={(v) => setData(v as Record<string, unknown>)} height={420} />
          : <div className="sim-form"><PreviewBoundary what="表单"><SchemaForm schema={b.schema} uiSchema={b.uiSchema} formData={data} onChange={(d) => setData(clean(d))} idPrefix="sim" /></PreviewBoundary></div>}
        <button type="button" className="btn btn-sm" onClick={() => setData(example)} disabled={JSON.stringify(data) === JSON.stringify(example)}>恢复为表单示例</button>
      </aside>

      <section className="sim-run" aria-label="模拟过程">
        <div className="sim-toolbar">
          <h3>模拟过程 {busy && <span className="spinner" aria-label="正在模拟" />}</h3>
          <button type="button" className="btn btn-sm" id="sim-reset" onClick={reset}>重新开始</button>
        </div>
        {error && <div className="alert alert-error" role="alert"><div className="alert-body">{error}</div></div>}
        {problems.length > 0 && (
          <div className="alert alert-error" role="alert"><div className="alert-body"><strong className="alert-title">定义有问题，无法模拟</strong>
            <ProblemList problems={placeProblems(problems)} onGo={() => undefined} /></div></div>
        )}
        <ol className="sim-timeline">
          {steps.map((s, i) => (
            <li key={i} className={`sim-step ${i === steps.length - 1 ? 'current' : ''} ${s.final ? 'final' : ''}`}>
              <div className="sim-step-head">
                <span className="sim-dot" aria-hidden="true">{i + 1}</span>
                <span className="sim-event">{s.event === null ? '创建业务' : titleOf(steps[i - 1], events[i - 1]?.event ?? s.event)}</span>
                <span aria-hidden="true">→</span>
                <strong className="sim-state">{s.stateTitle}</strong>
                {s.final && <Tag tone="green">已办结</Tag>}
              </div>
              {(s.effects.length > 0 || s.timers.length > 0) && (
                <ul className="sim-effects">
                  {s.effects.map((e, k) => <li key={k}><Tag tone="orange">自动执行</Tag> {vocab?.actions[e.type]?.title ?? e.type} <code>{JSON.stringify(e.params ?? {})}</code></li>)}
                  {s.timers.map((t, k) => <li key={`t${k}`}><Tag tone="grey">定时</Tag> {durationTitle(t.delayMs)}后自动执行「{t.event}」</li>)}
                </ul>
              )}
              {i < steps.length - 1 && s.tasks.length > 0 && <div className="muted small">待办：{s.tasks.map((t) => `${t.title}（${roleTitle(t.role)}）`).join('、')}</div>}
            </li>
          ))}
        </ol>

        {current && (
          <div className="sim-current" aria-live="polite">
            <h4>当前环节：<span id="sim-state">{current.stateTitle}</span></h4>
            {current.final ? (
              <p className="sim-done">✓ 流程已办结（{current.stateTitle}）。可点“重新开始”换一条路径再试。</p>
            ) : (
              <>
                {current.tasks.length > 0 ? (
                  <table className="grid-table compact sim-tasks">
                    <thead><tr><th scope="col">待办事项</th><th scope="col">办理人</th><th scope="col">范围</th><th scope="col">期限</th><th scope="col">可作出的决定</th></tr></thead>
                    <tbody>
                      {current.tasks.map((t, k) => (
                        <tr key={k}>
                          <td>{t.title}</td><td>{roleTitle(t.role)}</td><td>{scopeTitle(t.scope)}</td><td>{dueTitle(t.due)}</td>
                          <td>{Object.entries(t.events).map(([e, d]) => `${d.title ?? e}${d.form ? `（填写${formTitle(vocab, d.form)}）` : ''}${d.validate ? '（先检查全部填写内容）' : ''}`).join('；')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : <p className="muted">此环节不产生待办。</p>}
                <div className="sim-actions" role="group" aria-label="可作出的决定">
                  {current.possibleEvents.map((e) => (
                    <button key={e} type="button" className={`btn sim-event-btn ${/REJECT|REFUSE|RETURN/.test(e) ? '' : 'btn-primary'}`} data-event={e} disabled={busy} onClick={() => send(e)}>{titleOf(current, e)}</button>
                  ))}
                  {current.timers.length > 0 && <button type="button" className="btn sim-event-btn" data-event="$timer" disabled={busy} onClick={() => send('$timer')}>期满（触发定时）</button>}
                  {!current.possibleEvents.length && !current.timers.length && <span className="muted">没有可作出的决定：此环节是死路</span>}
                </div>
              </>
            )}
          </div>
        )}

        {pending && (
          <div className="sim-decision" role="region" aria-label={`填写${formTitle(vocab, pending.form)}`}>
            <h4>「{pending.title}」：填写{formTitle(vocab, pending.form)}</h4>
            {vocab?.decisionFormSchemas?.[pending.form] ? (
              <PreviewBoundary what="办理意见表">
                <SchemaForm schema={vocab.decisionFormSchemas[pending.form]} formData={pending.data} idPrefix="simdecision" onChange={(d) => setPending({ ...pending, data: d })} />
              </PreviewBoundary>
            ) : <p className="muted">（办理意见表「{pending.form}」）</p>}
            <div className="form-actions">
              <button type="button" className="btn btn-primary" id="sim-confirm" onClick={confirm}>确认{pending.title}</button>
              <button type="button" className="btn" onClick={() => setPending(null)}>取消</button>
            </div>
          </div>
        )}

        {coverage && <PathCoverage coverage={coverage} walked={events.map((e) => e.event)} onReplay={(list) => { setPending(null); void run(list.map((event) => ({ event }))); }} />}

        {refused && (
          <div className="alert alert-error" role="alert" id="sim-refused">
            <div className="alert-body">
              <strong className="alert-title">「{refused.title}」未能执行</strong>
              <ul>{refused.errors.map((e, i) => <li key={i}>{e.field ? <code>{e.field}</code> : null} {e.message}</li>)}</ul>
              <div className="muted small">修改左侧的表单数据或办理意见后再试。</div>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
