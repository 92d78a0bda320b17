// Registration, login, logout and the caller's own account. Passwords arrive in bodies only;
// Fastify's request log never includes bodies, and nothing here logs one.
import type { FastifyReply, FastifyRequest } from 'fastify';
// Brings the OpenAPI keys (tags, summary) into Fastify's route schema type.
import type {} from '@fastify/swagger';
import type { Engine } from '../context.js';
import type { EnginePlugin } from './plugin.js';
import {
  SESSION_COOKIE, changePassword, destroySession, login, registerAccount, registrationTypes, requireUser, toOrgView,
} from '../auth/index.js';

const TAGS = ['auth'];
const password = { type: 'string', maxLength: 128 };

function setSessionCookie(engine: Engine, req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    // Secure only over https (trustProxy reads X-Forwarded-Proto): a plain-http demo must still log in.
    secure: req.protocol === 'https',
    maxAge: engine.config.sessionHours * 3600,
  });
}

export const authRoutes: EnginePlugin = async (app, { engine }) => {
  app.post('/api/auth/register', {
    schema: {
      tags: TAGS,
      summary: '机构注册（开发建设单位、物业服务企业、业主委员会）',
      description: '表单字段随机构类型而定（见 /api/auth/registration-types）；须同意《机构注册协议》。统一社会信用代码（或机构代码）即登录名。',
      body: {
        type: 'object',
        required: ['orgType'],
        properties: {
          orgType: { type: 'string', maxLength: 32, description: '机构类型：developer / company / committee' },
          // No types on these: a wrong value must come back as a per-field FORM_INVALID, not a bare 400.
          password: { description: '密码：8–64 位，至少包含大写字母、小写字母、数字、符号中的三类' },
          agreementAccepted: { description: '已阅读并同意《机构注册协议》，须为 true' },
          pilotCode: { description: '申请人声明统一社会信用代码为试点期代码（校验位不符时）' },
          uploadTicket: { description: '本次注册上传要件所用的 ticket（POST /api/public/registration-files）；要件只能是本次注册上传的文件' },
        },
        // Form fields vary by organisation type and are validated against its form definition.
        additionalProperties: true,
      },
    },
  }, async (req, reply) => {
    const result = await registerAccount(engine, req.body as Record<string, unknown>);
    return reply.status(201).send(result);
  });

  app.post('/api/auth/login', {
    schema: {
      tags: TAGS,
      summary: '登录',
      description: '机构以统一社会信用代码（或机构代码）登录。连续失败达到上限将暂时锁定账号。',
      body: {
        type: 'object',
        required: ['username', 'password'],
        properties: { username: { type: 'string', maxLength: 64 }, password },
        additionalProperties: false,
      },
    },
  }, async (req, reply) => {
    const { username, password: pw } = req.body as { username: string; password: string };
    const { user, token } = await login(engine, username, pw, req.ip);
    setSessionCookie(engine, req, reply, token);
    return { user };
  });

  app.post('/api/auth/logout', { schema: { tags: TAGS, summary: '退出登录' } }, async (req, reply) => {
    await destroySession(engine, req.cookies?.[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: TAGS, summary: '当前登录用户及所属机构' } }, async (req) => {
    const user = requireUser(req);
    const org = user.orgId ? await engine.db.models.Org.findByPk(user.orgId) : null;
    return { user, org: org ? toOrgView(org.get({ plain: true })) : null };
  });

  app.post('/api/me/password', {
    schema: {
      tags: TAGS,
      summary: '修改密码',
      description: '修改后本账号的其他登录会话全部失效。',
      body: {
        type: 'object',
        required: ['oldPassword', 'newPassword'],
        properties: { oldPassword: password, newPassword: password },
        additionalProperties: false,
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const { oldPassword, newPassword } = req.body as { oldPassword: string; newPassword: string };
    await changePassword(engine, user, oldPassword, newPassword, req.cookies?.[SESSION_COOKIE]);
    return { ok: true };
  });

  app.get('/api/auth/registration-types', {
    schema: { tags: TAGS, summary: '可注册的机构类型及其注册表单（公开）' },
  }, async () => {
    return registrationTypes(engine).map((t) => ({
      id: t.id,
      orgType: t.settings.registration.orgType,
      agreement: t.settings.registration.agreement ?? '机构注册协议',
      title: t.settings.title ?? t.schema.title ?? t.id,
      schema: t.schema,
      uiSchema: t.uiSchema,
    }));
  });
};
