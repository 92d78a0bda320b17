// The audit log: every administrative change, with who and when. Append-only.
import type { Transaction } from 'sequelize';
import type { Engine } from '../context.js';

export async function audit(engine: Engine, actorId: number, action: string, target: string, detail?: unknown, t?: Transaction) {
  await engine.db.models.AuditLog.create({ actorId, action, target, detail: detail ?? null }, { transaction: t });
}

/** One page of the audit log, newest first. */
export async function auditPage(engine: Engine, page: number, pageSize = 50) {
  return engine.db.models.AuditLog.findAndCountAll({ order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true });
}
