// What the caller may do now (the case view's `actions`): per open task, claim / release /
// reassign, then choose the decision (受理, 退回补正, 审核通过, 不予备案 …), fill its decision form
// (rjsf from the action's formSchema) and confirm. Department tasks complete through
// /api/tasks/:id/complete; an applicant's own events go to /api/cases/:id/events.
import { useMemo, useRef, useState } from 'react';
import type Form from '@rjsf/core';
import { api, ApiError, type FieldErrorDetail } from '../api/client';
import type { CaseAction, CaseTask, CaseView, SessionUser } from '../api/model';
import { SchemaForm } from '../forms/SchemaForm';
import { cleanData } from '../forms/paths';
import { Alert, ErrorAlert } from '../ui/Alert';
import { Tag } from '../ui/StatusTag';
import { dueText, formatDateTime } from '../ui/format';
import { roleTitle } from '../app/roles';

interface Props {
  view: CaseView;
  user: SessionUser;
  actions: CaseAction[];
  onDone(view: CaseView | null, message: string): void;
  onReload(): void;
}

const DANGER = /退回|不予|驳回|拒绝|不通过|撤回|终止/;

function TaskActions({ task, actions, view, user, onDone, onReload }: Props & { task: CaseTask }) {
  const [selected, setSelected] = useState(actions[0]?.event);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrorDetail[]>([]);
  const [live, setLive] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState<string>();
  const formRef = useRef<Form>(null);
  const action = actions.find((a) => a.event === selected);
  const department = task.role !== 'applicant';
  const mine = task.assigneeId === user.id;
  const other = !!task.assigneeId && !mine;

  const run = async (fn: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      await fn();
      setNote(message);
      onReload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!action) return;
    if (action.formSchema && formRef.current && !formRef.current.validateForm()) { setLive(true); return; }
    setBusy(true);
    setError(undefined);
    setFieldErrors([]);
    try {
      const decision = cleanData(data);
      const next = department
        ? await api.post<CaseView>(`/api/tasks/${task.id}/complete`, { event: action.event, data: decision })
        : await api.post<CaseView>(`/api/cases/${view.id}/events`, { event: action.event, decision, version: view.version });
      setData({});
      onDone(next, `已${action.title}：${view.number}`);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setFieldErrors(e.fieldErrors);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="task-actions">
      <div className="task-actions-head">
        <div>
          <strong>{task.title ?? task.name}</strong>
          <span className="muted">（{roleTitle(task.role)}）</span>
        </div>
        {task.dueAt && (
          <div className="nowrap">
            办理期限：{formatDateTime(task.dueAt)} {task.overdue ? <Tag tone="red">{dueText(task.dueAt)}</Tag> : <Tag tone="grey">{dueText(task.dueAt)}</Tag>}
          </div>
        )}
      </div>
      {department && (
        <div className="claim-bar">
          <span>签收状态：{mine ? <Tag tone="green">已由我签收</Tag> : other ? <Tag tone="orange">已由他人签收</Tag> : <Tag tone="grey">未签收</Tag>}</span>
          {!task.assigneeId && <button type="button" className="btn btn-sm" disabled={busy} onClick={() => run(() => api.post(`/api/tasks/${task.id}/claim`), '已签收')}>签收</button>}
          {mine && <button type="button" className="btn btn-sm" disabled={busy} onClick={() => run(() => api.post(`/api/tasks/${task.id}/release`), '已退回签收，待办回到公共待办')}>退回签收</button>}
          {(mine || !task.assigneeId) && (
            <form className="reassign" onSubmit={(e) => { e.preventDefault(); if (assignee.trim()) void run(() => api.post(`/api/tasks/${task.id}/reassign`, { username: assignee.trim() }), `已转办给 ${assignee.trim()}`); }}>
              <label htmlFor={`reassign-${task.id}`} className="sr-only">转办给（同事用户名）</label>
              <input id={`reassign-${task.id}`} className="form-control input-sm" placeholder="同事用户名" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
              <button type="submit" className="btn btn-sm" disabled={busy || !assignee.trim()}>转办</button>
            </form>
          )}
        </div>
      )}
      {note && <Alert kind="success" onClose={() => setNote(undefined)}>{note}</Alert>}
      {other && <Alert kind="warning">该待办已由他人签收，如需办理请联系签收人或待其退回签收。</Alert>}
      <fieldset className="decision-choice">
        <legend>办理结果</legend>
        <div className="segmented" role="radiogroup" aria-label="办理结果">
          {actions.map((a) => (
            <label key={a.event} className={`segment ${selected === a.event ? 'on' : ''} ${DANGER.test(a.title) ? 'danger' : ''}`}>
              <input type="radio" name={`decision-${task.id}`} value={a.event} checked={selected === a.event}
                onChange={() => { setSelected(a.event); setFieldErrors([]); setError(undefined); setLive(false); }} />
              {a.title}
            </label>
          ))}
        </div>
      </fieldset>
      {action?.formSchema && (
        <SchemaForm
          key={action.event}
          ref={formRef}
          schema={action.formSchema}
          formData={data}
          onChange={(d) => setData((d ?? {}) as Record<string, unknown>)}
          serverErrors={fieldErrors}
          idPrefix={`decision_${task.id}`}
          liveValidate={live}
        />
      )}
      <ErrorAlert error={error} onReload={onReload} onClose={() => setError(undefined)} />
      <div className="form-actions">
        <button type="button" className={`btn ${action && DANGER.test(action.title) ? 'btn-danger' : 'btn-primary'}`} disabled={busy || !action || other} onClick={confirm}>
          {busy ? '正在提交…' : `确认${action?.title ?? ''}`}
        </button>
      </div>
    </div>
  );
}

export function ActionPanel(props: Props) {
  const byTask = useMemo(() => {
    const m = new Map<number, CaseAction[]>();
    for (const a of props.actions) m.set(a.taskId, [...(m.get(a.taskId) ?? []), a]);
    return m;
  }, [props.actions]);
  if (!byTask.size) return null;
  return (
    <div className="action-panel">
      {[...byTask].map(([taskId, actions]) => {
        const task = props.view.tasks.find((t) => t.id === taskId);
        return task ? <TaskActions key={taskId} {...props} task={task} actions={actions} /> : null;
      })}
    </div>
  );
}
