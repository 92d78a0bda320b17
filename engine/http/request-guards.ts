// Checks every request passes before a route sees it, for inputs that used to reach the database
// or a library and come back as an anonymous 500: NUL characters (PostgreSQL refuses them in
// text, SQLite cuts a statement at them), page numbers no database can offset by, and errors
// raised below Fastify's routing (headers too large, malformed multipart) that must still answer
// in the contract's error shape.
import type { Socket } from 'node:net';
import { AppError } from '../errors.js';

/** Highest page number a list accepts: 1e6 pages of 500 is more than any register holds, and
 * the offset stays an integer both databases take (1e308 or a 20-digit page does not). */
export const MAX_PAGE = 1_000_000;
/** The `page` query parameter of every paged list. */
export const PAGE_PARAM = { type: 'integer', minimum: 1, maximum: MAX_PAGE } as const;

/**
 * Where a NUL character hides in a parsed query, params or JSON body ('q', '/data/name'), or null.
 * Walked with an explicit stack: bodies are depth-checked first, but recursion is never needed.
 */
export function findNul(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        const path = at ? `${at}/${k}` : k;
        if (k.includes('\u0000')) return path;
        stack.push([child, path]);
      }
    }
  }
  return null;
}

/** Refuses a request carrying a NUL anywhere the routes read: 400 naming the parameter or field. */
export function refuseNul(req: { query?: unknown; params?: unknown; body?: unknown }): void {
  const where = findNul(req.query, '') ?? findNul(req.params, '') ?? (typeof req.body === 'object' ? findNul(req.body, '/') : null);
  if (where !== null) throw new AppError('BAD_REQUEST', { reason: `${where.replace(/^\/\//, '/')} 含有不允许的空字符（NUL）` });
}

/** Errors of a multipart body the parser could not read (no boundary, cut off mid-part). */
export const MALFORMED_MULTIPART = /Multipart: Boundary not found|Unexpected end of multipart data|terminated early due to unexpected end of multipart data|Malformed part header/;

/**
 * Node's HTTP parser refuses some requests before Fastify routes them (headers over the limit, a
 * broken request line); Fastify's default answer is not in the contract's shape. Here they are.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const appErr = err.code === 'HPE_HEADER_OVERFLOW'
    ? new AppError('HEADERS_TOO_LARGE')
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? new AppError('REQUEST_TIMEOUT') : new AppError('BAD_REQUEST', { reason: '无法解析的 HTTP 请求' });
  const body = JSON.stringify(appErr.toJSON());
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${appErr.status} ${appErr.status === 431 ? 'Request Header Fields Too Large' : appErr.status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
