// 公众办理 without an account (types with settings.publicStart, e.g. 投诉): the generated form,
// 提交 after a confirmation (the filer cannot change it afterwards), then the business number and
// 查询码 to keep; 办件查询 with both shows where the case is, its steps with the department's
// opinions, and the filer's own steps (e.g. 评价) with their forms.
import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type Form from '@rjsf/core';
import { api, ApiError, qs, type FieldErrorDetail } from '../api/client';
import { useApi } from '../api/hooks';
import type { DateString, Delays, Json, JsonSchema, WorkflowConfig } from '../api/model';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData } from '../forms/paths';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { StateTag } from '../ui/StatusTag';
import { formatDateTime } from '../ui/format';
import { eventTitles } from '../workflow/graph';
import { startOf, type Handover } from '../workflow/handover';
import { SubmitConfirm } from '../case/SubmitConfirm';
import { PublicSteps } from './PublicSteps';
import type { Service } from './HomePage';
import { ScrollRegion } from '../ui/ScrollRegion';

interface PublicForm { id: string; title: string; description: string; schema: JsonSchema; uiSchema: Json; workflow: WorkflowConfig; delays: Delays }

interface Tracked {
  number: string; typeTitle: string; title: string | null; state: string; stateTitle: string; status: string; version: number;
  data: Json; createdAt: DateString;
  history: Array<{ event: string; at: DateString; toState: string | null; opinion: string | null; details?: Array<{ title: string; value: string }> }>;
  actions: Array<{ event: string; title: string; formSchema: JsonSchema | null }>;
}

