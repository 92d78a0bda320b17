// The page around a print template's output: A4, Chinese fonts, tables that break across pages
// cleanly (the header row repeats, rows are not split), and a Content-Security-Policy that lets
// nothing run or load — the document only ever shows escaped data and data: images. Also the
// footer Chromium draws on every page (business number, page X of Y).

const BASE_CSS = `
@page { size: A4; margin: 16mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.45; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 19pt; text-align: center; letter-spacing: 0.3em; margin: 3mm 0 4mm; font-weight: bold; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 2mm 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; background: #f2f2f2; }
table.form th { width: 24%; }
table.form.fixed { table-layout: fixed; } /* columns line up from one section's table to the next */
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, .keep { page-break-inside: avoid; break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.center { text-align: center; }
.muted { color: #555; }
.qr { display: block; }
table.list { font-size: 9pt; line-height: 1.35; }
table.list th, table.list td { padding: 1mm 1.2mm; }
table.list th { text-align: center; vertical-align: middle; }
.nowrap { white-space: nowrap; }
.promise { margin-top: 4mm; text-indent: 2em; }
`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

export const PRINT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

/** A whole HTML document around a rendered template body. */
export function printDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<title>${esc(title)}</title>
<style>${BASE_CSS}</style>
</head><body>
${body}
</body></html>`;
}

/** Chromium's footer: the business number and 第 X 页 共 Y 页 (pageNumber/totalPages are filled in by Chromium). */
export function footerTemplate(number: string): string {
  return `<div style="width:100%;font-size:8pt;font-family:'Noto Sans CJK SC',sans-serif;color:#444;padding:0 16mm;display:flex;justify-content:space-between;">`
    + `<span>业务编号：${esc(number)}</span><span>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</span></div>`;
}

export const PDF_MARGIN = { top: '16mm', right: '16mm', bottom: '18mm', left: '16mm' };
