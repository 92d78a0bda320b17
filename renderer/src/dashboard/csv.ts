// The dashboard's CSV download. Spreadsheet programs run a cell that begins with = + - @ (or a
// tab or carriage return, which they skip first) as a formula: a case title such as
// =HYPERLINK("http://…") or =cmd|'/c calc'!A1 would run on the officer's machine. Such text
// cells get a leading apostrophe, which Excel and WPS show as plain text (OWASP's advice for CSV
// injection); numbers, negative ones included, are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: neutralised when it could be read as a formula, quoted when needed. */
export function csvCell(v: string | number | null | undefined): string {
  if (typeof v === 'number') return String(v);
  let s = String(v ?? '');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The file's text: UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF rows. */
export function csvText(rows: Array<Array<string | number>>): string {
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
}

/** A CSV download Excel opens correctly. */
export function downloadCsv(name: string, rows: Array<Array<string | number>>): void {
  const url = URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