export function PublicStartPage() {
  const { typeId = '' } = useParams();
  const def = useApi<PublicForm>(`/api/public/services/${encodeURIComponent(typeId)}`);
  const [data, setData] = useState<unknown>({});
  const [errors, setErrors] = useState<FieldErrorDetail[]>([]);
  const [error, setError] = useState<unknown>();
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ number: string; accessCode: string; stateTitle: string }>();
  const [asking, setAsking] = useState<{ handover: Handover; button: HTMLElement }>();
  const formRef = useRef<Form>(null);
  if (def.error) return <ErrorAlert error={def.error} />;
  if (!def.data) return <Loading />;
  const d = def.data;

  const request = (button: HTMLElement) => {
    if (formRef.current && !formRef.current.validateForm()) { setLive(true); return; }
    const handover = startOf(d.workflow);
    if (handover) setAsking({ handover, button });
    else void submit();
  };

  const submit = async () => {
    setAsking(undefined);
    setBusy(true);
    setError(undefined);
    setErrors([]);
    try {
      setDone(await api.post('/api/public/cases', { type: d.id, data: cleanData(data) }));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setErrors(e.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Breadcrumbs items={[{ title: '公众服务' }, { title: d.title }]} />
      {done ? (
        <Panel title={`${d.title}已提交`}>
          <div className="result-ok" role="status">
            <div className="result-icon" aria-hidden="true">✓</div>
            <h2>提交成功，当前环节：{done.stateTitle}</h2>
            <dl className="code-pair">
              <div><dt>业务编号</dt><dd className="mono">{done.number}</dd></div>
              <div><dt>查询码</dt><dd className="mono">{done.accessCode}</dd></div>
            </dl>
            <p className="warn-text">请记下业务编号和查询码：凭二者可查询办理进度、对处理结果进行评价。</p>
            <Link className="btn btn-primary" to={`/track${qs({ number: done.number, code: done.accessCode })}`}>查询办理进度</Link>
          </div>
        </Panel>
      ) : (
        <Panel title={`在线${d.title}`} extra={<span className="muted">无需登录，带 <span className="req">*</span> 的为必填项</span>}>
          {d.description && <p className="type-description">{d.description}</p>}
          <SchemaForm ref={formRef} schema={d.schema} uiSchema={d.uiSchema} formData={data} onChange={setData} serverErrors={errors}
            canUpload={false} idPrefix="root" typeId={d.id} liveValidate={live} />
          <ErrorAlert error={error} onClose={() => setError(undefined)} />
          <div className="form-actions"><button type="button" className="btn btn-primary btn-lg" disabled={busy} onClick={(e) => request(e.currentTarget)}>{busy ? '正在提交…' : '提交'}</button></div>
          {asking && <SubmitConfirm action="提交" handover={asking.handover} typeTitle={d.title} returnTo={asking.button} onConfirm={() => void submit()} onClose={() => setAsking(undefined)} />}
        </Panel>
      )}
      <Panel title="办理步骤"><PublicSteps workflow={d.workflow} current={typeof d.workflow.initial === 'string' ? d.workflow.initial : undefined} /></Panel>
    </>
  );
}

function TrackedCase({ number, code }: { number: string; code: string }) {
  const tracked = useApi<Tracked>(`/api/public/cases/${encodeURIComponent(number)}${qs({ code })}`);
  const services = useApi<{ items: Service[] }>('/api/public/services');
  const t = tracked.data;
  const serviceId = services.data?.items.find((s) => s.title === t?.typeTitle && s.publicStart)?.id;
  const def = useApi<PublicForm>(serviceId ? `/api/public/services/${serviceId}` : null);
  const [chosen, setChosen] = useState<string>();
  const [data, setData] = useState<Json>({});
  const [errors, setErrors] = useState<FieldErrorDetail[]>([]);
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState<string>();
  const formRef = useRef<Form>(null);
  if (tracked.error) return <ErrorAlert error={tracked.error} />;
  if (!t) return <Loading />;
  const titles = def.data ? eventTitles(def.data.workflow) : new Map<string, string>();
  const action = t.actions.find((a) => a.event === (chosen ?? t.actions[0]?.event));

  const send = async () => {
    if (!action) return;
    if (action.formSchema && formRef.current && !formRef.current.validateForm()) return;
    setError(undefined);
    try {
      await api.post(`/api/public/cases/${encodeURIComponent(number)}/events`, { code, event: action.event, data: cleanData(data) });
      setNote(`已${action.title}`);
      setData({});
      tracked.reload();
    } catch (e) {
      setError(e);
      setErrors(e instanceof ApiError ? e.fieldErrors : []);
    }
  };

  return (
    <>
      <Panel title={`${t.typeTitle}：${t.title ?? t.number}`} extra={<StateTag title={t.stateTitle} status={t.status} />}>
        <table className="desc-table">
          <tbody>
            <tr><th scope="row">业务编号</th><td className="mono">{t.number}</td></tr>
            <tr><th scope="row">提交时间</th><td>{formatDateTime(t.createdAt)}</td></tr>
            <tr><th scope="row">当前环节</th><td>{t.stateTitle}</td></tr>
          </tbody>
        </table>
        <h3 className="section-title">办理记录</h3>
        <ScrollRegion label="办理记录">
          <table className="grid-table zebra">
            <thead><tr><th scope="col">时间</th><th scope="col">操作</th><th scope="col">意见与答复</th></tr></thead>
            <tbody>
              {t.history.map((h, i) => (
                <tr key={i}><td className="nowrap">{formatDateTime(h.at)}</td><td>{titles.get(h.event) ?? h.event}</td><td>
                  {h.opinion ?? ''}
                  {h.details?.map((d) => <div key={d.title} className="decision-text"><span className="muted">{d.title}：</span>{d.value}</div>)}
                </td></tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Panel>
      {note && <Alert kind="success" onClose={() => setNote(undefined)}>{note}</Alert>}
      {t.actions.length > 0 && (
        <Panel title="需要您办理">
          <div className="segmented" role="radiogroup" aria-label="办理事项">
            {t.actions.map((a) => (
              <label key={a.event} className={`segment ${action?.event === a.event ? 'on' : ''}`}>
                <input type="radio" name="public-action" checked={action?.event === a.event} onChange={() => { setChosen(a.event); setData({}); setErrors([]); }} />
                {a.title}
              </label>
            ))}
          </div>
          {action?.formSchema && (
            <SchemaForm key={action.event} ref={formRef} schema={action.formSchema} formData={data} onChange={(v) => setData((v ?? {}) as Json)}
              serverErrors={errors} canUpload={false} idPrefix="public_action" />
          )}
          <ErrorAlert error={error} onClose={() => setError(undefined)} />
          <div className="form-actions"><button type="button" className="btn btn-primary" onClick={send}>确认{action?.title}</button></div>
        </Panel>
      )}
      {def.data && <Panel title="办理步骤"><PublicSteps workflow={def.data.workflow} current={t.state} /></Panel>}
    </>
  );
}

export function TrackPage() {
  const [params, setParams] = useSearchParams();
  const number = params.get('number') ?? '';
  const code = params.get('code') ?? '';
  const [n, setN] = useState(number);
  const [c, setC] = useState(code);
  return (
    <>
      <Breadcrumbs items={[{ title: '办件查询' }]} />
      <Panel title="办件查询">
        <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParams(new URLSearchParams({ number: n.trim(), code: c.trim() })); }}>
          <label className="grow">业务编号<input className="form-control" value={n} onChange={(e) => setN(e.target.value)} placeholder="如 TS-2026-000001" /></label>
          <label>查询码<input className="form-control mono" value={c} onChange={(e) => setC(e.target.value.toUpperCase())} autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="10 位查询码" aria-describedby="track-help" /></label>
          <button type="submit" className="btn btn-primary" disabled={!n.trim() || !c.trim()}>查询</button>
        </form>
        <p className="muted" id="track-help">凭提交时取得的业务编号和查询码（10 位字母和数字，不分大小写），查询无需登录办理的业务（如投诉）的进度。</p>
      </Panel>
      {number && code && <TrackedCase key={`${number}|${code}`} number={number} code={code} />}
    </>
  );
}
