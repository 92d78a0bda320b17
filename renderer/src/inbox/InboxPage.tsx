// 待办事项: one task list for every business (GET /api/tasks), filtered by type, step, overdue
// and 我签收的, searched by business number — typed, or scanned: a barcode scanner types the
// number and Enter, and an exact match opens the case at once. With one type chosen, its list
// columns (settings.listColumns) are shown.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../api/client';
import { useApi } from '../api/hooks';
import type { CaseListItem, InboxItem, Paged } from '../api/model';
import { useSession } from '../app/session';
import { loadType, useTypes } from '../app/types';
import { buildGraph } from '../workflow/graph';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Pager } from '../ui/Pager';
import { Alert, Empty, ErrorAlert, Loading } from '../ui/Alert';
import { Tag } from '../ui/StatusTag';
import { dueText, formatDateTime } from '../ui/format';
import { savedFilters, type InboxFilter } from './savedFilters';
import { ColumnCell, useTypeListing } from '../workspace/listColumns';
import { ScrollRegion } from '../ui/ScrollRegion';

const sameNumber = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

export function InboxPage() {
  const { me } = useSession();
  const user = me?.user.username ?? '';
  const navigate = useNavigate();
  const { types } = useTypes(user);
  const [filter, setFilter] = useState<InboxFilter>(() => savedFilters.last(user) ?? {});
  const [page, setPage] = useState(1);
  const [text, setText] = useState(filter.q ?? '');
  const [saved, setSaved] = useState(() => savedFilters.list(user));
  const [states, setStates] = useState<Array<{ id: string; title: string }>>([]);
  const [scanNote, setScanNote] = useState<string>();
  const search = useRef<HTMLInputElement>(null);
  const list = useApi<Paged<InboxItem>>(`/api/tasks${qs({ ...filter, page, pageSize: 15 })}`);

  useEffect(() => { savedFilters.remember(user, filter); }, [user, filter]);
  useEffect(() => { search.current?.focus(); }, []);
  useEffect(() => {
    if (!filter.type) { setStates([]); return; }
    loadType(filter.type).then((t) => {
      const g = buildGraph(t.workflow);
      setStates([...g.nodes.values()].filter((n) => !n.children.length && !n.final && !n.editable).map((n) => ({ id: n.id, title: n.title })));
    }, () => setStates([]));
  }, [filter.type]);

  const { columns, titleInColumns } = useTypeListing(filter.type);

  const apply = (patch: Partial<InboxFilter>) => { setFilter((f) => ({ ...f, ...patch })); setPage(1); };

  /** Enter in the search box: an exact business number opens its case directly. */
  const onSearch = async (value: string) => {
    const q = value.trim();
    setScanNote(undefined);
    if (!q) { apply({ q: undefined }); return; }
    try {
      const tasks = await api.get<Paged<InboxItem>>(`/api/tasks${qs({ q, pageSize: 20 })}`);
      const exact = tasks.items.filter((t) => sameNumber(t.case.number, q));
      if (exact.length >= 1 && new Set(exact.map((t) => t.case.id)).size === 1) {
        navigate(`/inbox/cases/${exact[0].case.id}`);
        return;
      }
      if (tasks.items.length === 0) {
        // Not waiting for me: the case may still be visible (for reading its progress).
        const cases = await api.get<Paged<CaseListItem>>(`/api/cases${qs({ q, pageSize: 5 })}`);
        const hit = cases.items.find((c) => sameNumber(c.number, q));
        if (hit) { navigate(`/workspace/cases/${hit.id}`); return; }
        setScanNote(`没有找到业务编号或名称包含“${q}”的待办或业务。`);
      }
    } catch { /* the list below reports errors */ }
    apply({ q });
  };

  const saveCurrent = () => {
    const name = window.prompt('为当前筛选条件命名（如：本周逾期）');
    if (!name?.trim()) return;
    savedFilters.save(user, name.trim(), filter);
    setSaved(savedFilters.list(user));
  };

  const active = !!(filter.type || filter.state || filter.overdue || filter.mine || filter.q);

  return (
    <>
      <Breadcrumbs items={[{ title: '待办事项' }]} />
      <Panel title="待办事项" extra={list.data && <span className="muted">{list.data.totalCapped ? '' : '共 '}{list.data.total} 件{list.data.totalCapped ? '以上' : ''}{filter.overdue ? '逾期' : ''}待办</span>}>
        <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); void onSearch(text); }}>
          <label className="grow">业务编号 / 名称
            <input ref={search} id="inbox-search" className="form-control" type="search" value={text} autoComplete="off"
              placeholder="输入或扫描业务编号后按回车" onChange={(e) => setText(e.target.value)} />
          </label>
          <label>业务类型
            <select className="form-control" value={filter.type ?? ''} onChange={(e) => apply({ type: e.target.value || undefined, state: undefined })}>
              <option value="">全部</option>
              {(types ?? []).map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
            </select>
          </label>
          {states.length > 0 && (
            <label>环节
              <select className="form-control" value={filter.state ?? ''} onChange={(e) => apply({ state: e.target.value || undefined })}>
                <option value="">全部</option>
                {states.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
              </select>
            </label>
          )}
          <label className="check"><input type="checkbox" checked={!!filter.overdue} onChange={(e) => apply({ overdue: e.target.checked || undefined })} />仅看逾期</label>
          <label className="check"><input type="checkbox" checked={!!filter.mine} onChange={(e) => apply({ mine: e.target.checked || undefined })} />我签收的</label>
          <button type="submit" className="btn btn-primary">查询</button>
          {active && <button type="button" className="btn" onClick={() => { setText(''); setFilter({}); setPage(1); }}>重置</button>}
          <button type="button" className="btn" onClick={saveCurrent}>保存筛选</button>
        </form>
        {saved.length > 0 && (
          <div className="saved-filters" aria-label="已保存的筛选">
            <span className="muted">常用筛选：</span>
            {saved.map((s) => (
              <span key={s.name} className="chip">
                <button type="button" className="linklike" onClick={() => { setFilter(s.filter); setText(s.filter.q ?? ''); setPage(1); }}>{s.name}</button>
                <button type="button" className="chip-x" aria-label={`删除筛选 ${s.name}`} onClick={() => { savedFilters.remove(user, s.name); setSaved(savedFilters.list(user)); }}>×</button>
              </span>
            ))}
          </div>
        )}
        {scanNote && <Alert kind="warning" onClose={() => setScanNote(undefined)}>{scanNote}</Alert>}
        <ErrorAlert error={list.error} />
        {list.loading && !list.data ? <Loading /> : !list.data?.items.length ? <Empty>{active ? '没有符合条件的待办' : '暂无待办事项'}</Empty> : (
          <>
            <ScrollRegion label="待办列表">
              <table className="grid-table zebra inbox-table">
                <thead>
                  <tr>
                    <th scope="col">业务编号</th>
                    {!titleInColumns && <th scope="col">名称</th>}
                    {columns.map((col) => <th key={col.field} scope="col">{col.title}</th>)}
                    {!filter.type && <th scope="col">业务类型</th>}
                    <th scope="col">待办环节</th>
                    <th scope="col">提交时间</th><th scope="col">办理期限</th><th scope="col">签收</th><th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((t) => (
                    <tr key={t.id} className={t.overdue ? 'row-overdue' : ''}>
                      <td className="nowrap mono"><Link to={`/inbox/cases/${t.case.id}`}>{t.case.number}</Link></td>
                      {!titleInColumns && <td className="col-title">{t.case.title ?? '—'}</td>}
                      {columns.map((col) => <td key={col.field} className={col.className}><ColumnCell column={col} values={t.case.columns} /></td>)}
                      {!filter.type && <td className="nowrap">{t.typeTitle}</td>}
                      <td className="nowrap">{t.title ?? t.name}</td>
                      <td className="nowrap">{formatDateTime(t.case.submittedAt)}</td>
                      <td className="nowrap">
                        {t.dueAt ? <>{formatDateTime(t.dueAt)} <Tag tone={t.overdue ? 'red' : 'grey'}>{dueText(t.dueAt)}</Tag></> : '—'}
                      </td>
                      <td className="nowrap">{t.assigneeId ? (t.assigneeId === me?.user.id ? <Tag tone="green">我</Tag> : <Tag tone="orange">他人</Tag>) : <span className="muted">未签收</span>}</td>
                      <td className="nowrap"><Link className="btn btn-sm btn-primary" to={`/inbox/cases/${t.case.id}`}>办理</Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager total={list.data.total} capped={list.data.totalCapped} page={list.data.page} pageSize={list.data.pageSize} onPage={setPage} />
          </>
        )}
      </Panel>
    </>
  );
}
