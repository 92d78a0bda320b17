// The schema of the 2026-12 release, the last one without versioned migrations. A new database
// gets every table from the models (sync); a database of that release or older gets the tables and
// the column (tasks.type_id) and indexes it may lack. Idempotent: such databases have no version
// table, so this runs once on each of them whatever they already hold.
import type { SyncOptions } from 'sequelize';
import { QUERY_INDEXES } from '../models.js';
import type { Migration } from './context.js';

export const release202612: Migration = {
  name: '0001-release-2026-12',
  async up(ctx) {
    const { db, t } = ctx;
    // Before sync: sync creates the models' indexes, some of which use tasks.type_id.
    if ((await ctx.columns('tasks')).length && await ctx.addColumn('tasks', 'type_id', 'VARCHAR(64)')) {
      await ctx.run('UPDATE tasks SET type_id = (SELECT c.type_id FROM cases c WHERE c.id = tasks.case_id) WHERE type_id IS NULL');
    }
    // SyncOptions' type omits `transaction`, but sync passes its options to every query it runs.
    await db.sequelize.sync({ transaction: t } as SyncOptions);
    for (const { table, name, fields } of QUERY_INDEXES) await ctx.run(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${fields.join(', ')})`);
    // Named by the case-list query on SQLite (INDEXED BY, engine/runtime/access.ts): must exist.
    await ctx.run('CREATE INDEX IF NOT EXISTS tasks_assignee_id_status ON tasks (assignee_id, status)');
    // On PostgreSQL a pattern index so `number LIKE 'PREFIX%'` can use an index whatever the collation.
    if (db.dialect === 'postgres') await ctx.run('CREATE INDEX IF NOT EXISTS cases_number_pattern ON cases (number varchar_pattern_ops)');
    // Superseded by tasks_inbox_district (its leading columns): only slowed every task write.
    await ctx.run('DROP INDEX IF EXISTS tasks_status_role_district');
  },
};
