// Read models defined as data (profiles/<name>.json), e.g. 企业信息详情: one endpoint for the whole
// page inside the platform (the organisation itself, departments, admins) and a public variant for
// the portal with the public sections only and ID numbers masked.
import type { EnginePlugin } from './plugin.js';
import { AppError } from '../errors.js';
import { requireUser } from '../auth/index.js';
import { buildProfile, loadProfiles, type ProfileDef, type ProfileOrg } from '../profiles/index.js';
import { canSeeOrgProfile } from '../runtime/index.js';

const params = {
  type: 'object', required: ['profile', 'code'],
  properties: { profile: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, code: { type: 'string', pattern: '^[0-9A-Z]{9,18}$' } },
};

export const profileRoutes: EnginePlugin = async (app, { engine }) => {
  const profiles = loadProfiles(engine.config.rootDir, engine.ajv);

  const find = async (name: string, code: string): Promise<{ def: ProfileDef; org: ProfileOrg }> => {
    const def = profiles[name];
    if (!def) throw new AppError('NOT_FOUND', { what: `信息页 ${name}` });
    const org = await engine.db.models.Org.findOne({ where: { code }, raw: true });
    if (!org || (def.orgKinds && !def.orgKinds.includes(org.kind as string))) throw new AppError('NOT_FOUND', { what: `单位 ${code}` });
    // SQLite's raw rows give booleans as 0/1: 是否本地企业 must read 是/否, not 1.
    const local = org.local === null || org.local === undefined ? null : Boolean(org.local);
    return { def, org: { ...(org as unknown as ProfileOrg), local } };
  };

  app.get('/api/profiles', {
    schema: { tags: ['profiles'], summary: '信息页（如企业信息详情）的定义：名称、标题、栏目及是否公开' },
  }, async () => ({
    items: Object.entries(profiles).map(([name, p]) => ({
      name, title: p.title, menu: p.menu ?? null, orgKinds: p.orgKinds ?? null,
      sections: p.sections.map((s) => ({ name: s.name, title: s.title, public: !!s.public })),
    })),
  }));

  app.get<{ Params: { profile: string; code: string } }>('/api/profiles/:profile/:code', {
    schema: { tags: ['profiles'], summary: '某单位的信息页全部栏目（本单位、管理部门可见），如 /api/profiles/enterprise/<统一社会信用代码>', params },
  }, async (req) => {
    const user = requireUser(req);
    const { def, org } = await find(req.params.profile, req.params.code);
    if (!canSeeOrgProfile(engine.registry.roles, user, org.id)) throw new AppError('FORBIDDEN');
    return buildProfile(engine, req.params.profile, def, org, { publicView: false });
  });

  app.get<{ Params: { profile: string; code: string } }>('/api/public/profiles/:profile/:code', {
    schema: { tags: ['public'], summary: '某单位信息页的公开栏目（身份证号码已遮蔽），如企业信息详情', params },
  }, async (req) => {
    const { def, org } = await find(req.params.profile, req.params.code);
    return buildProfile(engine, req.params.profile, def, org, { publicView: true });
  });
};
