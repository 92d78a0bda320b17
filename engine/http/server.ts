// The Fastify application: one error handler for the contract's error JSON, session lookup on
// every request, an Origin check against CSRF, and the resource plugins.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import compress from '@fastify/compress';
import zlib from 'node:zlib';
import { AppError } from '../errors.js';
import { DefinitionError } from '../registry/index.js';
import type { Engine } from '../context.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { registerOpenApi } from './openapi.js';
import { ADMIN_PREFIX, adminArea, refuseStrayAdminRoute } from './admin-area.js';
import { authRoutes } from './routes-auth.js';
import { typeRoutes } from './routes-types.js';
import { caseRoutes } from './routes-cases.js';
import { taskRoutes } from './routes-tasks.js';
import { fileRoutes } from './routes-files.js';
import { publicRoutes } from './routes-public.js';
import { publicityRoutes } from './routes-publicity.js';
import { checkRoutes } from './routes-check.js';
import { publicCaseRoutes } from './routes-public-cases.js';
import { statsRoutes } from './routes-stats.js';
import { orgRoutes } from './routes-orgs.js';
import { publicIndexRoutes } from './routes-public-index.js';
import { registerRoutes } from './routes-registers.js';
import { reportRoutes } from './routes-reports.js';
import { excelRoutes } from './routes-excel.js';
import { excelCaseRoutes } from './routes-excel-cases.js';
import { profileRoutes } from './routes-profiles.js';
import { printRoutes } from './routes-print.js';
import { APP_FALLBACK, RENDERER_DIST, staticRoutes } from './static.js';
import type { EnginePlugin } from './plugin.js';
import { clientErrorHandler, MALFORMED_MULTIPART, refuseNul } from './request-guards.js';
import { formatBytes } from '../excel/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** Every route, as registered: the RBAC matrix and the admin tests enumerate it. */
    routeList: Array<{ method: string; url: string }>;
  }
}

const DB_DOWN = /SequelizeConnection|ConnectionRefused|ConnectionError|ECONNREFUSED|ECONNRESET|57P01|57P03|terminating connection|Connection terminated|Query read timeout|SQLITE_BUSY|SQLITE_CANTOPEN/;

/** Bodies nested deeper than this are refused before anything walks them: recursive code (validation,
 * JSON columns) overflows the stack on 10,000 levels. Forms and definitions nest a few dozen at most. */
const MAX_BODY_DEPTH = 100;

/** Is a parsed JSON value nested deeper than limit? Counted with an explicit stack, never recursively. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Object.values(v as object)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** The limits a 413 names: the request body's and an upload's, as the operator set them. */
export interface SizeLimits { bodyLimitBytes: number; uploadLimitBytes: number }

export function toAppError(err: unknown, limits?: SizeLimits): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof DefinitionError) {
    const [first] = err.problems;
    return new AppError('DEF_INVALID', { file: first?.file ?? '', path: first?.path ?? '', reason: first?.message ?? '' }, err.problems);
  }
  const e = err as { name?: string; message?: string; code?: string; statusCode?: number; validation?: unknown };
  const text = `${e?.name ?? ''} ${e?.code ?? ''} ${e?.message ?? ''}`;
  if (DB_DOWN.test(text)) return new AppError('DB_UNAVAILABLE');
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e?.statusCode === 413) {
    const bytes = e?.code === 'FST_REQ_FILE_TOO_LARGE' ? limits?.uploadLimitBytes : limits?.bodyLimitBytes;
    return new AppError('PAYLOAD_TOO_LARGE', { limit: bytes ? formatBytes(bytes) : '请求上限' });
  }
  // A multipart body cut off mid-file ends the part's stream early while a route reads it.
  if (MALFORMED_MULTIPART.test(e?.message ?? '') || e?.code === 'ERR_STREAM_PREMATURE_CLOSE') return new AppError('BAD_REQUEST', { reason: '上传的 multipart 请求不完整或格式不正确' });
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e?.statusCode === 415) {
    return new AppError('UNSUPPORTED_MEDIA', { detail: e.message ?? '' });
  }
  if (e?.validation || e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e?.statusCode === 400)) {
    return new AppError('BAD_REQUEST', { reason: e.message ?? '' });
  }
  return new AppError('INTERNAL');
}

