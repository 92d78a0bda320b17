// SQLite has one writer per file. The engine's write transactions already share one connection and
// commit in groups (connection.ts); a model write made outside db.tx (a session at login, a user's
// last login, an objection, an admin draft, an import job's progress) would otherwise run on a
// second connection and wait in SQLite's busy handler behind the group commit — up to its whole
// duration, holding a libuv thread that password hashing (scrypt) also needs. Here such writes are
// queued on the one writer instead: each becomes a transaction of its own in the next group.
// PostgreSQL needs none of this (a pool of connections with row locks).
import type { Transaction } from 'sequelize';
import type { Db } from './connection.js';
import type { AnyModel, Models } from './models.js';

const WRITES = ['create', 'bulkCreate', 'update', 'destroy', 'upsert'] as const;
/** Where each write method takes its options (create(values, options), destroy(options) …). */
const OPTIONS_AT: Record<(typeof WRITES)[number], number> = { create: 1, bulkCreate: 1, update: 1, destroy: 0, upsert: 1 };

export function routeWritesThroughWriter(db: Db, models: Models): void {
  if (db.dialect !== 'sqlite') return;
  for (const model of Object.values(models) as AnyModel[]) {
    const m = model as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of WRITES) {
      const original = m[name].bind(model);
      const at = OPTIONS_AT[name];
      m[name] = (...args: unknown[]) => {
        const options = (args[at] ?? {}) as { transaction?: Transaction | null };
        if (options.transaction) return original(...args);
        const call = [...args];
        return db.tx((t) => {
          call[at] = { ...options, transaction: t };
          return original(...call);
        });
      };
    }
  }
}
