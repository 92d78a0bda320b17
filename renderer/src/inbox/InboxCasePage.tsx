// Handling one case from the inbox: the case read-only on the left (data, attachments, history,
// workflow), the decision on the right (签收 / 转办, then 受理 / 退回补正 / 审核通过 / 不予备案 …
// with the action's decision form).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks';
import type { CaseView } from '../api/model';
import { useSession } from '../app/session';
import { useType } from '../app/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { SchemaForm } from '../forms/SchemaForm';
import { WorkflowDiagram } from '../workflow/WorkflowDiagram';
import { CaseSummary } from '../case/CaseSummary';
import { HistoryTable } from '../case/HistoryTable';
import { AttachmentsTable } from '../case/Attachments';
import { ActionPanel } from '../case/ActionPanel';
import { PrintLinks } from '../case/PrintLinks';

export function InboxCasePage() {
  const { caseId = '' } = useParams();
  const { me } = useSession();
  const loaded = useApi<CaseView>(`/api/cases/${encodeURIComponent(caseId)}`);
  const view = loaded.data;
  const { type } = useType(view?.typeId, view?.typeVersion);
  const [done, setDone] = useState<string>();
  const [tab, setTab] = useState<'data' | 'files' | 'history' | 'flow'>('data');

  if (loaded.error && !view) return <ErrorAlert error={loaded.error} onReload={loaded.reload} />;
  if (!view || !me) return <Loading />;
  const files = Object.fromEntries(view.attachments.map((f) => [f.id, { name: f.name, size: f.size }]));
  const tabs = [
    { id: 'data', title: '业务信息' },
    { id: 'files', title: `附件（${view.attachments.length}）` },
    { id: 'history', title: `办理记录（${view.history.length}）` },
    { id: 'flow', title: '流程图' },
  ] as const;

  return (
    <>
      <Breadcrumbs items={[{ title: '待办事项', to: '/inbox' }, { title: view.number }]} heading={false} />
      {done && (
        <Alert kind="success" title="办理成功" onClose={() => setDone(undefined)} actions={<Link className="btn btn-sm btn-primary" to="/inbox">返回待办列表，办理下一件</Link>}>{done}</Alert>
      )}
      <CaseSummary view={view} />
      {/* The diagram needs the page's width (its end states were clipped beside the 办理 panel):
          while it is shown, the 办理 panel moves below it. */}
      <div className={`split ${tab === 'flow' ? 'split-stacked' : ''}`}>
        <div className="split-main">
          <div className="tabs" role="tablist" aria-label="业务内容">
            {tabs.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`pane-${t.id}`}
                className={`tab ${tab === t.id ? 'on' : ''}`} onClick={() => setTab(t.id)}>{t.title}</button>
            ))}
          </div>
          <div className="tab-pane" role="tabpanel" id={`pane-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'data' && (type ? <SchemaForm schema={type.schema} uiSchema={type.uiSchema} formData={view.data} readonly files={files} typeId={type.id} /> : <Loading />)}
            {tab === 'files' && <AttachmentsTable files={view.attachments} />}
            {tab === 'history' && <HistoryTable history={view.history} workflow={type?.workflow} />}
            {tab === 'flow' && type && <WorkflowDiagram workflow={type.workflow} delays={type.settings.delays} current={view.state} history={view.history} />}
          </div>
        </div>
        <aside className="split-side" aria-label="办理">
          <Panel title="办理" className="sticky-panel" extra={type && <PrintLinks caseId={view.id} prints={view.prints} />}>
            {view.actions.length === 0 ? (
              <Alert kind="info">{view.status === 'closed' ? '该业务已办结。' : '该业务当前没有需要您办理的事项。'}</Alert>
            ) : (
              <ActionPanel view={view} user={me.user} actions={view.actions} onReload={loaded.reload}
                onDone={(next, message) => { if (next) loaded.setData(next); else loaded.reload(); setDone(message); window.scrollTo({ top: 0 }); }} />
            )}
          </Panel>
        </aside>
      </div>
    </>
  );
}
