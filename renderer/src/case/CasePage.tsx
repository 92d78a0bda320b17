// One case: where it is, the one-time return notice first when there is one, the form (editable
// in 草稿 and 退回补正 for the applicant, read-only otherwise), what the caller may do now, the
// workflow picture, attachments and the history.
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import type { CaseView } from '../api/model';
import { useSession } from '../app/session';
import { useType } from '../app/types';
import { isDepartment } from '../app/roles';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { SchemaForm } from '../forms/SchemaForm';
import { WorkflowDiagram } from '../workflow/WorkflowDiagram';
import { CaseEditor } from './CaseEditor';
import { CaseSummary } from './CaseSummary';
import { ReturnNotice } from './ReturnNotice';
import { HistoryTable } from './HistoryTable';
import { AttachmentsTable } from './Attachments';
import { ActionPanel } from './ActionPanel';
import { PrintLinks } from './PrintLinks';

interface NavState { flash?: string; submitted?: boolean; submitError?: { message: string; status: number; code: string; details?: unknown } }

export function CasePage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const nav = (location.state ?? {}) as NavState;
  const loaded = useApi<CaseView>(`/api/cases/${encodeURIComponent(id)}`);
  const view = loaded.data;
  const { type } = useType(view?.typeId, view?.typeVersion);
  // A note handed over by the page before (草稿已保存, 已提交, a failed first submit) is shown once:
  // taken from the history entry, which is then cleared so a reload does not bring it back.
  const [note, setNote] = useState<NavState>(nav);
  useEffect(() => {
    if (!location.state) return;
    setNote(location.state as NavState);
    navigate(location.pathname + location.search, { replace: true, state: null });
  }, [location.key]); // eslint-disable-line react-hooks/exhaustive-deps
  const flash = note.flash;
  const setFlash = (f: string | undefined) => setNote((n) => ({ ...n, flash: f }));
  const submitted = !!note.submitted;
  const submitError = note.submitError;
  const initialErrors = useMemo(() => {
    const e = submitError;
    if (!e) return undefined;
    const err = new ApiError(e.status, e.code, e.message, e.details);
    return { error: err, fields: err.fieldErrors };
  }, [submitError]);

  if (loaded.error && !view) return <ErrorAlert error={loaded.error} onReload={loaded.reload} />;
  if (!view || !me) return <Loading />;
  const dept = isDepartment(me.user.role);
  const applicantTasks = new Set(view.tasks.filter((t) => t.role === 'applicant').map((t) => t.id));
  const otherActions = view.editable ? view.actions.filter((a) => !applicantTasks.has(a.taskId) || !!a.formSchema) : view.actions;
  const files = Object.fromEntries(view.attachments.map((f) => [f.id, { name: f.name, size: f.size }]));
  const listLink = dept ? { title: '业务查询', to: '/workspace/cases' } : { title: '我的业务', to: '/workspace/cases' };

  return (
    <>
      <Breadcrumbs items={[{ title: dept ? '待办事项' : '工作台', to: dept ? '/inbox' : '/workspace' }, listLink, { title: view.number }]} heading={false} />
      {flash && (
        <Alert kind="success" onClose={() => setFlash(undefined)} actions={submitted && type ? <PrintLinks caseId={view.id} prints={view.prints} only={1} /> : undefined}>
          {flash}{submitted && type?.settings.prints ? '请打印申请表，携带申请表及纸质要件到所在区受理窗口办理。' : ''}
        </Alert>
      )}
      <CaseSummary view={view} />
      {view.notice && <ReturnNotice notice={view.notice} />}
      {otherActions.length > 0 && (
        <Panel title="办理" id="actions">
          <ActionPanel view={view} user={me.user} actions={otherActions} onReload={loaded.reload}
            onDone={(next, message) => { if (next) loaded.setData(next); else loaded.reload(); setFlash(message); }} />
        </Panel>
      )}
      <Panel title={view.editable ? '填写业务信息' : '业务信息'} id="data" extra={!view.editable && type && <PrintLinks caseId={view.id} prints={view.prints} />}>
        {!type ? <Loading /> : view.editable ? (
          <CaseEditor key={view.id} type={type} user={me.user} view={view} initialErrors={initialErrors}
            onSaved={(next) => loaded.setData(next)}
            onReload={() => { navigate(location.pathname, { replace: true, state: {} }); loaded.reload(); }} />
        ) : (
          <SchemaForm schema={type.schema} uiSchema={type.uiSchema} formData={view.data} readonly files={files} typeId={type.id} />
        )}
      </Panel>
      <Panel title="办理流程" id="workflow">
        {type ? <WorkflowDiagram workflow={type.workflow} delays={type.settings.delays} current={view.state} history={view.history} /> : <Loading />}
      </Panel>
      <Panel title={`附件（${view.attachments.length}）`} id="attachments">
        <AttachmentsTable files={view.attachments} />
      </Panel>
      <Panel title="办理记录" id="history">
        <HistoryTable history={view.history} workflow={type?.workflow} />
      </Panel>
    </>
  );
}
