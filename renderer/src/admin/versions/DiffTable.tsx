// The changes between two versions (or a version and the draft): where, what kind, before, after.
import type { DiffEntry } from '../api';
import { Tag } from '../../ui/StatusTag';
import { humanPath } from './diffPaths';
import { ScrollRegion } from '../../ui/ScrollRegion';

const KIND = { added: { title: '新增', tone: 'green' }, removed: { title: '删除', tone: 'red' }, changed: { title: '修改', tone: 'orange' } } as const;

function Value({ v, label }: { v: unknown; label: string }) {
  if (v === undefined) return <span className="muted">—</span>;
  const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  // A long value is cut at a height and scrolls: in a focusable region, like the tables.
  return (
    <ScrollRegion label={label} className="diff-value" axis="both">
      <pre>{text.length > 1200 ? `${text.slice(0, 1200)}\n…（共 ${text.length} 字符）` : text}</pre>
    </ScrollRegion>
  );
}

export function DiffTable({ changes }: { changes: DiffEntry[] }) {
  if (!changes.length) return <div className="empty">两者内容完全相同</div>;
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) counts[c.kind]++;
  return (
    <>
      <p className="diff-summary">共 {changes.length} 处变化：新增 {counts.added} 处，删除 {counts.removed} 处，修改 {counts.changed} 处。</p>
      <ScrollRegion label="版本差异">
        <table className="grid-table diff-table">
          <thead><tr><th scope="col">位置</th><th scope="col">变化</th><th scope="col">原内容</th><th scope="col">新内容</th></tr></thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path} className={`diff-${c.kind}`}>
                <td><div>{humanPath(c.path)}</div><code className="diff-path">{c.path}</code></td>
                <td><Tag tone={KIND[c.kind].tone}>{KIND[c.kind].title}</Tag></td>
                <td className="diff-from"><Value v={c.from} label={`${humanPath(c.path)} 原内容`} /></td>
                <td className="diff-to"><Value v={c.to} label={`${humanPath(c.path)} 新内容`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
