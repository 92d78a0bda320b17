// 业务类型: every type with its versions (which is current, where each came from, how many cases
// run on it by status) and its draft; 新建, 导入, 导出, 版本对比, 回退.
import { Fragment, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../api/hooks';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { Tag } from '../ui/StatusTag';
import { formatDateTime } from '../ui/format';
import { adminApi, type AdminType } from './api';
import { CaseCounts, sourceTitle } from './caseCounts';
import { NewTypeDialog } from './NewTypeDialog';
import { ImportDialog } from './ImportDialog';
import { RollbackDialog } from './RollbackDialog';
import { DiffPicker } from './versions/DiffPicker';
import { useWho } from './who';
import { ScrollRegion } from '../ui/ScrollRegion';

type Dialog = { kind: 'new' } | { kind: 'import' } | { kind: 'rollback'; type: AdminType; version?: number } | { kind: 'diff'; type: AdminType };

export function TypesListPage() {
  const list = useApi<{ items: AdminType[] }>('/api/admin/types');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string>();
  const navigate = useNavigate();
  const who = useWho();

  const items = useMemo(() => (list.data?.items ?? [])
    .filter((t) => !q || t.title.includes(q) || t.id.includes(q.toLowerCase()))
    .sort((a, b) => Number(b.hasDraft) - Number(a.hasDraft) || a.title.localeCompare(b.title, 'zh-CN')), [list.data, q]);
  const totals = useMemo(() => {
    const all = list.data?.items ?? [];
    return { types: all.length, drafts: all.filter((t) => t.hasDraft).length, versions: all.reduce((n, t) => n + t.versions.length, 0) };
  }, [list.data]);

  return (
    <>
      <Breadcrumbs items={[{ title: '系统管理', to: '/admin' }, { title: '业务类型配置' }]} />
      {notice && <Alert kind="success" onClose={() => setNotice(undefined)}>{notice}</Alert>}
      <div className="admin-kpis">
        <div className="kpi"><span className="kpi-label">业务类型</span><span className="kpi-value">{totals.types}</span></div>
        <div className="kpi"><span className="kpi-label">已发布版本</span><span className="kpi-value blue">{totals.versions}</span></div>
        <div className="kpi"><span className="kpi-label">待发布草稿</span><span className="kpi-value red">{totals.drafts}</span></div>
      </div>
      <Panel
        title="业务类型配置"
        extra={(
          <>
            <label className="sr-only" htmlFor="type-search">查找业务类型</label>
            <input id="type-search" className="form-control input-sm admin-search" placeholder="按名称或标识查找" value={q} onChange={(e) => setQ(e.target.value)} />
            <button type="button" className="btn btn-sm" onClick={() => setDialog({ kind: 'import' })}>导入</button>
            <button type="button" className="btn btn-sm btn-primary" onClick={() => setDialog({ kind: 'new' })}>＋ 新建业务类型</button>
          </>
        )}
      >
        <p className="type-description">每种业务由表单、流程、打印模板和基本设置组成。编辑后保存为草稿，检查无误后发布为新版本：正在办理的业务仍按原版本办理到结束，新建的业务使用新版本。</p>
        {list.error && <ErrorAlert error={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <ScrollRegion label="业务类型列表">
            <table className="grid-table zebra admin-types">
              <thead>
                <tr>
                  <th scope="col">业务类型</th>
                  <th scope="col">标识</th>
                  <th scope="col" className="num">当前版本</th>
                  <th scope="col">当前版本业务</th>
                  <th scope="col">版本</th>
                  <th scope="col">状态</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => {
                  const current = t.versions.find((v) => v.version === t.currentVersion);
                  const expanded = open === t.id;
                  return (
                    <Fragment key={t.id}>
                      <tr data-type={t.id}>
                        <td className="col-title">
                          <button type="button" className="linklike type-toggle" aria-expanded={expanded} aria-controls={`versions-${t.id}`} onClick={() => setOpen(expanded ? null : t.id)}>
                            <span className="caret" aria-hidden="true">{expanded ? '▾' : '▸'}</span> {t.title}
                          </button>
                        </td>
                        <td className="mono small">{t.id}</td>
                        <td className="num">{t.currentVersion ? <Tag tone="blue">v{t.currentVersion}</Tag> : <span className="muted">未发布</span>}</td>
                        <td>{current ? <CaseCounts v={current} /> : <span className="muted">—</span>}</td>
                        <td className="nowrap">{t.versions.length} 个</td>
                        <td>{t.hasDraft ? <Tag tone="orange">有草稿待发布</Tag> : <Tag tone="green">已发布</Tag>}</td>
                        <td className="ops nowrap">
                          <Link className="btn btn-sm btn-outline" to={`/admin/types/${t.id}`}>编辑</Link>
                          {t.versions.length > 0 && <a className="btn btn-sm" href={adminApi.exportUrl(t.id)} download>导出</a>}
                          {(t.versions.length > 1 || (t.hasDraft && t.versions.length > 0)) && <button type="button" className="btn btn-sm" onClick={() => setDialog({ kind: 'diff', type: t })}>版本对比</button>}
                          {t.versions.length > 1 && <button type="button" className="btn btn-sm" onClick={() => setDialog({ kind: 'rollback', type: t })}>回退</button>}
                        </td>
                      </tr>
                      {expanded && (
                        <tr className="versions-row" id={`versions-${t.id}`}>
                          <td colSpan={7}>
                            <table className="grid-table compact versions-table">
                              <caption className="sr-only">{t.title}的版本</caption>
                              <thead><tr><th scope="col">版本</th><th scope="col">来源</th><th scope="col">发布时间</th><th scope="col">发布人</th><th scope="col">业务数（按状态）</th><th scope="col">操作</th></tr></thead>
                              <tbody>
                                {[...t.versions].reverse().map((v) => (
                                  <tr key={v.version}>
                                    <td>v{v.version} {v.version === t.currentVersion && <Tag tone="blue">当前</Tag>}</td>
                                    <td>{sourceTitle(v.source)}</td>
                                    <td className="nowrap">{formatDateTime(v.publishedAt)}</td>
                                    <td>{who(v.publishedBy)}</td>
                                    <td><CaseCounts v={v} />{(v.cases.active || v.cases.draft) && v.version !== t.currentVersion ? <span className="muted small">（在办业务按本版本办理到结束）</span> : null}</td>
                                    <td className="ops nowrap">
                                      <a className="btn btn-sm" href={adminApi.exportUrl(t.id, v.version)} download>导出此版本</a>
                                      {v.version !== t.currentVersion && t.currentVersion && (
                                        <>
                                          <button type="button" className="btn btn-sm" onClick={() => navigate(`/admin/types/${t.id}/diff?from=${v.version}&to=${t.currentVersion}`)}>与当前对比</button>
                                          <button type="button" className="btn btn-sm" onClick={() => setDialog({ kind: 'rollback', type: t, version: v.version })}>回退到此版本</button>
                                        </>
                                      )}
                                      {v.version === t.currentVersion && t.hasDraft && <button type="button" className="btn btn-sm" onClick={() => navigate(`/admin/types/${t.id}/diff?from=${v.version}&to=draft`)}>与草稿对比</button>}
                                    </td>
                                  </tr>
                                ))}
                                {t.versions.length === 0 && <tr><td colSpan={6} className="empty-row">尚未发布，仅有草稿</td></tr>}
                              </tbody>
                            </table>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
                {items.length === 0 && <tr><td colSpan={7} className="empty-row">没有符合条件的业务类型</td></tr>}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Panel>
      {dialog?.kind === 'new' && <NewTypeDialog taken={(list.data?.items ?? []).map((t) => t.id)} types={(list.data?.items ?? []).map((t) => ({ id: t.id, title: t.title }))} onClose={() => setDialog(null)} onCreated={(id) => navigate(`/admin/types/${id}`)} />}
      {dialog?.kind === 'import' && <ImportDialog onClose={() => setDialog(null)} onImported={(msg) => { setDialog(null); setNotice(msg); list.reload(); }} />}
      {dialog?.kind === 'rollback' && (
        <RollbackDialog type={dialog.type} initial={dialog.version} onClose={() => setDialog(null)} onDone={(msg) => { setDialog(null); setNotice(msg); list.reload(); }} />
      )}
      {dialog?.kind === 'diff' && <DiffPicker type={dialog.type} onClose={() => setDialog(null)} />}
    </>
  );
}
