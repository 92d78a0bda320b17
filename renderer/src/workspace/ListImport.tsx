// 下载模版 / 导入 on a register's list page (企业人员管理, 设施设备管理): the template of the whole
// form (GET /api/types/:id/excel-template), filled in Excel, comes back through
// POST /api/types/:id/import-cases — one new record per row, all or nothing. The answer shows in
// the 数据导入结果 panel: the records created with links, or every refused cell (row, column, value,
// reason) so the file can be corrected and imported again. Columns the server left out (not in the
// template) are listed as warnings above the records, so a note column is not lost unnoticed.
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, uploadFile } from '../api/client';
import { Panel } from '../ui/Panel';
import { ImportErrors, ImportWarnings, type CellError } from '../ui/ImportErrors';
import { useFileUpload } from '../ui/useFileUpload';
import { ScrollRegion } from '../ui/ScrollRegion';

interface Created { row: number; id: number; number: string; title: string | null }
type Result = { ok: true; file: string; rows: Created[]; warnings: CellError[] } | { ok: false; file: string; message: string; errors: CellError[] };

export function ListImport({ typeId, title, onImported }: { typeId: string; title: string; onImported(): void }) {
  const [result, setResult] = useState<Result | null>(null);
  const base = `/api/types/${encodeURIComponent(typeId)}`;

  const { input, busy, choose: onFile } = useFileUpload(async (file, onProgress) => {
    setResult(null);
    try {
      const body = await uploadFile(`${base}/import-cases`, file, onProgress).promise as unknown as { rows?: Created[]; warnings?: CellError[] };
      setResult({ ok: true, file: file.name, rows: body.rows ?? [], warnings: body.warnings ?? [] });
      onImported();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
      setResult({ ok: false, file: file.name, message: err.message, errors: Array.isArray(err.details) ? (err.details as CellError[]) : [] });
    }
  });

  return (
    <>
      <div className="excel-tools list-import">
        <a className="btn" href={`${base}/excel-template`} download>下载模版</a>
        <label className="btn btn-primary file-button">
          {busy !== null ? `导入中 ${Math.round(busy * 100)}%` : '导入'}
          <input ref={input} type="file" className="sr-only" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={`从 Excel 导入${title}`} disabled={busy !== null} onChange={(e) => onFile(e.target.files?.[0])} />
        </label>
      </div>
      {result && (
        <Panel title="数据导入结果" id="import-result" className={`import-result-panel ${result.ok ? 'ok' : 'bad'}`}>
          {result.ok ? (
            <div role="status">
              <p>已从「{result.file}」导入 {result.rows.length} 条{title}。</p>
              <ImportWarnings warnings={result.warnings} />
              <ScrollRegion label="导入结果">
                <table className="grid-table compact">
                  <thead><tr><th scope="col">行</th><th scope="col">业务编号</th><th scope="col">名称</th></tr></thead>
                  <tbody>
                    {result.rows.map((r) => <tr key={r.id}><td>{r.row}</td><td><Link to={`/workspace/cases/${r.id}`}>{r.number}</Link></td><td>{r.title ?? ''}</td></tr>)}
                  </tbody>
                </table>
              </ScrollRegion>
            </div>
          ) : (
            <div role="alert">
              <p>「{result.file}」未导入：{result.message}。没有导入任何一行，请按下列提示修改 Excel 后重新导入。</p>
              <ImportErrors errors={result.errors} showValue />
            </div>
          )}
        </Panel>
      )}
    </>
  );
}
