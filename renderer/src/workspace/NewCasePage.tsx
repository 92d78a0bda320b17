import { useState } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../app/session';
import { useType } from '../app/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { CaseEditor } from '../case/CaseEditor';
import { WorkflowDiagram } from '../workflow/WorkflowDiagram';
import { stateNode } from '../workflow/graph';

/** 新建业务单: the type's form, empty (or as left unsaved in this browser). */
export function NewCasePage() {
  const { typeId = '' } = useParams();
  const { me } = useSession();
  const { type, error } = useType(typeId);
  // The diagram's layout library (elkjs, 1.4 MB) loads only when the applicant opens the disclosure.
  const [showFlow, setShowFlow] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (!type || !me) return <Loading />;
  const keepsDraft = !!(stateNode(type.workflow, type.workflow.initial)?.meta as { editable?: boolean } | undefined)?.editable;
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title: type.title, to: `/workspace/types/${type.id}` }, { title: '新建' }]} />
      {!type.canStart && <Alert kind="warning">您所在的机构不能发起此项业务。</Alert>}
      <Panel title={`新建${type.title}`} extra={<span className="muted">带 <span className="req">*</span> 的为必填项{keepsDraft ? '，可随时保存草稿' : '，提交后不能修改'}</span>}>
        <CaseEditor type={type} user={me.user} />
      </Panel>
      <Panel title="办理流程">
        <details className="flow-disclosure" onToggle={(e) => setShowFlow((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>查看办理流程</summary>
          {showFlow && <WorkflowDiagram workflow={type.workflow} delays={type.settings.delays} current={type.workflow.initial} />}
        </details>
      </Panel>
    </>
  );
}
