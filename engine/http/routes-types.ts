// Types the caller may start or see, and one type's current definition.
import { AppError } from '../errors.js';
import type { EnginePlugin } from './plugin.js';
import { requireUser } from '../auth/index.js';
import { roleList, vocabulary, type TypeVersionDef } from '../registry/index.js';
import { resolvePrefill } from '../runtime/index.js';

const summary = (d: TypeVersionDef, role: string | null) => ({
  id: d.id, version: d.version, title: d.settings.title, description: d.settings.description ?? '',
  menu: d.settings.menu ?? null, menuTitle: d.settings.menuTitle ?? d.settings.title, order: d.settings.order ?? 100, canStart: !!role && d.settings.starters.includes(role),
  listColumns: d.settings.listColumns ?? [],
  listLinks: d.settings.listLinks ?? [],
});

export const typeRoutes: EnginePlugin = async (app, { engine }) => {
  const refresh = async () => {
    // Another server may have published a version; re-reading "current" is one small query.
    await engine.registry.refresh();
  };

  app.get('/api/types', { schema: { tags: ['types'], summary: '当前用户可办理或可查看的业务类型' } }, async (req) => {
    const user = requireUser(req);
    await refresh();
    const items = engine.registry.list()
      .filter((d) => !d.settings.registration)
      .map((d) => summary(d, user.role))
      // A role whose data says types: startable (业主) lists only what it may start.
      .filter((t) => t.canStart || engine.registry.roles[user.role]?.types !== 'startable')
      .sort((a, b) => a.order - b.order);
    return { items };
  });

  app.get<{ Params: { id: string } }>('/api/types/:id', { schema: { tags: ['types'], summary: '业务类型当前版本：表单、界面、流程、设置、示例' } }, async (req) => {
    requireUser(req);
    await refresh();
    const d = engine.registry.current(req.params.id);
    if (!d) throw new AppError('NOT_FOUND', { what: `业务类型 ${req.params.id}` });
    return {
      ...summary(d, req.user!.role),
      schema: d.schema, uiSchema: d.uiSchema, workflow: d.workflow, settings: d.settings,
      examples: d.schema.examples ?? [], prints: Object.keys(d.prints),
      decisionForms: engine.registry.decisionForms,
      // settings.prefill resolved for the caller's organisation: the values a new form opens with.
      prefill: await resolvePrefill(engine, d, req.user!),
    };
  });

  // A case stays on the version it started with: its page draws that version's workflow.
  app.get<{ Params: { id: string; version: string } }>('/api/types/:id/versions/:version', {
    schema: { tags: ['types'], summary: '业务类型的某一版本：表单、界面、流程、设置' },
  }, async (req) => {
    requireUser(req);
    const version = Number(req.params.version);
    const d = Number.isInteger(version) && version > 0 && engine.registry.current(req.params.id)
      ? await engine.registry.get(req.params.id, version).catch(() => undefined) : undefined;
    if (!d) throw new AppError('NOT_FOUND', { what: `业务类型 ${req.params.id} 的版本 ${req.params.version}` });
    return {
      ...summary(d, req.user!.role),
      schema: d.schema, uiSchema: d.uiSchema, workflow: d.workflow, settings: d.settings, prints: Object.keys(d.prints),
    };
  });

  app.get('/api/vocabulary', { schema: { tags: ['types'], summary: '流程定义可用的角色、条件、动作、规则、决定表单' } }, async (req) => {
    requireUser(req);
    return vocabulary(Object.keys(engine.registry.decisionForms), Object.keys(engine.registry.registers), engine.registry.roles, engine.registry.registers);
  });

  app.get('/api/districts', { schema: { tags: ['public'], summary: '区县与街道' } }, async () => {
    const rows = await engine.db.models.District.findAll({ order: [['code', 'ASC']], raw: true });
    return { items: rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode, level: r.level })) };
  });

  // Public: the portal's login and registration tabs are titled from it before anyone logs in.
  app.get('/api/roles', { schema: { tags: ['public'], summary: '角色：名称、类别（管理部门/机构/个人/系统管理员）、可见范围、登录后首页' } }, async () => ({
    items: roleList(engine.registry.roles).map((r) => ({
      id: r.id, title: r.title, tabTitle: r.tabTitle ?? null, kind: r.kind, scope: r.scope, home: r.home, types: r.types ?? 'all',
    })),
  }));
};
