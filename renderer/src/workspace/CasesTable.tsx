// The list of cases (GET /api/cases): filters by type, status, step and keyword, paging. With one
// type chosen, its list columns (settings.listColumns) are shown, and its own filters
// (settings.filters: 物业区域, 设施设备类型 …, see ListFilters).
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { qs } from '../api/client';
import { useApi } from '../api/hooks';
import type { CaseListItem, Paged, TypeSummary } from '../api/model';
import { Pager } from '../ui/Pager';
import { StateTag, STATUS_OPTIONS, StatusTag } from '../ui/StatusTag';
import { formatDateTime } from '../ui/format';
import { ErrorAlert, Empty, Loading } from '../ui/Alert';
import { loadType } from '../app/types';
import { buildGraph } from '../workflow/graph';
import { ColumnCell, useTypeListing } from './listColumns';
import { ListFilters, filterDefs, filterQuery, hasFilters, type FilterDef } from './ListFilters';
import { ScrollRegion } from '../ui/ScrollRegion';

interface Props {
  types: TypeSummary[];
  fixedType?: string;
  pageSize?: number;
  /** Changes when the list must be read again (after an import added records). */
  reloadKey?: number;
}

export function CasesTable({ types, fixedType, pageSize = 15, reloadKey = 0 }: Props) {
  const [params, setParams] = useSearchParams();
  const type = fixedType ?? params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const state = params.get('state') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [text, setText] = useState(q);
  const [states, setStates] = useState<Array<{ id: string; title: string }>>([]);
  const [filters, setFilters] = useState<FilterDef[]>([]);
  useEffect(() => {
    if (!type) { setStates([]); setFilters([]); return; }
    loadType(type).then((t) => {
      setStates([...buildGraph(t.workflow).nodes.values()].filter((n) => !n.children.length).map((n) => ({ id: n.id, title: n.title })));
      setFilters(filterDefs(t));
    }, () => { setStates([]); setFilters([]); });
  }, [type]);
  const { columns, titleInColumns } = useTypeListing(type || undefined);
  const list = useApi<Paged<CaseListItem>>(`/api/cases${qs({ type, status, state, q, page, pageSize })}${type ? filterQuery(params) : ''}`);
  const { reload } = list;
  useEffect(() => { if (reloadKey) reload(); }, [reloadKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <div>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim() }); }}>
        {!fixedType && (
          <label>业务类型
            <select className="form-control" value={type} onChange={(e) => set({ type: e.target.value, state: '' })}>
              <option value="">全部</option>
              {types.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
            </select>
          </label>
        )}
        <label>状态
          <select className="form-control" value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">全部</option>
            {STATUS_OPTIONS.map((s) => <option key={s.value} value={s.value}>{s.title}</option>)}
          </select>
        </label>
        {states.length > 0 && (
          <label>当前环节
            <select className="form-control" value={state} onChange={(e) => set({ state: e.target.value })}>
              <option value="">全部</option>
              {states.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
            </select>
          </label>
        )}
        {filters.length > 0 && <ListFilters defs={filters} params={params} set={set} />}
        <label>关键字
          <input className="form-control" type="search" value={text} placeholder="业务编号或名称" onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">查询</button>
        {(q || status || state || hasFilters(params) || (!fixedType && type)) && <button type="button" className="btn" onClick={() => { setText(''); setParams(new URLSearchParams(), { replace: true }); }}>重置</button>}
      </form>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? <Loading /> : list.data && list.data.items.length === 0 ? <Empty>没有符合条件的业务</Empty> : list.data && (
        <>
          <ScrollRegion label="业务列表">
            <table className="grid-table zebra">
              <thead>
                <tr>
                  <th scope="col">业务编号</th>
                  {!type && <th scope="col">业务类型</th>}
                  {!titleInColumns && <th scope="col">名称</th>}
                  {columns.map((col) => <th key={col.field} scope="col">{col.title}</th>)}
                  <th scope="col">当前环节</th>
                  <th scope="col">状态</th>
                  <th scope="col">更新时间</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap"><Link to={`/workspace/cases/${c.id}`}>{c.number}</Link></td>
                    {!type && <td>{c.typeTitle}</td>}
                    {!titleInColumns && <td className="col-title">{c.title || <span className="muted">（未填写）</span>}</td>}
                    {columns.map((col) => <td key={col.field} className={col.className}><ColumnCell column={col} values={c.columns} /></td>)}
                    <td><StateTag title={c.stateTitle} status={c.status} /></td>
                    <td><StatusTag status={c.status} /></td>
                    <td className="nowrap">{formatDateTime(c.updatedAt)}</td>
                    <td className="nowrap">
                      <Link to={`/workspace/cases/${c.id}`}>{c.status === 'draft' ? '编辑' : '查看'}</Link>
                      {(types.find((t) => t.id === c.typeId)?.listLinks ?? []).map((l) => {
                        const v = c.columns?.[l.field];
                        return v === null || v === undefined ? null : <Link key={l.title} className="row-link" to={`/workspace/types/${encodeURIComponent(l.type)}?f.${encodeURIComponent(l.filter)}=${encodeURIComponent(String(v))}`}>{l.title}</Link>;
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager total={list.data.total} capped={list.data.totalCapped} page={list.data.page} pageSize={list.data.pageSize} onPage={(p) => set({ page: String(p) })} />
        </>
      )}
    </div>
  );
}
