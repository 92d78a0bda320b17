// 办理记录: every step of the case, who, when, what and the opinion — from the event log.
import type { HistoryEntry, WorkflowConfig } from '../api/model';
import { eventTitles, stateTitleOf } from '../workflow/graph';
import { formatDateTime } from '../ui/format';
import { ScrollRegion } from '../ui/ScrollRegion';

function Opinion({ payload }: { payload: HistoryEntry['payload'] }) {
  if (!payload) return null;
  const opinion = typeof payload.opinion === 'string' ? payload.opinion : undefined;
  const items = Array.isArray(payload.items) ? (payload.items as unknown[]).filter((x) => typeof x === 'string') as string[] : [];
  const other = Object.entries(payload).filter(([k, v]) => k !== 'opinion' && k !== 'items' && (typeof v === 'string' || typeof v === 'number'));
  return (
    <>
      {opinion && <div>{opinion}</div>}
      {items.length > 0 && <ol className="notice-items small">{items.map((it, i) => <li key={i}>{it}</li>)}</ol>}
      {other.map(([k, v]) => <div key={k} className="muted">{k}：{String(v)}</div>)}
    </>
  );
}

export function HistoryTable({ history, workflow }: { history: HistoryEntry[]; workflow?: WorkflowConfig }) {
  const titles = workflow ? eventTitles(workflow) : new Map<string, string>();
  return (
    <ScrollRegion label="办理记录">
      <table className="grid-table history">
        <caption className="sr-only">办理记录</caption>
        <thead>
          <tr><th scope="col">序号</th><th scope="col">时间</th><th scope="col">办理人</th><th scope="col">操作</th><th scope="col">环节</th><th scope="col">意见</th></tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={h.id}>
              <td>{i + 1}</td>
              <td className="nowrap">{formatDateTime(h.createdAt)}</td>
              <td>{h.actorName ?? (h.actorId ? `用户 ${h.actorId}` : '系统')}</td>
              <td>{titles.get(h.event) ?? (h.event.startsWith('xstate.after') ? '期满自动流转' : h.event)}</td>
              <td className="nowrap">
                {workflow && h.fromState ? `${stateTitleOf(workflow, h.fromState)} → ` : ''}{workflow ? stateTitleOf(workflow, h.toState) : h.toState}
              </td>
              <td><Opinion payload={h.payload} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
