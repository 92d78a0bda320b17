// Printing a case: GET /api/cases/:id/print/:template answers the PDF (Chromium), or the HTML
// with ?format=html. Only those who may see the case may print it (others get 404). Without a
// browser the server still runs: PDF answers 503 PDF_UNAVAILABLE with the reason, HTML works.
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../context.js';
import { requireUser } from '../auth/index.js';
import { checkPdfAvailability, htmlToPdf, printHtml, PRINT_CSP } from '../print/index.js';
import { contentDisposition } from './disposition.js';

export async function printRoutes(app: FastifyInstance, engine: Engine) {
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
  });
}
