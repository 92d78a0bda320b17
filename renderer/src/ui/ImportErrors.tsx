// The rows an Excel import refused, as the server lists them (row, column, value typed, reason):
// shared by the table imports inside a form and the list pages' 导入.
export interface CellError { row?: number; column?: string; field?: string; value?: unknown; message: string }

export function ImportErrors({ errors, showValue = false }: { errors: CellError[]; showValue?: boolean }) {
  if (!errors.length) return null;
  return (
    <table className="grid-table compact">
      <thead><tr><th scope="col">行</th><th scope="col">列</th>{showValue && <th scope="col">填写值</th>}<th scope="col">原因</th></tr></thead>
      <tbody>
        {errors.slice(0, 200).map((e, i) => (
          <tr key={i}><td>{e.row ?? ''}</td><td>{e.column ?? e.field ?? ''}</td>{showValue && <td>{e.value === undefined || e.value === null ? '' : String(e.value)}</td>}<td>{e.message}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** Columns an import left out (not in the template, no header): the rows were taken, these were not. */
export function ImportWarnings({ warnings }: { warnings: CellError[] }) {
  if (!warnings.length) return null;
  return (
    <div className="import-warnings">
      <strong>请注意，以下列未导入：</strong>
      <ul>{warnings.slice(0, 50).map((w, i) => <li key={i}>{w.message}</li>)}</ul>
    </div>
  );
}
