// The engine's one logger (pino, as Fastify uses): the HTTP server logs through it
// (loggerInstance), and so do the timer poller and import jobs, which run outside any request.
// Secrets never reach it: cookies and credentials are redacted, and errors are serialized without
// the SQL, bound values and rows a database error carries.
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/** Fastify's view of a pino logger, so the server can take it as its own. */
export type EngineLogger = FastifyBaseLogger;

/**
 * An error as it is logged: what a developer needs (kind, message, code, stack, and the same of its
 * cause), never the SQL, bound values, rows or `detail` a database error carries — they hold session
 * ids, ID numbers, form data.
 */
export function errorForLog(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  const e = err as { name?: string; message?: string; code?: string; stack?: string; parent?: unknown; original?: unknown } | null;
  const cause = (e?.parent ?? e?.original) as { name?: string; message?: string; code?: string } | undefined;
  return {
    type: e?.name ?? 'Error', message: e?.message ?? '', code: e?.code, stack: e?.stack ?? '',
    ...(cause && cause !== err ? { cause: { type: cause.name, message: cause.message, code: cause.code } } : {}),
  };
}

export function createLogger(level: string): EngineLogger {
  return pino({
    level,
    // Never log secrets: cookies and credentials are redacted from request logs.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: { err: errorForLog },
  });
}
