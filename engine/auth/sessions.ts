// Sessions live in the database (any server can answer any request). The cookie carries a random
// token; the table keeps only its sha256, so a copy of the table cannot be replayed.
import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Engine } from '../context.js';
import { columnList } from '../db/index.js';
import type { SessionUser } from './types.js';

const SESSION_USER = `SELECT ${columnList('sessions', ['expiresAt'], 's')}, ${columnList('users', ['id', 'username', 'role', 'orgId', 'district', 'street', 'displayName', 'active'], 'u')}`
  + ' FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?';

export type { SessionUser } from './types.js';

export const SESSION_COOKIE = 'beian_sid';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(engine: Engine, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + engine.config.sessionHours * 3600_000);
  await engine.db.models.Session.create({ id: hashToken(token), userId, expiresAt });
  // Expired sessions are swept opportunistically; nothing depends on it for correctness.
  await engine.db.models.Session.destroy({ where: { expiresAt: { [Op.lt]: new Date() } } });
  return { token, expiresAt };
}

export async function destroySession(engine: Engine, token: string | undefined): Promise<void> {
  if (token) await engine.db.models.Session.destroy({ where: { id: hashToken(token) } });
}

export async function loadSessionUser(engine: Engine, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  // One prepared statement for the session and its user (every request runs it).
  const row = await engine.db.read.get(SESSION_USER, [hashToken(token)]);
  if (!row || new Date(row.expiresAt as string) < new Date()) return null;
  if (!row.active) return null;
  return toSessionUser(row);
}

export function toSessionUser(user: Record<string, unknown>): SessionUser {
  return {
    id: user.id as number,
    username: user.username as string,
    role: user.role as string,
    orgId: (user.orgId as number | null) ?? null,
    district: (user.district as string | null) ?? null,
    street: (user.street as string | null) ?? null,
    displayName: user.displayName as string,
  };
}
