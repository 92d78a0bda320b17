// The applicant's form of a case: fill, 保存草稿 (POST /api/cases, or PATCH with the version),
// 保存并提交 (and any other event the applicant's task offers, sent with the data). Client-side
// validation first, then — when the click hands the case over — a confirmation; the server's field
// errors come back beside the fields; a conflict offers to reload; whatever was typed stays in
// memory and in sessionStorage until the server has it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type Form from '@rjsf/core';
import { api, ApiError, type FieldErrorDetail } from '../api/client';
import type { CaseView, Json, SessionUser, TaskDef, TypeDetail } from '../api/model';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData, pointerToPath, schemaAt } from '../forms/paths';
import { clearUnsaved, readUnsaved, writeUnsaved } from '../forms/drafts';
import { Alert, ErrorAlert } from '../ui/Alert';
import { stateNode } from '../workflow/graph';
import { handoverOf, startOf, type Handover } from '../workflow/handover';
import { PrintLinks } from './PrintLinks';
import { SubmitConfirm } from './SubmitConfirm';
import { fillFromOrg } from './orgFill';
import { useSession } from '../app/session';

interface Props {
  type: TypeDetail;
  user: SessionUser;
  view?: CaseView;
  /** Errors handed over from the page that created the case (its first submit failed). */
  initialErrors?: { error: unknown; fields: FieldErrorDetail[] };
  onSaved?(view: CaseView): void;
  onReload?(): void;
}

interface Submit { event: string; title: string; validate: boolean }

/** The events the applicant may send with the data: the open applicant task's, or for a new case the initial state's. */
function submitsOf(type: TypeDetail, view?: CaseView): Submit[] {
  if (view) {
    const applicantTasks = new Set(view.tasks.filter((t) => t.status === 'open' && t.role === 'applicant').map((t) => t.id));
    return view.actions.filter((a) => applicantTasks.has(a.taskId) && !a.formSchema).map((a) => ({ event: a.event, title: a.title, validate: a.validate }));
  }
  const initial = stateNode(type.workflow, type.workflow.initial);
  const tasks = ((initial?.meta as { tasks?: TaskDef[] } | undefined)?.tasks ?? []).filter((t) => t.role === 'applicant');
  return tasks.flatMap((t) => Object.entries(t.events).filter(([, e]) => !e.form).map(([event, e]) => ({ event, title: e.title, validate: !!e.validate })));
}