/** Routes anyone may call without a session: the portal, login and registration, health. */
const PUBLIC_ROUTES = ['/api/health', '/api/districts', '/api/roles', '/api/auth/login', '/api/auth/logout', '/api/auth/register', '/api/auth/registration-types'];
// APP_FALLBACK is the web app's catch-all (static.ts); it answers an unknown /api path with a 404 itself.
export const isPublicRoute = (pattern: string) => PUBLIC_ROUTES.includes(pattern) || pattern.startsWith('/api/public/') || pattern === APP_FALLBACK;

/** Browsers send Origin on cross-site writes; a write whose Origin is not this host is refused. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export async function buildServer(engine: Engine): Promise<FastifyInstance> {
  const app = Fastify({
    // The engine's logger (engine/logger.ts): redacting, shared with timers and import jobs.
    loggerInstance: engine.log,
    bodyLimit: engine.config.bodyLimitBytes,
    // Only the proxies the operator names (BEIAN_TRUST_PROXY) may say who the client is; anyone
    // else's X-Forwarded-For is ignored, or a password guesser could invent a new address per
    // attempt (a private network is no proof: any LAN client could).
    trustProxy: engine.config.trustProxy,
    // Prototype pollution: refuse bodies that carry __proto__ or constructor.prototype keys.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Requests Node refuses before routing (431, 408, 400) still answer in the error shape.
    clientErrorHandler,
  });
  app.decorateRequest('user', null);
  const routeList: Array<{ method: string; url: string }> = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    // The console's API answers only to administrators because its routes live in the admin
    // plugin (admin-area.ts) with its hook: one registered elsewhere would escape it.
    refuseStrayAdminRoute(r);
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url });
  });

  await app.register(cookie);
  // Answers over 1 KB go compressed to clients that accept it (JSON lists, the app's page):
  // brotli at a low level (fast enough per request), else gzip. Built assets are compressed
  // once at build time instead (static.ts); PDFs and .xlsx files are compressed already.
  await app.register(compress, {
    global: true, threshold: 1024, encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(multipart, {
    limits: { fileSize: engine.config.uploadLimitBytes, files: 1, fields: 10, parts: 12 },
  });
  await registerOpenApi(app);

  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err, engine.config);
    if (appErr.status >= 500) req.log.error({ err }, appErr.code);
    reply.status(appErr.status).send(appErr.toJSON());
  });
  app.setNotFoundHandler((req, reply) => {
    const appErr = new AppError('NOT_FOUND', { what: `接口 ${req.method} ${req.url.split('?')[0]}` });
    reply.status(404).send(appErr.toJSON());
  });

  app.addHook('onRequest', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && !sameOrigin(req)) {
      throw new AppError('CSRF_REJECTED');
    }
    if (!req.url.startsWith('/api/')) return;
    req.user = await loadSessionUser(engine, req.cookies?.beian_sid);
    // Deny by default: every /api route needs a session unless it is on the public list, so an
    // anonymous caller gets 401 before anything else (even before body validation).
    const pattern = req.routeOptions.url ?? '';
    if (!req.user && pattern && !isPublicRoute(pattern)) throw new AppError('UNAUTHENTICATED');
  });
  app.addHook('preValidation', async (req) => {
    if (typeof req.body === 'object' && req.body !== null && deeperThan(req.body, MAX_BODY_DEPTH)) {
      throw new AppError('BAD_REQUEST', { reason: `JSON 嵌套超过 ${MAX_BODY_DEPTH} 层` });
    }
    refuseNul(req);
  });

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查' } }, async () => {
    await engine.db.sequelize.query('SELECT 1');
    return { ok: true, database: engine.db.dialect, pdf: engine.status.pdf, time: new Date().toISOString() };
  });
  // Each resource is an encapsulated plugin given the engine; the hooks above, set on the root
  // before any of them, apply to all.
  const resources: EnginePlugin[] = [
    authRoutes, typeRoutes, caseRoutes, taskRoutes, fileRoutes, publicRoutes, publicityRoutes, checkRoutes,
    publicCaseRoutes, statsRoutes, orgRoutes, publicIndexRoutes, registerRoutes, reportRoutes, excelRoutes,
    excelCaseRoutes, profileRoutes, printRoutes,
  ];
  for (const resource of resources) await app.register(resource, { engine });
  await app.register(adminArea, { engine, prefix: ADMIN_PREFIX });
  await app.register(staticRoutes, { dist: RENDERER_DIST });
  return app;
}
