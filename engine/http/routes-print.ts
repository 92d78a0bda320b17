// Printing a case: GET /api/cases/:id/print/:template answers the PDF (Chromium), or the HTML
// with ?format=html. Only those who may see the case may print it (others get 404). Without a
// browser the server still runs: PDF answers 503 PDF_UNAVAILABLE with the reason, HTML works.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { checkPdfAvailability, htmlToPdf, printHtml, PRINT_CSP } from '../print/index.js';
import { contentDisposition } from './disposition.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A print is opened in a new browser tab: a refusal (not printable in this state, not found, PDF
 * unavailable) is then a short Chinese page, never the API's JSON. Programs (no text/html in
 * Accept) still get the error as JSON.
 */
function refuseAsPage(req: FastifyRequest, reply: FastifyReply, err: unknown): boolean {
  if (!(err instanceof AppError) || !/text\/html/.test(String(req.headers.accept ?? ''))) return false;
  void reply.code(err.status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>无法打印</title><body style="font-family:sans-serif;max-width:40em;margin:4em auto;color:#333"><h1 style="font-size:20px">无法打印</h1><p>${escapeHtml(err.message)}</p><p>请关闭此页，返回办理页面。</p></body></html>`);
  return true;
}

export const printRoutes: EnginePlugin = async (app, { engine }) => {
  const reason = checkPdfAvailability(engine);
  if (reason) app.log.warn(`PDF 打印不可用：${reason}（HTML 打印仍可用）`);

  app.get<{ Params: { id: number; template: string }; Querystring: { format?: 'pdf' | 'html' } }>('/api/cases/:id/print/:template', {
    schema: {
      tags: ['print'], summary: '打印业务单（PDF；?format=html 为 HTML）',
      params: {
        type: 'object', required: ['id', 'template'],
        properties: { id: { type: 'integer', minimum: 1 }, template: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } },
      },
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['pdf', 'html'] } } },
    },
  }, async (req, reply) => {
    try {
      return await printCase(req, reply);
    } catch (err) {
      if (refuseAsPage(req, reply, err)) return reply;
      throw err;
    }
  });

  async function printCase(req: FastifyRequest<{ Params: { id: number; template: string }; Querystring: { format?: 'pdf' | 'html' } }>, reply: FastifyReply) {
    const user = requireUser(req);
    const printed = await printHtml(engine, user, req.params.id, req.params.template);
    reply.header('Cache-Control', 'private, no-store').header('X-Content-Type-Options', 'nosniff');
    if (req.query.format === 'html') {
      return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', PRINT_CSP).send(printed.html);
    }
    const pdf = await htmlToPdf(engine, printed);
    return reply.type('application/pdf')
      .header('Content-Disposition', contentDisposition(`${printed.title}-${printed.number}.pdf`, 'inline'))
      .send(pdf);
  }
};
