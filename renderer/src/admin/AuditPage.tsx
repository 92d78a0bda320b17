// 审计日志: every administrative change with who and when (drafts saved and discarded, versions
// published, rolled back and imported), newest first.
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/hooks';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Pager } from '../ui/Pager';
import { ErrorAlert, Loading } from '../ui/Alert';
import { Tag, type Tone } from '../ui/StatusTag';
import { formatDateTime } from '../ui/format';
import type { AdminType, AuditEntry } from './api';
import { useWho } from './who';
import { ScrollRegion } from '../ui/ScrollRegion';

const ACTIONS: Record<string, { title: string; tone: Tone }> = {
  'draft.save': { title: '保存草稿', tone: 'grey' },
  'draft.discard': { title: '放弃草稿', tone: 'orange' },
  'type.publish': { title: '发布新版本', tone: 'blue' },
  'type.rollback': { title: '回退版本', tone: 'red' },
  'type.import': { title: '导入业务类型包', tone: 'green' },
  'timer.retry': { title: '重试定时任务', tone: 'orange' },
};

function detailText(e: AuditEntry): string {
  const d = (e.detail ?? {}) as { version?: number; from?: number; published?: Array<{ from: number; version: number }> };
  if (e.action === 'type.publish' && d.version) return `发布为版本 ${d.version}`;
  if (e.action === 'type.rollback') return `版本 ${d.from} 的内容发布为版本 ${d.version}`;
  if (e.action === 'type.import' && d.published) return d.published.map((p) => `包内版本 ${p.from} → 版本 ${p.version}`).join('，');
  return e.detail ? JSON.stringify(e.detail) : '';
}

export function AuditPage() {
  const [page, setPage] = useState(1);
  const log = useApi<{ total: number; page: number; items: AuditEntry[] }>(`/api/admin/audit?page=${page}`);
  const who = useWho();
  const types = useApi<{ items: AdminType[] }>('/api/admin/types');
  const titleOf = (id: string) => types.data?.items.find((t) => t.id === id)?.title;
  return (
    <>
      <Breadcrumbs items={[{ title: '系统管理', to: '/admin' }, { title: '审计日志' }]} />
      <Panel title="审计日志" extra={<span className="muted small">记录每一次配置变更：谁、何时、做了什么</span>}>
        {log.error && <ErrorAlert error={log.error} />}
        {!log.data && !log.error && <Loading />}
        {log.data && (
          <>
            <ScrollRegion label="审计日志">
              <table className="grid-table zebra audit-table">
                <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">业务类型</th><th scope="col">详情</th></tr></thead>
                <tbody>
                  {log.data.items.map((e) => (
                    <tr key={e.id}>
                      <td className="nowrap">{formatDateTime(e.createdAt)}</td>
                      <td>{who(e.actorId)}</td>
                      <td><Tag tone={ACTIONS[e.action]?.tone ?? 'grey'}>{ACTIONS[e.action]?.title ?? e.action}</Tag></td>
                      <td>{e.target?.startsWith('timer:') ? `定时任务 #${e.target.slice(6)}` : e.target ? <><Link to={`/admin/types/${e.target}`}>{titleOf(e.target) ?? e.target}</Link> <code className="muted small">{e.target}</code></> : ''}</td>
                      <td>{detailText(e)}</td>
                    </tr>
                  ))}
                  {log.data.items.length === 0 && <tr><td colSpan={5} className="empty-row">暂无记录</td></tr>}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager total={log.data.total} page={page} pageSize={50} onPage={setPage} />
          </>
        )}
      </Panel>
    </>
  );
}
