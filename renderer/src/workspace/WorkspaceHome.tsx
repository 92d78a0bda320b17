// 工作台首页: 快捷入口 to every business the organisation may start, its open to-dos (e.g. a case
// returned for correction) and its latest cases.
import { Link } from 'react-router';
import { useSession } from '../app/session';
import { useTypes } from '../app/types';
import { useApi } from '../api/hooks';
import type { CaseListItem, InboxItem, Paged } from '../api/model';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Empty, Loading } from '../ui/Alert';
import { StateTag, Tag } from '../ui/StatusTag';
import { dueText, formatDateTime } from '../ui/format';
import { roleTitle } from '../app/roles';

export function WorkspaceHome() {
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  const todos = useApi<Paged<InboxItem>>('/api/tasks?pageSize=8');
  const recent = useApi<Paged<CaseListItem>>('/api/cases?pageSize=6');
  const counts = {
    draft: useApi<Paged<CaseListItem>>('/api/cases?status=draft&pageSize=1').data?.total,
    active: useApi<Paged<CaseListItem>>('/api/cases?status=active&pageSize=1').data?.total,
    closed: useApi<Paged<CaseListItem>>('/api/cases?status=closed&pageSize=1').data?.total,
  };
  if (!me) return null;
  const startable = (types ?? []).filter((t) => t.canStart);
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台' }]} heading={false} />
      <section className="welcome">
        <div>
          <h1>{me.org?.name ?? me.user.displayName}</h1>
          <p>{roleTitle(me.user.role)}　登录名：{me.user.username}</p>
          {me.org?.warnings?.map((w) => <p key={w.code} className="warn-text">⚠ {w.message}</p>)}
        </div>
        <dl className="counters">
          <div><dt>草稿</dt><dd><Link to="/workspace/cases?status=draft">{counts.draft ?? '–'}</Link></dd></div>
          <div><dt>办理中</dt><dd><Link to="/workspace/cases?status=active">{counts.active ?? '–'}</Link></dd></div>
          <div><dt>已办结</dt><dd><Link to="/workspace/cases?status=closed">{counts.closed ?? '–'}</Link></dd></div>
        </dl>
      </section>
      <Panel title="快捷入口" id="quick">
        {!types ? <Loading /> : startable.length === 0 ? <Empty>暂无可办理的业务</Empty> : (
          <ul className="quick-grid">
            {startable.map((t) => (
              <li key={t.id}>
                <Link to={`/workspace/new/${t.id}`} className="quick-card">
                  <span className="quick-icon" aria-hidden="true">{t.title.slice(0, 1)}</span>
                  <span className="quick-title">{t.title}</span>
                  <span className="quick-menu">{t.menu ?? ''}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <div className="two-col">
        <Panel title="我的待办" extra={<Link to="/workspace/cases?status=active">更多</Link>}>
          {todos.loading && !todos.data ? <Loading /> : !todos.data?.items.length ? <Empty>暂无待办事项</Empty> : (
            <ul className="news-list">
              {todos.data.items.map((t) => (
                <li key={t.id}>
                  <Link to={`/workspace/cases/${t.case.id}`}>【{t.title}】{t.case.title ?? t.case.number}</Link>
                  <span className="news-date">{t.overdue ? <Tag tone="red">{dueText(t.dueAt)}</Tag> : t.case.number}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="最近办理" extra={<Link to="/workspace/cases">全部业务</Link>}>
          {recent.loading && !recent.data ? <Loading /> : !recent.data?.items.length ? <Empty>还没有业务，请从“快捷入口”开始办理</Empty> : (
            <ul className="news-list">
              {recent.data.items.map((c) => (
                <li key={c.id}>
                  <Link to={`/workspace/cases/${c.id}`}>{c.typeTitle}：{c.title || c.number}</Link>
                  <span className="news-date"><StateTag title={c.stateTitle} status={c.status} /> {formatDateTime(c.updatedAt).slice(5)}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}
