// 打印申请表 / 受理通知书 / 备案证明 …: the prints the case's current state allows (the case view's
// `prints`, decided by the server from the type's settings), each opened in a new tab. A print
// the state does not allow yet is not offered at all, so a click never lands on an error.

export function PrintLinks({ caseId, prints, only }: { caseId: number; prints?: Array<{ name: string; title: string }>; only?: number }) {
  const shown = (prints ?? []).slice(0, only);
  if (!shown.length) return null;
  return (
    <span className="print-links">
      {shown.map((p, i) => (
        <a key={p.name} className={`btn btn-sm ${i === 0 ? 'btn-outline' : ''}`} href={`/api/cases/${caseId}/print/${encodeURIComponent(p.name)}`} target="_blank" rel="noreferrer">
          打印{p.title}
        </a>
      ))}
    </span>
  );
}
