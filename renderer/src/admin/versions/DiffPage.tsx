// /admin/types/:id/diff?from=1&to=2|draft: what a version (or the draft) changes.
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { Panel } from '../../ui/Panel';
import { ErrorAlert, Loading } from '../../ui/Alert';
import type { AdminType, DiffEntry } from '../api';
import { DiffTable } from './DiffTable';

export function DiffPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '1';
  const to = params.get('to') ?? '';
  const types = useApi<{ items: AdminType[] }>('/api/admin/types');
  const type = types.data?.items.find((t) => t.id === id);
  const diff = useApi<{ from: number; to: string; changes: DiffEntry[] }>(`/api/admin/types/${encodeURIComponent(id)}/diff?from=${from}${to ? `&to=${encodeURIComponent(to)}` : ''}`);
  const label = (v: string) => (v === 'draft' ? '草稿' : `版本 ${v}`);
  const versions = type?.versions.map((v) => String(v.version)) ?? [];
  return (
    <>
      <Breadcrumbs items={[{ title: '系统管理', to: '/admin' }, { title: '业务类型配置', to: '/admin' }, { title: type?.title ?? id, to: `/admin/types/${id}` }, { title: '版本对比' }]} />
      <Panel title={`版本对比：${type?.title ?? id}`} extra={<Link className="btn btn-sm" to={`/admin/types/${id}`}>编辑此业务</Link>}>
        <div className="filters">
          <label>原版本
            <select className="form-control" value={from} onChange={(e) => setParams({ from: e.target.value, to })}>
              {versions.map((v) => <option key={v} value={v}>{label(v)}</option>)}
            </select>
          </label>
          <label>对比
            <select className="form-control" value={to || String(type?.currentVersion ?? '')} onChange={(e) => setParams({ from, to: e.target.value })}>
              {versions.map((v) => <option key={v} value={v}>{label(v)}</option>)}
              {type?.hasDraft && <option value="draft">草稿</option>}
            </select>
          </label>
        </div>
        {diff.error && <ErrorAlert error={diff.error} />}
        {diff.loading && !diff.data && <Loading />}
        {diff.data && <DiffTable changes={diff.data.changes} />}
      </Panel>
    </>
  );
}