export function CaseEditor({ type, user, view, initialErrors, onSaved, onReload }: Props) {
  const navigate = useNavigate();
  const stored = useMemo(() => readUnsaved(user.username, type.id, view?.id), [user.username, type.id, view?.id, view?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const { me } = useSession();
  const serverData = useMemo(() => (view ? view.data : fillFromOrg(type.settings, me?.org, (type.prefill ?? {}) as Json)) as Json, [view, type, me?.org]);
  const sameAsServer = (d: unknown) => JSON.stringify(cleanData(d)) === JSON.stringify(cleanData(serverData));
  const restorable = stored && !sameAsServer(stored.data) ? stored : null;
  const autoRestore = !!restorable && (!view || restorable.version === view.version);
  const [data, setData] = useState<unknown>(autoRestore ? restorable!.data : serverData);
  const [restored, setRestored] = useState(autoRestore);
  const [offerRestore, setOfferRestore] = useState(!!restorable && !autoRestore);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>(initialErrors?.error);
  const [fieldErrors, setFieldErrors] = useState<FieldErrorDetail[]>(initialErrors?.fields ?? []);
  const [saved, setSaved] = useState<string>();
  const [live, setLive] = useState(false);
  /** The click waiting for 确认 in the dialog: an event, or the first save of a type without drafts. */
  const [asking, setAsking] = useState<{ submit?: Submit; title: string; handover: Handover; button: HTMLElement }>();
  const formRef = useRef<Form>(null);
  const submits = submitsOf(type, view);
  // A type whose first state is not editable (a survey, a complaint, a department's campaign) has
  // no draft: saving a new one starts it, so the button says 提交, not 保存草稿.
  const startsOnSave = !view && !(stateNode(type.workflow, type.workflow.initial)?.meta as { editable?: boolean } | undefined)?.editable;
  const files = useMemo(() => Object.fromEntries((view?.attachments ?? []).map((f) => [f.id, { name: f.name, size: f.size, mime: f.mime }])), [view?.attachments]);

  // A newer version of the case arrived (after a save or a reload): the form follows it, and what
  // was typed on top of an older version is offered back rather than silently dropped.
  const firstVersion = useRef(view?.version);
  useEffect(() => {
    if (!view || view.version === firstVersion.current) return;
    firstVersion.current = view.version;
    setData(view.data);
    setRestored(false);
    setOfferRestore(!!restorable);
  }, [view?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (d: unknown) => {
    setData(d);
    setSaved(undefined);
    writeUnsaved(user.username, type.id, view?.id, d, view?.version);
  };

  // A refused submit turns live validation on (every missing field is then shown as it is filled);
  // a refused draft save does not: a draft may lack required fields, so only the server's errors —
  // the malformed values — are shown, once each.
  const fail = (e: unknown, { live: turnLive = true } = {}) => {
    setError(e);
    setFieldErrors(e instanceof ApiError ? e.fieldErrors : []);
    if (turnLive && e instanceof ApiError && e.fieldErrors.length) setLive(true);
  };

  const saveDraft = async (): Promise<CaseView | null> => {
    setBusy('draft');
    setError(undefined);
    setFieldErrors([]);
    try {
      const body = cleanData(data);
      const next = view
        ? await api.patch<CaseView>(`/api/cases/${view.id}`, { data: body, version: view.version })
        : await api.post<CaseView>('/api/cases', { type: type.id, data: body });
      clearUnsaved(user.username, type.id, view?.id);
      setRestored(false);
      if (!view) {
        navigate(`/workspace/cases/${next.id}`, { replace: true, state: startsOnSave ? { flash: `已提交，业务编号 ${next.number}。` } : { flash: `草稿已保存，业务编号 ${next.number}` } });
      } else {
        setSaved(`草稿已保存（${new Date().toLocaleTimeString('zh-CN')}）`);
        onSaved?.(next);
      }
      return next;
    } catch (e) {
      fail(e, { live: false });
      return null;
    } finally {
      setBusy(undefined);
    }
  };

  /** The browser's check of the whole form: what it refuses is shown, nothing is sent. */
  const valid = () => {
    setSaved(undefined);
    if (formRef.current && !formRef.current.validateForm()) {
      setLive(true);
      setError(undefined);
      return false;
    }
    return true;
  };

  // A click that hands the case over (it leaves the editable states: 保存并提交, 提交报修, the
  // first 提交 of a complaint …) asks first, once the form passes the browser's check; 保存 and
  // 保存修改, which keep the case editable, do not.
  const request = (s: Submit, button: HTMLElement) => {
    if (s.validate && !valid()) return;
    const handover = handoverOf(type.workflow, view?.state ?? type.workflow.initial, s.event);
    if (handover) setAsking({ submit: s, title: s.title, handover, button });
    else void submit(s);
  };
  const requestStart = (button: HTMLElement) => {
    const handover = startOf(type.workflow);
    if (!handover) return void saveDraft();
    if (valid()) setAsking({ title: '提交', handover, button });
  };
  const confirmed = () => {
    const s = asking?.submit;
    setAsking(undefined);
    void (s ? submit(s) : saveDraft());
  };

  const submit = async (s: Submit) => {
    setSaved(undefined);
    setBusy(s.event);
    setError(undefined);
    setFieldErrors([]);
    const body = cleanData(data);
    let current = view;
    try {
      // A new case is created first (a draft), then the event is sent with the data.
      if (!current) current = await api.post<CaseView>('/api/cases', { type: type.id, data: body });
      const next = await api.post<CaseView>(`/api/cases/${current.id}/events`, { event: s.event, data: body, version: current.version });
      clearUnsaved(user.username, type.id, view?.id);
      clearUnsaved(user.username, type.id, current.id);
      navigate(`/workspace/cases/${next.id}`, { replace: !view, state: { flash: `已${s.title}，业务编号 ${next.number}。`, submitted: true } });
      if (view) onSaved?.(next);
    } catch (e) {
      if (!view && current) {
        // The draft exists now: continue on its page, with the errors and the typed data.
        writeUnsaved(user.username, type.id, current.id, data, current.version);
        clearUnsaved(user.username, type.id, undefined);
        navigate(`/workspace/cases/${current.id}`, { replace: true, state: { submitError: { message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : 0, code: e instanceof ApiError ? e.code : '', details: e instanceof ApiError ? e.details : undefined } } });
        return;
      }
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };

  // Errors naming fields the form does not show (rules on hidden fields) are listed here too.
  const unplaced = fieldErrors.filter((f) => { const p = pointerToPath(f.field); return p.length === 0 || !schemaAt(type.schema, p); });

  return (
    <div className="case-editor">
      {restored && (
        <Alert kind="info" onClose={() => setRestored(false)} actions={
          <button type="button" className="btn btn-sm" onClick={() => { setData(serverData); setRestored(false); clearUnsaved(user.username, type.id, view?.id); }}>放弃恢复，使用已保存的内容</button>
        }>已恢复您上次未保存的填写内容。</Alert>
      )}
      {offerRestore && restorable && (
        <Alert kind="warning" title="发现未保存的填写内容" actions={
          <>
            <button type="button" className="btn btn-sm btn-primary" onClick={() => { setData(restorable.data); setOfferRestore(false); }}>恢复我的填写内容</button>
            <button type="button" className="btn btn-sm" onClick={() => { setOfferRestore(false); clearUnsaved(user.username, type.id, view?.id); }}>放弃</button>
          </>
        }>业务单在此期间已被更新。恢复后请核对，再保存或提交。</Alert>
      )}
      {view?.notice == null && type.description && !view && <p className="type-description">{type.description}</p>}
      <SchemaForm
        ref={formRef}
        schema={type.schema}
        uiSchema={type.uiSchema}
        formData={data}
        onChange={change}
        serverErrors={fieldErrors}
        files={files}
        typeId={type.id}
        liveValidate={live}
        checkUrl={view ? `/api/cases/${view.id}/check` : `/api/types/${encodeURIComponent(type.id)}/check`}
      />
      {unplaced.length > 0 && <Alert kind="error">{unplaced.map((f, i) => <div key={i}>{f.message}</div>)}</Alert>}
      <ErrorAlert error={error} onReload={onReload} onClose={() => setError(undefined)} />
      <div className="form-actions sticky">
        <button type="button" className={startsOnSave ? 'btn btn-primary' : 'btn'} disabled={!!busy} onClick={(e) => (startsOnSave ? requestStart(e.currentTarget) : saveDraft())}>
          {busy === 'draft' ? '正在保存…' : startsOnSave ? '提交' : '保存草稿'}
        </button>
        {submits.map((s) => (
          <button key={s.event} type="button" className="btn btn-primary" disabled={!!busy} onClick={(e) => request(s, e.currentTarget)}>
            {busy === s.event ? '正在提交…' : s.title}
          </button>
        ))}
        {view && <PrintLinks caseId={view.id} prints={view.prints} only={1} />}
        {saved && <span className="saved-note" role="status">{saved}</span>}
      </div>
      {asking && (
        <SubmitConfirm action={asking.title} handover={asking.handover} typeTitle={type.title} number={view?.number}
          returnTo={asking.button} onConfirm={confirmed} onClose={() => setAsking(undefined)} />
      )}
    </div>
  );
}
