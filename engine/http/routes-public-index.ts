// What the portal needs to draw itself without knowing any business by name:
// GET /api/public/registers — the public registers, each with its public fields' Chinese titles and
// schemas (from the forms whose workflows write into it through registerEntry);
// GET /api/public/services — the businesses that can be done online (办事指南);
// GET /api/public/publicity/:caseId/objection-form — the form an 异议 on that case is lodged with;
// GET /api/public/services/:id — the form of a business the public may file without an account.
import type { EnginePlugin } from './plugin.js';
import { AppError } from '../errors.js';
import { DEFAULT_OBJECTION_FORM, takesObjections } from '../runtime/index.js';
import type { JsonSchema, TypeVersionDef } from '../registry/index.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Does any action anywhere in this workflow write into `register`? */
function writesInto(node: unknown, register: string): boolean {
  if (Array.isArray(node)) return node.some((n) => writesInto(n, register));
  if (!isObj(node)) return false;
  if (node.type === 'registerEntry' && isObj(node.params) && node.params.register === register) return true;
  return Object.values(node).some((v) => writesInto(v, register));
}

function fieldsOf(register: string, publicFields: string[], types: TypeVersionDef[]) {
  const sources = types.filter((t) => writesInto(t.workflow, register));
  return publicFields.map((name) => {
    for (const t of sources) {
      const props = (t.schema as JsonSchema).properties;
      const schema = isObj(props) ? props[name] : undefined;
      if (isObj(schema)) return { name, title: typeof schema.title === 'string' ? schema.title : name, schema };
    }
    return { name, title: name, schema: {} };
  });
}

export const publicIndexRoutes: EnginePlugin = async (app, { engine }) => {
  app.get('/api/public/registers', {
    schema: { tags: ['public'], summary: '公开名录索引：名录名称、标题与公开字段（含字段中文名）' },
  }, async () => {
    const types = engine.registry.list();
    const registers = Object.entries(engine.registry.registers)
      .filter(([, def]) => def.public)
      .map(([name, def]) => ({ name, title: def.title, fields: fieldsOf(name, def.publicFields ?? [], types) }));
    return { registers };
  });

  // 办事指南: which businesses can be done online, by whom, and their steps (state titles).
  app.get('/api/public/services', {
    schema: { tags: ['public'], summary: '可网上办理的业务（办事指南）：名称、说明、办理对象、办理环节' },
  }, async () => {
    await engine.registry.refresh({ maxAgeMs: 5000 });
    const items = engine.registry.list()
      .filter((t) => !t.settings.registration)
      .sort((a, b) => (a.settings.order ?? 100) - (b.settings.order ?? 100))
      .map((t) => ({
        id: t.id, title: t.settings.title, description: t.settings.description ?? '', menu: t.settings.menu ?? null,
        starters: t.settings.starters,
        // Anyone may file it on the portal without an account (POST /api/public/cases).
        publicStart: !!t.settings.publicStart,
        steps: Object.values(t.workflow.states ?? {})
          .map((s) => (isObj(s) && isObj(s.meta) && typeof s.meta.title === 'string' ? s.meta.title : null))
          .filter((x): x is string => !!x),
      }));
    return { items };
  });

  app.get<{ Params: { caseId: number } }>('/api/public/publicity/:caseId/objection-form', {
    schema: {
      tags: ['public'], summary: '对某条公示提出异议时填写的表单（JSON Schema）',
      params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'integer', minimum: 1 } } },
    },
  }, async (req) => {
    const row = await engine.db.models.Case.findByPk(req.params.caseId, { attributes: ['typeId', 'typeVersion', 'status'], raw: true });
    const def = row && row.status === 'active' ? await engine.registry.get(row.typeId as string, row.typeVersion as number).catch(() => undefined) : undefined;
    const name = (def?.settings.objectionForm as string | undefined) ?? DEFAULT_OBJECTION_FORM;
    // A publication for reading only (settings.objections false) has no form to offer.
    const form = def && takesObjections(engine, def) && engine.registry.decisionForms[name];
    if (!form) throw new AppError('NOT_FOUND', { what: '异议表单' });
    return { name, schema: form };
  });

  // The form of a business the public files without an account, with its workflow (so the portal
  // can name the steps when the filer follows the case with its 查询码).
  app.get<{ Params: { id: string } }>('/api/public/services/:id', {
    schema: {
      tags: ['public'], summary: '无需登录即可办理的业务（如投诉）的表单与流程',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
    },
  }, async (req) => {
    await engine.registry.refresh({ maxAgeMs: 5000 });
    const d = engine.registry.current(req.params.id);
    if (!d || !d.settings.publicStart) throw new AppError('NOT_FOUND', { what: `公众可办理的业务 ${req.params.id}` });
    return {
      id: d.id, version: d.version, title: d.settings.title, description: d.settings.description ?? '',
      schema: d.schema, uiSchema: d.uiSchema, workflow: d.workflow, delays: d.settings.delays ?? {},
    };
  });
};
