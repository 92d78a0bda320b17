// Printing one case: who may (whoever may see the case), when (the states the type's settings
// allow for that print, by default any state that is not an editable draft), the HTML from the
// template, and the PDF from the server's shared browser pool.
import type { Engine } from '../context.js';
import type { SessionUser } from '../auth/types.js';
import { AppError } from '../errors.js';
import { printAllowedNow, printTitle } from '../runtime/index.js';
import { BrowserPool, PdfUnavailable } from './browser-pool.js';
import { printContext } from './context.js';
import { footerTemplate, PDF_MARGIN } from './document.js';
import { renderPrint } from './render.js';

const pools = new WeakMap<Engine, BrowserPool>();

/** This server's browser pool (created on first use; the browser itself starts on the first PDF). */
export function printPool(engine: Engine): BrowserPool {
  let pool = pools.get(engine);
  if (!pool) {
    pool = new BrowserPool({
      executablePath: engine.config.chromiumPath, pages: engine.config.printPages, timeoutMs: engine.config.printTimeoutMs,
      onStatus: (status) => { engine.status.pdf = status; },
    });
    pools.set(engine, pool);
  }
  return pool;
}

/** At start: PDF is 'unavailable' when there is no Chromium, else 'unknown' until the first PDF. */
export function checkPdfAvailability(engine: Engine): string | undefined {
  const reason = printPool(engine).unavailableReason();
  engine.status.pdf = reason ? 'unavailable' : engine.status.pdf === 'ready' ? 'ready' : 'unknown';
  return reason;
}

export async function closePrintPool(engine: Engine): Promise<void> {
  await pools.get(engine)?.close();
  pools.delete(engine);
}

export { printTitle };

export interface Printed {
  html: string;
  title: string;
  number: string;
}

/** The print as HTML, after checking the caller may see the case and the state allows it. */
export async function printHtml(engine: Engine, user: SessionUser, caseId: number, name: string): Promise<Printed> {
  const { def, view, context } = await printContext(engine, user, caseId);
  if (!Object.hasOwn(def.prints, name)) throw new AppError('NOT_FOUND', { what: `打印模板「${name}」` });
  const title = printTitle(def, name);
  if (!printAllowedNow(def, name, String(view.state).split(','))) throw new AppError('PRINT_NOT_AVAILABLE', { state: view.stateTitle, title });
  const number = view.number as string;
  const html = renderPrint(def, name, engine.registry.partials, { ...context, print: { name, title } }, `${title} ${number}`);
  return { html, title, number };
}

/** Renders HTML to an A4 PDF with the business number and page numbers in the footer. */
export async function htmlToPdf(engine: Engine, printed: Printed): Promise<Buffer> {
  const pool = printPool(engine);
  try {
    return await pool.pdf({ html: printed.html, footerTemplate: footerTemplate(printed.number), margin: PDF_MARGIN });
  } catch (err) {
    if (err instanceof PdfUnavailable) throw new AppError('PDF_UNAVAILABLE', { reason: err.message });
    throw new AppError('PDF_UNAVAILABLE', { reason: `Chromium 出错：${(err as Error).message.split('\n')[0].slice(0, 200)}` });
  }
}
