// Serves the built React renderer (renderer/dist, made by `npm run build`) beside the API.
// The renderer uses browser routing, so every GET that is not /api/…, /docs/… or a built file
// answers index.html and the app picks the page. Without a build the API still runs and `/`
// says how to build the renderer.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';
import { ROOT_DIR } from '../config.js';

export const RENDERER_DIST = path.join(ROOT_DIR, 'renderer', 'dist');
/** The route pattern of the app's catch-all: every GET no other route answers. */
export const APP_FALLBACK = '/*';

const HINT = 'renderer/dist not found: run `npm run build` to build the web app; the API is served anyway.';

/** A path inside `root` that names an existing file, or null (never escapes root). */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = path.normalize(decoded).replace(/^([/\\])+/, '');
  const full = path.join(root, rel);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(full).isFile() ? rel : null;
  } catch {
    return null;
  }
}

/** The web app's files (dist: the build, renderer/dist unless a test gives another). */
export const staticRoutes: FastifyPluginAsync<{ dist?: string }> = async (app, { dist = RENDERER_DIST }) => {
  const apiNotFound = (method: string, url: string) => new AppError('NOT_FOUND', { what: `接口 ${method} ${url.split('?')[0]}` });

  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.log.warn(HINT);
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><meta charset="utf-8"><title>Beian</title><p>${HINT}</p><p><a href="/docs">API 文档</a></p>`));
    return;
  }

  const indexFile = path.join(dist, 'index.html');
  let index = { mtimeMs: -1, body: '' };
  const indexHtml = () => {
    const { mtimeMs } = fs.statSync(indexFile);
    if (mtimeMs !== index.mtimeMs) index = { mtimeMs, body: fs.readFileSync(indexFile, 'utf8') };
    return index.body;
  };

  // serve: false — only reply.sendFile; the route below decides what each path answers.
  // preCompressed: the build wrote .br/.gz beside each asset; a browser that accepts one gets it.
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });

  app.get(APP_FALLBACK, { schema: { hide: true } }, async (req, reply) => {
    const urlPath = req.url.split('?')[0];
    // An unknown API path is an API 404 in the contract's JSON, never the app's HTML.
    if (urlPath === '/api' || urlPath.startsWith('/api/')) throw apiNotFound(req.method, req.url);
    const file = fileUnder(dist, urlPath);
    if (file && file !== 'index.html') {
      // Built assets carry a content hash in their names: cache them for good.
      const hashed = file.startsWith('assets' + path.sep) || file.startsWith('assets/');
      // Sent as .br, .gz or as is by what the browser accepts: a cache must keep them apart
      // (@fastify/static's preCompressed does not say so itself).
      reply.header('Vary', 'Accept-Encoding');
      return reply.sendFile(file, { maxAge: hashed ? '365d' : '1h', immutable: hashed });
    }
    // A path with a file extension that is not there is a missing file, not a page of the app.
    if (/\.[a-z0-9]{1,8}$/i.test(urlPath)) throw new AppError('NOT_FOUND', { what: `文件 ${urlPath}` });
    // The page itself is always revalidated: after an upgrade it names the new assets. Sent from
    // memory (under 1 KB, read again when the build changes it) rather than through sendFile,
    // whose pre-compressed lookup would replace this Cache-Control with its own.
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml());
  });
};
