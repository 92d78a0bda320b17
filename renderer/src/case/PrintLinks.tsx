// 打印申请表 / 受理通知书 / 备案证明 …: the type's prints (settings.prints), each opened in a new tab.
import type { TypeSettings } from '../api/model';

export function printsOf(settings: TypeSettings | undefined): Array<{ name: string; title: string }> {
  return Object.entries(settings?.prints ?? {}).map(([name, p]) => ({ name, title: p.title }));
}

export function PrintLinks({ caseId, settings, only }: { caseId: number; settings?: TypeSettings; only?: number }) {
  const prints = printsOf(settings).slice(0, only);
  if (!prints.length) return null;
  return (
    <span className="print-links">
      {prints.map((p, i) => (
        <a key={p.name} className={`btn btn-sm ${i === 0 ? 'btn-outline' : ''}`} href={`/api/cases/${caseId}/print/${encodeURIComponent(p.name)}`} target="_blank" rel="noreferrer">
          打印{p.title}
        </a>
      ))}
    </span>
  );
}
