// /api/admin: the console's API. Admins only (every route, checked in admin-area.ts's hook); every change is
// written to the audit log. Drafts are kept per type; publishing lints and creates a new immutable
// version; rollback publishes an older version's content again.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireRole } from '../auth/index.js';
import { vocabulary, type TypeBundle } from '../registry/index.js';
import {
  audit, auditPage, diffJson, discardDraft, exportBundle, importBundle, listTypes, pathCoverage, readDraft, saveDraft, simulate, toBundle,
} from '../admin/index.js';
import { PAGE_PARAM } from './request-guards.js';

const bundleBody = {
  type: 'object', required: ['schema', 'workflow', 'settings'],
  properties: { schema: { type: 'object' }, uiSchema: { type: 'object' }, workflow: { type: 'object' }, settings: { type: 'object' }, prints: { type: 'object' } },
};
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } } };

export const adminRoutes: EnginePlugin = async (app, { engine }) => {
  const draftOf = (id: string) => readDraft(engine, id);

  app.get('/types', { schema: { tags: ['admin'], summary: '全部业务类型：版本、当前版本、各版本在办业务数' } }, async () => ({ items: await listTypes(engine) }));

  app.get<{ Params: { id: string; version: number } }>('/types/:id/versions/:version', {
    schema: { tags: ['admin'], summary: '某一版本的完整定义', params: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } } },
  }, async (req) => {
    try {
      return await engine.registry.get(req.params.id, req.params.version);
    } catch {
      throw new AppError('NOT_FOUND', { what: `版本 ${req.params.version}` });
    }
  });

  app.get<{ Params: { id: string } }>('/types/:id/draft', { schema: { tags: ['admin'], summary: '草稿（无草稿时为当前版本）', params: idParam } }, async (req) => {
    const draft = await draftOf(req.params.id);
    const current = engine.registry.current(req.params.id);
    if (!draft && !current) throw new AppError('NOT_FOUND', { what: `业务类型 ${req.params.id}` });
    const bundle = draft ?? toBundle(req.params.id, current!);
    return { bundle, isDraft: !!draft, problems: engine.registry.lint(bundle) };
  });

  app.put<{ Params: { id: string }; Body: Partial<TypeBundle> }>('/types/:id/draft', {
    schema: { tags: ['admin'], summary: '保存草稿（可保存有问题的草稿，发布时必须通过检查）', params: idParam, body: bundleBody },
  }, async (req) => {
    const user = requireRole(req, 'admin');
    const bundle = toBundle(req.params.id, req.body);
    await saveDraft(engine, bundle, user.id);
    await audit(engine, user.id, 'draft.save', req.params.id);
    return { bundle, problems: engine.registry.lint(bundle) };
  });

  app.delete<{ Params: { id: string } }>('/types/:id/draft', { schema: { tags: ['admin'], summary: '放弃草稿', params: idParam } }, async (req) => {
    const user = requireRole(req, 'admin');
    await discardDraft(engine, req.params.id);
    await audit(engine, user.id, 'draft.discard', req.params.id);
    return { ok: true };
  });

  // selfTest: also run the form self-test, as publishing does (the console's check asks for it).
  const lintBody = { ...bundleBody, properties: { ...bundleBody.properties, selfTest: { type: 'boolean' } } };
  app.post<{ Body: Partial<TypeBundle> & { id?: string; selfTest?: boolean } }>('/lint', { schema: { tags: ['admin'], summary: '检查定义（selfTest: 同时做发布时的表单自检）', body: lintBody } }, async (req) => {
    return { problems: engine.registry.lint(toBundle(req.body.id ?? 'draft-type', req.body), { selfTest: req.body.selfTest === true }) };
  });

  app.post<{ Body: { bundle: Partial<TypeBundle> & { id?: string }; data?: unknown; events?: Array<{ event: string; decision?: unknown }> } }>('/simulate', {
    schema: {
      tags: ['admin'], summary: '模拟运行：按示例数据逐步走流程，显示各环节产生的待办',
      body: { type: 'object', required: ['bundle'], properties: { bundle: bundleBody, data: { type: 'object' }, events: { type: 'array', maxItems: 100, items: { type: 'object', required: ['event'], properties: { event: { type: 'string' }, decision: { type: 'object' } } } } } },
    },
  }, async (req) => {
    const bundle = toBundle(req.body.bundle.id ?? 'draft-type', req.body.bundle);
    const problems = engine.registry.lint(bundle).filter((p) => !p.file.endsWith('#schema') || !p.path.startsWith('/examples'));
    if (problems.length) throw new AppError('DEF_INVALID', { file: problems[0].file, path: problems[0].path, reason: problems[0].message }, problems);
    const data = req.body.data ?? (bundle.schema.examples?.[0] as object | undefined) ?? {};
    return { steps: await simulate(engine, bundle, data, req.body.events ?? []), coverage: pathCoverage(bundle, data) };
  });

  app.post<{ Params: { id: string }; Body: Partial<TypeBundle> | undefined }>('/types/:id/publish', {
    schema: { tags: ['admin'], summary: '发布为新版本（草稿或请求中的定义）；在办业务留在原版本', params: idParam },
  }, async (req) => {
    const user = requireRole(req, 'admin');
    const body = req.body && Object.keys(req.body).length ? toBundle(req.params.id, req.body) : await draftOf(req.params.id);
    if (!body) throw new AppError('NOT_FOUND', { what: '草稿' });
    const def = await engine.registry.publish(body, { userId: user.id, source: 'console' });
    await discardDraft(engine, req.params.id);
    await audit(engine, user.id, 'type.publish', req.params.id, { version: def.version });
    return { id: def.id, version: def.version };
  });

  app.post<{ Params: { id: string }; Body: { version: number } }>('/types/:id/rollback', {
    schema: { tags: ['admin'], summary: '回退：把旧版本的内容再次发布为新版本', params: idParam, body: { type: 'object', required: ['version'], properties: { version: { type: 'integer' } } } },
  }, async (req) => {
    const user = requireRole(req, 'admin');
    const old = await engine.registry.get(req.params.id, req.body.version).catch(() => null);
    if (!old) throw new AppError('NOT_FOUND', { what: `版本 ${req.body.version}` });
    const def = await engine.registry.publish(toBundle(req.params.id, old), { userId: user.id, source: `rollback:${req.body.version}` });
    await audit(engine, user.id, 'type.rollback', req.params.id, { from: req.body.version, version: def.version });
    return { id: def.id, version: def.version };
  });

  app.get<{ Params: { id: string }; Querystring: { from: number; to?: string } }>('/types/:id/diff', {
    schema: { tags: ['admin'], summary: '两个版本（或版本与草稿）的差异', params: idParam, querystring: { type: 'object', required: ['from'], properties: { from: { type: 'integer' }, to: { type: 'string' } } } },
  }, async (req) => {
    const load = async (v: string | number) => {
      if (v === 'draft') return (await draftOf(req.params.id)) ?? (() => { throw new AppError('NOT_FOUND', { what: '草稿' }); })();
      return engine.registry.get(req.params.id, Number(v)).catch(() => { throw new AppError('NOT_FOUND', { what: `版本 ${v}` }); });
    };
    const strip = (b: TypeBundle) => ({ schema: b.schema, uiSchema: b.uiSchema, workflow: b.workflow, settings: b.settings, prints: b.prints });
    const to = req.query.to ?? String(engine.registry.current(req.params.id)?.version ?? req.query.from);
    return { from: req.query.from, to, changes: diffJson(strip(await load(req.query.from)), strip(await load(to))) };
  });

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>('/types/:id/export', {
    schema: { tags: ['admin'], summary: '导出业务类型包（全部版本或某一版本）', params: idParam, querystring: { type: 'object', properties: { version: { type: 'integer' } } } },
  }, async (req, reply) => {
    const file = await exportBundle(engine, req.params.id, req.query.version);
    reply.header('content-disposition', `attachment; filename="${req.params.id}${req.query.version ? `.v${req.query.version}` : ''}.bundle.json"`);
    return file;
  });

  app.post<{ Body: unknown }>('/import', { schema: { tags: ['admin'], summary: '导入业务类型包（与磁盘文件同样检查）', body: { type: 'object' } } }, async (req, reply) => {
    const user = requireRole(req, 'admin');
    const published = await importBundle(engine, req.body, user.id);
    await audit(engine, user.id, 'type.import', (req.body as { id: string }).id, { published });
    reply.status(201);
    return { id: (req.body as { id: string }).id, published };
  });

  app.get('/vocabulary', { schema: { tags: ['admin'], summary: '流程词汇：角色、范围、条件、动作、规则、决定表单（及其表单定义）、名录' } }, async () =>
    ({ ...vocabulary(Object.keys(engine.registry.decisionForms), Object.keys(engine.registry.registers), engine.registry.roles, engine.registry.registers), decisionFormSchemas: engine.registry.decisionForms }));

  app.get<{ Querystring: { page?: number } }>('/audit', {
    schema: { tags: ['admin'], summary: '审计日志', querystring: { type: 'object', properties: { page: PAGE_PARAM } } },
  }, async (req) => {
    const page = req.query.page ?? 1;
    const { rows, count } = await auditPage(engine, page);
    return { total: count, page, items: rows };
  });
};
