// The pager under a long editable table: previous / next, a page choice, which rows are shown, and
// the pages that hold rows with filling problems (each a button to that page).

interface Props {
  /** The table's title, so that two tables' pagers are told apart by screen readers. */
  title: string;
  /** 0-based. */
  page: number;
  pages: number;
  pageSize: number;
  total: number;
  /** Rows (0-based) with errors. */
  errorRows: number[];
  onPage(page: number): void;
}

export function TablePager({ title, page, pages, pageSize, total, errorRows, onPage }: Props) {
  const first = page * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  const errorPages = [...new Set(errorRows.map((r) => Math.floor(r / pageSize)))];
  return (
    <nav className="pager" aria-label={`${title}分页`}>
      <span className="pager-total" aria-live="polite">第 {first}–{last} 行，共 {total} 行</span>
      {errorPages.length > 0 && (
        <span className="warn-text">
          有填写问题的页：
          {errorPages.slice(0, 10).map((p) => (
            <button key={p} type="button" className="btn btn-sm btn-text-danger" aria-label={`第 ${p + 1} 页有填写问题，转到该页`} onClick={() => onPage(p)}>{p + 1}</button>
          ))}
          {errorPages.length > 10 && '…'}
        </span>
      )}
      <button type="button" className="btn btn-sm" disabled={page <= 0} onClick={() => onPage(page - 1)}>上一页</button>
      <select className="form-control input-sm" aria-label={`${title}页码`} value={page} onChange={(e) => onPage(Number(e.target.value))}>
        {Array.from({ length: pages }, (_, p) => <option key={p} value={p}>第 {p + 1} / {pages} 页</option>)}
      </select>
      <button type="button" className="btn btn-sm" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>下一页</button>
    </nav>
  );
}
