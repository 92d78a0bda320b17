// 定时任务: timers whose transition kept failing (engine/runtime/timers.ts backs off and, after the
// last attempt, stops trying). An administrator sees each with its case, the step it would move,
// the attempts and the last error, and puts a stopped one back in the poll with 重试 once the cause
// is fixed (POST /api/admin/timers/:id/retry, audited).
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/hooks';
import { api, errorMessage } from '../api/client';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, ErrorAlert, Loading } from '../ui/Alert';
import { formatDateTime } from '../ui/format';
import { ScrollRegion } from '../ui/ScrollRegion';

interface FailedTimer {
  id: number; caseId: number; caseNumber: string; typeTitle: string; caseTitle: string | null; stateTitle: string;
  dueAt: string | null; attempts: number; lastError: string | null; nextAttemptAt: string | null; status: 'dead' | 'pending';
}

const VIEWS = { dead: '已停止重试', retrying: '正在重试' } as const;
type View = keyof typeof VIEWS;

export function TimersPage() {
  const [view, setView] = useState<View>('dead');
  const list = useApi<{ items: FailedTimer[] }>(`/api/admin/timers?status=${view}`);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<number>();

  const retry = async (t: FailedTimer) => {
    setBusy(t.id);
    setError(undefined);
    try {
      await api.post(`/api/admin/timers/${t.id}/retry`);
      setNote(`已重新安排 ${t.caseNumber} 的定时任务，将在下一次轮询时执行。`);
      list.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <Breadcrumbs items={[{ title: '系统管理', to: '/admin' }, { title: '定时任务' }]} />
      <Panel title="失败的定时任务" extra={<span className="muted small">到期自动办理（如公示期满、逾期督办）执行失败时，系统会间隔加倍地重试；多次失败后停止重试，在此处理</span>}>
        <div className="segmented" role="radiogroup" aria-label="显示">
          {(Object.keys(VIEWS) as View[]).map((v) => (
            <label key={v} className={`segment ${view === v ? 'on' : ''}`}>
              <input type="radio" name="timer-view" checked={view === v} onChange={() => { setView(v); setNote(undefined); }} />
              {VIEWS[v]}
            </label>
          ))}
        </div>
        {note && <Alert kind="success" onClose={() => setNote(undefined)}>{note}</Alert>}
        {error && <Alert kind="error" onClose={() => setError(undefined)}>{error}</Alert>}
        {list.error && <ErrorAlert error={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <ScrollRegion label="定时任务列表">
            <table className="grid-table zebra timers-table">
              <thead>
                <tr><th scope="col">业务编号</th><th scope="col">业务</th><th scope="col">所在环节</th><th scope="col">原定时间</th><th scope="col">已尝试</th><th scope="col">{view === 'dead' ? '最后一次错误' : '最后一次错误 / 下次尝试'}</th>{view === 'dead' && <th scope="col">操作</th>}</tr>
              </thead>
              <tbody>
                {list.data.items.map((t) => (
                  <tr key={t.id}>
                    <td className="nowrap"><Link to={`/workspace/cases/${t.caseId}`}>{t.caseNumber}</Link></td>
                    <td>{t.typeTitle}{t.caseTitle ? <div className="muted small">{t.caseTitle}</div> : null}</td>
                    <td>{t.stateTitle}</td>
                    <td className="nowrap">{t.dueAt ? formatDateTime(t.dueAt) : ''}</td>
                    <td>{t.attempts} 次</td>
                    <td className="timer-error">{t.lastError ?? '—'}{t.nextAttemptAt && <div className="muted small">下次尝试：{formatDateTime(t.nextAttemptAt)}</div>}</td>
                    {view === 'dead' && <td><button type="button" className="btn btn-sm btn-primary" disabled={busy === t.id} onClick={() => void retry(t)}>{busy === t.id ? '正在重试…' : '重试'}</button></td>}
                  </tr>
                ))}
                {list.data.items.length === 0 && <tr><td colSpan={view === 'dead' ? 7 : 6} className="empty-row">{view === 'dead' ? '没有停止重试的定时任务' : '没有正在重试的定时任务'}</td></tr>}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Panel>
    </>
  );
}
