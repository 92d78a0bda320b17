// The head of a case: number, type, name, where it is now (step, open tasks, due times), the
// applicant, and warnings reviewers must see (flags on the case, on the applicant's account).
import type { CaseView } from '../api/model';
import { roleTitle } from '../app/roles';
import { useDistricts } from '../app/districts';
import { StateTag, StatusTag, Tag } from '../ui/StatusTag';
import { dueText, formatDateTime } from '../ui/format';

function flagText(f: unknown): string {
  if (typeof f === 'string') return f;
  const o = f as { message?: string; code?: string } | null;
  return o?.message ?? o?.code ?? JSON.stringify(f);
}

export function CaseSummary({ view }: { view: CaseView }) {
  const { name } = useDistricts();
  const open = view.tasks.filter((t) => t.status === 'open');
  const warnings = [...(view.flags ?? []).map(flagText), ...(view.org?.warnings ?? []).map((w) => w.message)];
  return (
    <section className="case-summary" aria-label="业务概况">
      <div className="case-summary-main">
        <h1 className="case-title">{view.title || view.typeTitle}</h1>
        <div className="case-tags">
          <StateTag title={view.stateTitle} status={view.status} />
          <StatusTag status={view.status} unless={view.stateTitle} />
          {open.some((t) => t.overdue) && <Tag tone="red">已逾期</Tag>}
        </div>
      </div>
      <dl className="desc-grid">
        <div><dt>业务编号</dt><dd className="mono">{view.number}</dd></div>
        <div><dt>业务类型</dt><dd>{view.typeTitle}</dd></div>
        <div><dt>申请单位</dt><dd>{view.org?.name ?? '—'}</dd></div>
        <div><dt>所属区域</dt><dd>{[name(view.district), name(view.street as string | null)].filter(Boolean).join(' ') || '—'}</dd></div>
        <div><dt>创建时间</dt><dd>{formatDateTime(view.createdAt)}</dd></div>
        <div><dt>提交时间</dt><dd>{formatDateTime(view.submittedAt) || '—'}</dd></div>
        {view.closedAt && <div><dt>办结时间</dt><dd>{formatDateTime(view.closedAt)}</dd></div>}
        <div className="span-2"><dt>当前环节</dt><dd>
          {open.length === 0 ? view.stateTitle : open.map((t) => (
            <div key={t.id}>
              {view.stateTitle}：{t.title ?? t.name}（{roleTitle(t.role)}）
              {t.dueAt && <> 期限 {formatDateTime(t.dueAt)} <Tag tone={t.overdue ? 'red' : 'grey'}>{dueText(t.dueAt)}</Tag></>}
            </div>
          ))}
        </dd></div>
      </dl>
      {warnings.length > 0 && (
        <ul className="case-warnings" aria-label="提醒">
          {warnings.map((w, i) => <li key={i}>⚠ {w}</li>)}
        </ul>
      )}
    </section>
  );
}
