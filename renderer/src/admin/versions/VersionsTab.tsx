// 版本记录: this type's versions (source, when, by whom, cases on each by status), export of one or
// all, the differences of any version from the draft being edited, and 回退.
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../ui/Alert';
import { Tag } from '../../ui/StatusTag';
import { formatDateTime } from '../../ui/format';
import { adminApi, type AdminType, type DiffEntry } from '../api';
import type { Draft } from '../useDraft';
import { CaseCounts, sourceTitle } from '../caseCounts';
import { RollbackDialog } from '../RollbackDialog';
import { DiffTable } from './DiffTable';
import { useWho } from '../who';
import { ScrollRegion } from '../../ui/ScrollRegion';

export function VersionsTab({ id, info, draft, onChanged }: { id: string; info: AdminType | undefined; draft: Draft; onChanged: () => void }) {
  const [compare, setCompare] = useState<{ from: number; to: string } | null>(() => (info?.currentVersion && draft.isDraft ? { from: info.currentVersion, to: 'draft' } : null));
  const [rollback, setRollback] = useState<number | null>(null);
  const [notice, setNotice] = useState<string>();
  const who = useWho();
  const diff = useApi<{ changes: DiffEntry[] }>(compare ? `/api/admin/types/${encodeURIComponent(id)}/diff?from=${compare.from}&to=${compare.to}` : null);
  if (!info) return <Loading />;
  return (
    <div className="versions-tab">
      {notice && <div className="alert alert-success" role="status"><div className="alert-body">{notice}</div></div>}
      <div className="toolbar">
        <span className="muted">共 {info.versions.length} 个版本{info.hasDraft ? '，另有一份草稿' : ''}。版本一经发布不再修改；回退即把旧版本的内容再发布为新版本。</span>
        {info.versions.length > 0 && <a className="btn btn-sm" href={adminApi.exportUrl(id)} download>导出全部版本</a>}
      </div>
      {draft.dirty && <p className="alert alert-info">与草稿对比的是服务器上保存的草稿；请先“保存草稿”再对比最新修改。</p>}
      <ScrollRegion label="版本列表">
        <table className="grid-table zebra">
          <thead><tr><th scope="col">版本</th><th scope="col">来源</th><th scope="col">发布时间</th><th scope="col">发布人</th><th scope="col">业务数（按状态）</th><th scope="col">操作</th></tr></thead>
          <tbody>
            {[...info.versions].reverse().map((v) => (
              <tr key={v.version}>
                <td>v{v.version} {v.version === info.currentVersion && <Tag tone="blue">当前</Tag>}</td>
                <td>{sourceTitle(v.source)}</td>
                <td className="nowrap">{formatDateTime(v.publishedAt)}</td>
                <td>{who(v.publishedBy)}</td>
                <td><CaseCounts v={v} /></td>
                <td className="ops nowrap">
                  {info.hasDraft && <button type="button" className="btn btn-sm" onClick={() => setCompare({ from: v.version, to: 'draft' })}>与草稿对比</button>}
                  {v.version !== info.currentVersion && info.currentVersion && <button type="button" className="btn btn-sm" onClick={() => setCompare({ from: v.version, to: String(info.currentVersion) })}>与当前对比</button>}
                  <a className="btn btn-sm" href={adminApi.exportUrl(id, v.version)} download>导出</a>
                  {v.version !== info.currentVersion && <button type="button" className="btn btn-sm" onClick={() => setRollback(v.version)}>回退到此版本</button>}
                </td>
              </tr>
            ))}
            {info.versions.length === 0 && <tr><td colSpan={6} className="empty-row">尚未发布</td></tr>}
          </tbody>
        </table>
      </ScrollRegion>
      {compare && (
        <section className="diff-box" aria-label="差异">
          <h3 className="section-title">版本 {compare.from} → {compare.to === 'draft' ? '草稿' : `版本 ${compare.to}`}</h3>
          {diff.error && <ErrorAlert error={diff.error} />}
          {diff.loading && <Loading />}
          {diff.data && !diff.loading && <DiffTable changes={diff.data.changes} />}
        </section>
      )}
      {rollback !== null && (
        <RollbackDialog type={info} initial={rollback} onClose={() => setRollback(null)} onDone={(m) => { setRollback(null); setNotice(m); void draft.reload(); onChanged(); }} />
      )}
    </div>
  );
}
