// Roles are data: roles/<id>.json, one file per role (see docs/definitions.md, Roles). They are
// checked against the meta-schema below at start; a broken file stops the start with a Chinese
// message naming the file and the field, like a broken type.
import fs from 'node:fs';
import path from 'node:path';
import type Ajv from 'ajv';
import { validateForm } from '../validation/index.js';
import type { DefinitionProblem, RoleDef, Roles } from './types.js';

export const ROLE_ID = '^[a-z][a-z0-9-]{1,31}$';

/** The meta-schema of a role file; titles are the field names in error messages. */
export const roleMetaSchema = {
  type: 'object',
  title: '角色定义',
  required: ['title', 'kind', 'scope', 'home'],
  properties: {
    title: { type: 'string', title: '角色名称（title）', minLength: 1, maxLength: 50 },
    tabTitle: { type: 'string', title: '登录页签名称（tabTitle）', minLength: 1, maxLength: 10 },
    kind: {
      title: '角色类别（kind）', enum: ['department', 'organisation', 'person', 'admin'],
      description: 'department 管理部门 / organisation 机构 / person 个人 / admin 系统管理员',
    },
    scope: {
      title: '可见范围（scope）', enum: ['all', 'district', 'org'],
      description: 'all 全部 / district 本区县（已提交的业务） / org 本单位',
    },
    home: { type: 'string', title: '登录后首页（home）', pattern: '^/[a-z0-9/-]*$' },
    order: { type: 'integer', title: '排序（order）' },
    types: { title: '业务类型列表（types）', enum: ['all', 'startable'] },
  },
  additionalProperties: false,
};

/** Reads and checks roles/*.json under rootDir: the roles, or every problem found (in Chinese). */
export function loadRoles(rootDir: string, ajv: Ajv): { roles: Roles; problems: DefinitionProblem[] } {
  const dir = path.join(rootDir, 'roles');
  if (!fs.existsSync(dir)) return { roles: {}, problems: [{ file: 'roles/', path: '/', message: '缺少角色定义目录 roles/' }] };
  const problems: DefinitionProblem[] = [];
  // No prototype: role ids come from the database and from definitions ("constructor" is no role).
  const roles = Object.create(null) as Record<string, RoleDef>;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = `roles/${name}`;
    const id = name.slice(0, -'.json'.length);
    if (!new RegExp(ROLE_ID).test(id)) {
      problems.push({ file, path: '/', message: `文件名「${id}」不是有效的角色标识（小写字母开头，只含小写字母、数字和连字符，最长 32 个字符）` });
      continue;
    }
    if (id === 'applicant') {
      problems.push({ file, path: '/', message: '「applicant」是流程中“申请单位”的保留名称，不能定义为角色' });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (err) {
      problems.push({ file, path: '/', message: `不是有效的 JSON（${(err as Error).message}）` });
      continue;
    }
    const errors = validateForm(ajv, roleMetaSchema, data);
    if (errors.length) {
      // The form messages speak of a form; a role file has fields of its own.
      for (const e of errors) problems.push({ file, path: e.field || '/', message: e.message.replace('不是本表单的字段', '不是角色定义的字段') });
      continue;
    }
    roles[id] = { ...(data as Omit<RoleDef, 'id'>), id };
  }
  if (!problems.length && !Object.values(roles).some((r) => r.kind === 'admin')) {
    problems.push({ file: 'roles/', path: '/', message: '至少需要一个类别为 admin（系统管理员）的角色' });
  }
  return { roles, problems };
}

/** The roles in their order (then by id). */
export const roleList = (roles: Roles): RoleDef[] =>
  Object.values(roles).sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id));
