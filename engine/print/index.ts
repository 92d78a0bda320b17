// Public surface of printing: templates to HTML, HTML to PDF in the shared Chromium pool.
export { HELPERS, formatDate, yesno, money, number, percent, seq, join, districtName, qr } from './helpers.js';
export { qrSvg, qrDataUri } from './qr.js';
export { printDocument, footerTemplate, PDF_MARGIN, PRINT_CSP } from './document.js';
export { renderPrint, compilePrints } from './render.js';
export { printContext, type PrintCase, type PrintHistoryItem } from './context.js';
export { BrowserPool, PdfUnavailable, CHROMIUM_ARGS, type PoolOptions, type PdfJob } from './browser-pool.js';
export { printHtml, htmlToPdf, printPool, checkPdfAvailability, closePrintPool, printTitle, type Printed } from './print-service.js';
