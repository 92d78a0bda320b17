// Versioned schema migrations with Umzug: the numbered migrations of ./migrations run in order, each
// recorded by name in schema_migrations. All pending ones of a start run in one write transaction
// under a lock, so two servers starting at once never both migrate: PostgreSQL takes a
// transaction-scoped advisory lock (released by COMMIT or ROLLBACK, also when the process dies);
// SQLite's BEGIN IMMEDIATE is already the one write lock on the file. The second server waits,
// then finds nothing pending. Umzug orders, records and reports; the lock and the transaction are
// ours because Umzug leaves both to the storage.
import type { Transaction } from 'sequelize';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Db } from './connection.js';
import { MIGRATIONS, migrationContext, type MigrationContext } from './migrations/index.js';

/** An arbitrary constant naming Beian's migration lock among PostgreSQL advisory locks. */
const PG_MIGRATION_LOCK = 4_242_026_012;

function storage(db: Db, t: Transaction): UmzugStorage<MigrationContext> {
  const q = (sql: string, replacements?: Record<string, unknown>) => db.sequelize.query(sql, { transaction: t, replacements });
  return {
    async executed() {
      const [rows] = await q('SELECT name FROM schema_migrations ORDER BY name');
      return (rows as Array<{ name: string }>).map((r) => r.name);
    },
    async logMigration({ name }) {
      await q('INSERT INTO schema_migrations (name, applied_at) VALUES (:name, :at)', { name, at: new Date().toISOString() });
    },
    async unlogMigration({ name }) {
      await q('DELETE FROM schema_migrations WHERE name = :name', { name });
    },
  };
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrate(db: Db): Promise<string[]> {
  return db.tx(async (t) => {
    if (db.dialect === 'postgres') await db.sequelize.query(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`, { transaction: t });
    await db.sequelize.query('CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(255) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)', { transaction: t });
    const context = migrationContext(db, t);
    const umzug = new Umzug<MigrationContext>({
      migrations: MIGRATIONS.map((m) => ({ name: m.name, up: ({ context: ctx }) => m.up(ctx) })),
      context,
      storage: storage(db, t),
      logger: undefined,
    });
    return (await umzug.up()).map((m) => m.name);
  }, { timeoutMs: 0 });
}
