// Paging under every list: 共 N 条, page numbers, previous / next.

interface Props {
  total: number;
  /** The server stopped counting at total: there are at least that many. */
  capped?: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

export function Pager({ total, capped, page, pageSize, onPage }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const around = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const list = [...around].sort((a, b) => a - b);
  return (
    <nav className="pager" aria-label="分页">
      <span className="pager-total">{capped ? `${total} 条以上` : `共 ${total} 条`}</span>
      <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>上一页</button>
      {list.map((p, i) => (
        <span key={p}>
          {i > 0 && p - list[i - 1] > 1 && <span className="pager-gap">…</span>}
          <button type="button" className={`btn btn-sm ${p === page ? 'btn-primary' : ''}`} aria-current={p === page ? 'page' : undefined} onClick={() => onPage(p)}>{p}</button>
        </span>
      ))}
      <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>下一页</button>
    </nav>
  );
}
