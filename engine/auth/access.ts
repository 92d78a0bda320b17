// Route guards: who is calling and may they. The session user is set on every /api request by
// the server's onRequest hook; these only read it.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { SessionUser } from './sessions.js';

/** The logged-in user, or 401 UNAUTHENTICATED. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED');
  return req.user;
}

/** The logged-in user when their role is one of roles: 401 when nobody is logged in, else 403 FORBIDDEN. */
export function requireRole(req: FastifyRequest, ...roles: string[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw new AppError('FORBIDDEN');
  return user;
}
