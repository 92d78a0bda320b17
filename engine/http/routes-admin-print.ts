// POST /api/admin/print-preview: the console's print template editor renders a template of a draft
// type on sample data, as HTML (for the live preview) or as a PDF (the same Chromium pool and page
// as a real print). Nothing is stored and no case is read: the context is made up from the sample
// data and the workflow (every event of every task appears in the history with a sample opinion),
// so a template that prints 受理意见 or 备案日期 shows something. Admins only.
import { AppError } from '../errors.js';
import type { Engine } from '../context.js';
import type { EnginePlugin } from './plugin.js';
import { requireRole } from '../auth/index.js';
import { getPointer, type TypeBundle, type TypeVersionDef } from '../registry/index.js';
import { htmlToPdf, renderPrint, PRINT_CSP, type PrintHistoryItem } from '../print/index.js';
import { contentDisposition } from './disposition.js';

interface PreviewBody {
  bundle: Partial<TypeBundle> & { id?: string };
  template: string;
  data?: Record<string, unknown>;
  format?: 'html' | 'pdf';
}

type Node = { states?: Record<string, Node>; meta?: { title?: string; tasks?: Array<{ events?: Record<string, { title?: string }> }> }; on?: Record<string, unknown> };

/** Every task event of the workflow, in the order the states are written, as a finished history. */
function sampleHistory(workflow: unknown, at: string): PrintHistoryItem[] {
  const out: PrintHistoryItem[] = [{ event: 'CREATE', title: '创建', actorName: '示例申请人', at, opinion: '', items: [], fromState: null, toState: null }];
  const walk = (node: Node | undefined, path: string) => {
    for (const task of node?.meta?.tasks ?? []) {
      for (const [event, def] of Object.entries(task.events ?? {})) {
        const title = def?.title ?? event;
        out.push({ event, title, actorName: '示例办理人', at, opinion: `（示例）${title}意见`, items: ['（示例）需补正的事项'], fromState: path || null, toState: null });
      }
    }
    for (const [key, child] of Object.entries(node?.states ?? {})) walk(child, path ? `${path}.${key}` : key);
  };
  walk(workflow as Node, '');
  return out;
}

async function sampleContext(engine: Engine, def: TypeVersionDef, template: string, data: Record<string, unknown>) {
  const now = new Date().toISOString();
  const districts = await engine.db.models.District.findAll({ attributes: ['code', 'name', 'level'], raw: true });
  const names: Record<string, string> = Object.fromEntries(districts.map((d) => [d.code as string, d.name as string]));
  const scope = def.settings.scope ?? {};
  const fromData = (p?: string) => (p ? getPointer(data, p) : undefined);
  const district = String(fromData(scope.district) ?? districts.find((d) => d.level === 'district')?.code ?? '');
  const street = String(fromData(scope.street) ?? '');
  const history = sampleHistory(def.workflow, now);
  const events: Record<string, PrintHistoryItem> = {};
  for (const h of history) events[h.event] = h;
  const number = `${def.settings.numberPrefix || 'YL'}-${now.slice(0, 4)}-000001`;
  const title = (def.settings.prints as Record<string, { title?: string }> | undefined)?.[template]?.title ?? template;
  const states = Object.entries((def.workflow.states ?? {}) as Record<string, Node & { type?: string }>);
  const final = states.find(([, s]) => s.type === 'final') ?? states[states.length - 1];
  return {
    title,
    number,
    context: {
      case: {
        id: 0, number, title: String(fromData(def.settings.titleField) ?? ''), state: final?.[0] ?? '', stateTitle: final?.[1].meta?.title ?? '',
        status: 'closed', createdAt: now, submittedAt: now, closedAt: now, version: 1,
      },
      data,
      type: { id: def.id, title: def.settings.title },
      org: { name: '（示例）申请单位', code: '91440604MA4UJ5RW2R', kind: def.settings.starters?.[0] ?? '' },
      history,
      events,
      district: { code: district, name: names[district] ?? '' },
      street: { code: street, name: names[street] ?? '' },
      names,
      printedAt: now,
      print: { name: template, title },
    },
  };
}

export const adminPrintRoutes: EnginePlugin = async (app, { engine }) => {
  app.post<{ Body: PreviewBody }>('/print-preview', {
    // Admins only, checked before the body is read (a non-admin gets 403, not a validation error).
    onRequest: async (req) => { requireRole(req, 'admin'); },
    schema: {
      tags: ['admin'], summary: '打印模板预览：按示例数据渲染草稿中的模板（HTML 或 PDF），不保存',
      body: {
        type: 'object', required: ['bundle', 'template'],
        properties: {
          bundle: { type: 'object', required: ['prints', 'settings', 'workflow'], properties: { prints: { type: 'object' }, settings: { type: 'object' }, workflow: { type: 'object' }, schema: { type: 'object' } } },
          template: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
          data: { type: 'object' },
          format: { type: 'string', enum: ['html', 'pdf'] },
        },
      },
    },
  }, async (req, reply) => {
    const { bundle, template, format = 'html' } = req.body;
    const id = typeof bundle.id === 'string' && bundle.id ? bundle.id : 'draft-type';
    const prints = bundle.prints as Record<string, unknown>;
    if (typeof prints[template] !== 'string') throw new AppError('NOT_FOUND', { what: `打印模板「${template}」` });
    // A fresh definition object per request: the renderer caches compiled templates per object.
    const def: TypeVersionDef = {
      id, version: 0, schema: bundle.schema ?? {}, uiSchema: bundle.uiSchema ?? {}, workflow: bundle.workflow!, settings: bundle.settings!,
      prints: prints as Record<string, string>,
    };
    const data = req.body.data ?? (def.schema.examples?.[0] as Record<string, unknown> | undefined) ?? {};
    const { title, number, context } = await sampleContext(engine, def, template, data);
    let html: string;
    try {
      html = renderPrint(def, template, engine.registry.partials, context, `${title}（预览）`);
    } catch (err) {
      // The administrator's template, not the engine, is at fault: answer it as a definition problem.
      const reason = (err as Error).message.replace(/^打印模板「[^」]*」有误：/, '');
      const detail = { file: `${id}#prints/${template}`, path: '/', message: reason };
      throw new AppError('DEF_INVALID', { file: detail.file, path: '/', reason }, [detail]);
    }
    reply.header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
    if (format === 'html') return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', PRINT_CSP).send(html);
    const pdf = await htmlToPdf(engine, { html, title, number });
    return reply.type('application/pdf').header('Content-Disposition', contentDisposition(`${title}（预览）.pdf`, 'inline')).send(pdf);
  });
};
